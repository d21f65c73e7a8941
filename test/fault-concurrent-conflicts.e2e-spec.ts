import { CaseEvent, CaseState, evolveCase, initialCaseState, type OpenedCase } from '@casetrail/domain';
import type { RecordedEvent } from '@casetrail/eventstore';
import { CASES, type CaseDocument } from '@casetrail/readmodels/cases/cases.projection';
import { storedCaseState } from '@casetrail/readmodels/projections/stored-case-state';
import { commandIdFor } from '../apps/api/src/shared/request-context';
import { scaled } from './support/fault/fault-scale';
import { HttpAnswer } from './support/fault/http-client';
import { openCase } from './support/fault/seed';
import { eventsOfCommand, readDocument, readStreamOf } from './support/fault/store-inspection';
import { useSeededApi } from './support/fault/seeded-api';

const CONCURRENT = scaled(50);
const CONFLICT_STATUSES = [409, 412];

interface Sent {
  kind: 'severity' | 'comment';
  key: string;
  commandId: string;
  body: Record<string, unknown>;
  answer: HttpAnswer;
}

/**
 * Many clients writing one case at the same instant (severity changes and comments): every
 * accepted command's events are stored once, every refused one wrote nothing, no decision was
 * taken on a stale state (no lost update), and the read model equals the fold of the stream.
 * Conflicts are retried by the server or answered 409/412, never 500.
 */
describe('concurrent conflicting commands on one case', () => {
  const seeded = useSeededApi('fault-conflicts');

  const send = async (
    caseId: string,
    index: number,
    kind: Sent['kind'],
    headers: Record<string, string> = {},
  ): Promise<Sent> => {
    const key = `conflict-${caseId}-${index}`;
    const asEngineer = kind === 'severity' || index % 4 === 1;
    const token = asEngineer ? seeded.world.engineerToken : seeded.world.customerToken;
    const email = asEngineer ? seeded.world.engineerEmail : seeded.world.customerEmail;
    const path = `/v1/cases/${caseId}/${kind === 'severity' ? 'severity' : 'comments'}`;
    const body =
      kind === 'severity'
        ? { severity: index % 4 === 0 ? 2 : 3, reason: `Reassessed (${index})` }
        : { body: `Comment number ${index}` };
    const answer = await seeded.client.post(path, {
      token,
      body,
      headers: { 'idempotency-key': key, ...headers },
    });
    return {
      kind,
      key,
      body,
      answer,
      commandId: commandIdFor({ sub: email, email, roles: [] }, `POST ${path}`, key)!,
    };
  };

  it('keeps every accepted update, writes nothing for a refused one, and the read model equals the fold', async () => {
    const caseId = await openCase(seeded.client.requester(), seeded.world);
    const sent = await Promise.all(
      Array.from({ length: CONCURRENT }, (_, index) =>
        send(caseId, index, index % 2 === 0 ? 'severity' : 'comment'),
      ),
    );

    for (const { answer } of sent) {
      expect(answer.status).toBeLessThan(500);
      if (answer.status >= 300)
        expect(answer.headers.get('content-type')).toContain('application/problem+json');
    }
    // A refusal may be a conflict the server gave up retrying, or a rule (the severity was already that one).
    const refused = sent.filter(({ answer }) => answer.status >= 300);
    for (const { answer } of refused) expect([...CONFLICT_STATUSES, 422]).toContain(answer.status);

    const stream = await readStreamOf(seeded.dataDir, `case-${caseId}`);
    for (const command of sent) {
      const events = eventsOfCommand(stream, command.commandId);
      if (command.answer.status >= 300) {
        expect({ key: command.key, events: events.length }).toEqual({ key: command.key, events: 0 });
        continue;
      }
      expect({ key: command.key, stored: events.length > 0 }).toEqual({ key: command.key, stored: true });
      expect(events.at(-1)!.revision).toBe((command.answer.body as { revision: number }).revision);
    }
    const acceptedComments = sent.filter(({ kind, answer }) => kind === 'comment' && answer.status < 300);
    const storedComments = stream
      .filter((event) => event.type === 'CommentAdded')
      .map((event) => (event.data as { body: string }).body);
    expect(storedComments.sort()).toEqual(acceptedComments.map(({ body }) => body.body as string).sort());

    // No lost update: every severity change was decided on the severity the previous one left.
    const changes = stream
      .filter((event) => event.type === 'SeverityChanged')
      .map((event) => event.data as { from: number; to: number });
    changes.forEach((change, index) => expect(change.from).toBe(index === 0 ? 3 : changes[index - 1].to));

    await expectReadModelEqualsFold(caseId, stream);
  });

  it('with If-Match on the same revision, exactly one wins and the others get 412', async () => {
    const caseId = await openCase(seeded.client.requester(), seeded.world);
    const sent = await Promise.all(
      Array.from({ length: CONCURRENT }, (_, index) => send(caseId, index, 'comment', { 'if-match': '"0"' })),
    );
    const statuses = sent.map(({ answer }) => answer.status);
    expect(statuses.filter((status) => status < 300)).toHaveLength(1);
    expect(statuses.filter((status) => status >= 300)).toEqual(Array(CONCURRENT - 1).fill(412));

    const stream = await readStreamOf(seeded.dataDir, `case-${caseId}`);
    const winner = sent.find(({ answer }) => answer.status < 300)!;
    expect(
      stream
        .filter((event) => event.type === 'CommentAdded')
        .map((event) => (event.data as { body: string }).body),
    ).toEqual([winner.body.body]);
    await expectReadModelEqualsFold(caseId, stream);
  });

  /** The case's read-model state (what queries serve) is exactly the fold of its stored events (read models keep no comments). */
  async function expectReadModelEqualsFold(caseId: string, stream: RecordedEvent[]): Promise<void> {
    await seeded.client.waitUntilCaughtUp();
    const folded = stream.reduce<CaseState>(
      (state, event) => evolveCase(state, { type: event.type, data: event.data } as CaseEvent),
      initialCaseState,
    );
    const document = await readDocument<CaseDocument>(seeded.dataDir, CASES, caseId);
    expect(document?.revision).toBe(stream.length - 1);
    expect(document?.state).toEqual(storedCaseState(folded as OpenedCase));
    const detail = await seeded.client.get(`/v1/cases/${caseId}`, { token: seeded.world.engineerToken });
    expect(detail.body).toMatchObject({
      revision: stream.length - 1,
      severity: (folded as { severity: number }).severity,
    });
  }
});
