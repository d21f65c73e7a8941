import { commandIdFor } from '../apps/api/src/shared/request-context';
import { scaled } from './support/fault/fault-scale';
import { HttpAnswer } from './support/fault/http-client';
import { openCase } from './support/fault/seed';
import { eventsOfCommand, readEventLog } from './support/fault/store-inspection';
import { useSeededApi } from './support/fault/seeded-api';

const REPLAYS = scaled(20);

/**
 * The same request with the same Idempotency-Key sent by many clients at once (a retrying
 * client, a proxy replaying): exactly one set of events is written and every answer is the first
 * one; the same key with another body is refused and writes nothing.
 */
describe('Idempotency-Key replays under concurrency', () => {
  const seeded = useSeededApi('fault-idempotency');
  let caseId: string;

  beforeAll(async () => {
    caseId = await openCase(seeded.client.requester(), seeded.world);
  });

  const replayConcurrently = (
    path: string,
    token: string,
    key: string,
    bodies: Record<string, unknown>[],
  ): Promise<HttpAnswer[]> =>
    Promise.all(
      bodies.map((body) => seeded.client.post(path, { token, body, headers: { 'idempotency-key': key } })),
    );

  const commandId = (email: string, path: string, key: string) =>
    commandIdFor({ sub: email, email, roles: [] }, `POST ${path}`, key)!;

  /** One set of events for the key, and every answer is the same acknowledgement of it. */
  async function expectExactlyOnce(
    answers: HttpAnswer[],
    id: string,
    expectedStatus: number,
    eventTypes: string[],
  ): Promise<void> {
    expect(answers.map((answer) => answer.status)).toEqual(Array(answers.length).fill(expectedStatus));
    const acknowledgements = new Set(answers.map((answer) => JSON.stringify(answer.body)));
    expect(acknowledgements.size).toBe(1);
    expect(answers.filter((answer) => answer.headers.get('idempotent-replayed') === 'true')).toHaveLength(
      answers.length - 1,
    );
    const events = eventsOfCommand(await readEventLog(seeded.dataDir), id);
    expect(events.map((event) => event.type)).toEqual(eventTypes);
    expect(events.at(-1)!.revision).toBe((answers[0].body as { revision: number }).revision);
  }

  it('opens one case for concurrent POST /v1/cases with one key', async () => {
    const body = {
      licenceId: seeded.world.licenceId,
      title: 'Once only',
      description: 'Sent by a retrying seeded.client',
      severity: 3,
      channel: 'web',
    };
    const answers = await replayConcurrently(
      '/v1/cases',
      seeded.world.customerToken,
      'open-once',
      Array(REPLAYS).fill(body),
    );
    await expectExactlyOnce(answers, commandId(seeded.world.customerEmail, '/v1/cases', 'open-once'), 201, [
      'CaseOpened',
    ]);
    expect(new Set(answers.map((answer) => answer.headers.get('location'))).size).toBe(1);
  });

  it('adds one comment for concurrent comments with one key', async () => {
    const path = `/v1/cases/${caseId}/comments`;
    const answers = await replayConcurrently(
      path,
      seeded.world.engineerToken,
      'comment-once',
      Array(REPLAYS).fill({ body: 'We are on it' }),
    );
    // The engineer's first public comment is also the first response.
    await expectExactlyOnce(answers, commandId(seeded.world.engineerEmail, path, 'comment-once'), 201, [
      'CommentAdded',
      'FirstResponseGiven',
    ]);
  });

  it('changes the severity once for concurrent changes with one key', async () => {
    const path = `/v1/cases/${caseId}/severity`;
    const answers = await replayConcurrently(
      path,
      seeded.world.engineerToken,
      'severity-once',
      Array(REPLAYS).fill({ severity: 2, reason: 'Checkout is down for some' }),
    );
    await expectExactlyOnce(answers, commandId(seeded.world.engineerEmail, path, 'severity-once'), 200, [
      'SeverityChanged',
    ]);
  });

  it('refuses the same key with another body, whichever arrives first, and writes one set of events', async () => {
    const path = `/v1/cases/${caseId}/comments`;
    const bodies = Array.from({ length: REPLAYS }, (_, index) => ({
      body: index % 2 === 0 ? 'First wording' : 'Second wording',
    }));
    const answers = await replayConcurrently(path, seeded.world.customerToken, 'comment-reused', bodies);

    expect(answers.every((answer) => answer.status === 201 || answer.status === 422)).toBe(true);
    const accepted = answers
      .map((answer, index) => ({ answer, wording: bodies[index].body }))
      .filter(({ answer }) => answer.status === 201);
    expect(new Set(accepted.map(({ wording }) => wording)).size).toBe(1);
    for (const refusal of answers.filter((answer) => answer.status === 422)) {
      expect(refusal.headers.get('content-type')).toContain('application/problem+json');
      expect((refusal.body as { detail: string }).detail).toMatch(/Idempotency-Key/);
    }
    const events = eventsOfCommand(
      await readEventLog(seeded.dataDir),
      commandId(seeded.world.customerEmail, path, 'comment-reused'),
    );
    expect(events.map((event) => [event.type, (event.data as { body: string }).body])).toEqual([
      ['CommentAdded', accepted[0].wording],
    ]);
  });
});
