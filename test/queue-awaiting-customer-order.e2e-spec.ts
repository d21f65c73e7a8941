import { encodeCursor } from '@casetrail/readmodels/documents/keyset-cursor';
import { caseStream } from '../apps/api/src/cases/commands/case-command';
import type { CommandMeta } from '../apps/api/src/commands/command-meta';
import { CreationIds } from '../apps/api/src/commands/creation-ids';
import { commandIdFor } from '../apps/api/src/shared/request-context';
import { useAcmeWithJane } from './support/fixtures/acme-with-jane';
import type { ApiClient } from './support/fixtures/api-client';
import type { TestApp } from './support/test-app';

/**
 * Cases awaiting the customer have every unmet clock paused, so the queues' "earliest due target"
 * had nothing to go by: they came in id order, and a case opened with an Idempotency-Key has an id
 * hashed from the key. Now the case with the least resolution time left comes first (the one
 * closest to breaching once the customer answers), then the first opened; running cases of the
 * same rank still come before them.
 *
 * Severity 2 web cases on the default calendar (Monday to Friday): resolution 14 business days.
 */
describe('queue order of cases awaiting the customer', () => {
  let t: TestApp;
  let api: ApiClient;
  let engineer: string;
  let jane: string;
  let licenceId: string;
  const ids = { saturday: '', sunday: '', moreLeft: '', lessLeft: '', running: '' };

  const get = (url: string) => api.send({ method: 'GET', url }, engineer);
  const idsIn = async (url: string) => {
    const response = await get(url);
    expect(response.status).toBe(200);
    return response.json().items.map((item: { id: string }) => item.id) as string[];
  };

  async function openCase(title: string, idempotencyKey?: string): Promise<string> {
    const payload = { licenceId, title, description: 'HTTP 500 on checkout', severity: 2, channel: 'web' };
    const headers = idempotencyKey ? { 'idempotency-key': idempotencyKey } : undefined;
    const response = await api.expect(201, { method: 'POST', url: '/v1/cases', payload, headers }, jane);
    return response.json().id;
  }

  /**
   * An Idempotency-Key whose case id sorts before `id`. Keyed ids are an HMAC with the desk's
   * random secret, so no fixed key is sure to: the desk derives the id of each candidate (without
   * opening anything) until one does, as half of them do.
   */
  async function keySortingBefore(id: string, prefix: string): Promise<string> {
    for (let attempt = 1; attempt <= 64; attempt += 1) {
      const key = `${prefix}-${attempt}`;
      if ((await caseIdKeyedBy(key)) < id) return key;
    }
    throw new Error(`no key of 64 gives a case id sorting before ${id}`);
  }

  /**
   * Of 64 Idempotency-Keys, the one whose case id sorts last: a case opened with it leaves room
   * for another to sort before it (a case id near the bottom, as 1 in 64 random ones are, left
   * none within keySortingBefore's 64 tries, and the spec failed now and then).
   */
  async function keySortingLast(prefix: string): Promise<string> {
    let last = { key: `${prefix}-1`, id: await caseIdKeyedBy(`${prefix}-1`) };
    for (let attempt = 2; attempt <= 64; attempt += 1) {
      const key = `${prefix}-${attempt}`;
      const id = await caseIdKeyedBy(key);
      if (id > last.id) last = { key, id };
    }
    return last.key;
  }

  /** The id of the case Jane would open with `key`, derived by the desk without opening anything. */
  async function caseIdKeyedBy(key: string): Promise<string> {
    const janeActor = { sub: 'jane@acme.example', email: 'jane@acme.example', roles: [] };
    const commandId = commandIdFor(janeActor, 'POST /v1/cases', key);
    return (await t.app.get(CreationIds).of({ commandId } as CommandMeta, caseStream)).id;
  }

  const requestInformation = (caseId: string) =>
    api.expect(
      200,
      {
        method: 'POST',
        url: `/v1/cases/${caseId}/information-request`,
        payload: { body: 'Which version do you run?' },
      },
      engineer,
    );

  useAcmeWithJane((setting) => ({ t, api, engineer, jane, licenceId } = setting), {
    clockAt: '2026-02-27T09:00:00.000Z',
  });

  beforeAll(async () => {
    // Opened over the weekend: both clocks start on Monday, so both have the same time left.
    t.clock.set('2026-02-28T10:00:00.000Z');
    ids.saturday = await openCase('Opened on Saturday', await keySortingLast('saturday-case'));
    t.clock.set('2026-03-01T10:00:00.000Z');
    ids.sunday = await openCase('Opened on Sunday', await keySortingBefore(ids.saturday, 'sunday-case'));

    // Monday: a case asked about at once keeps most of its time.
    t.clock.set('2026-03-02T09:00:00.000Z');
    ids.moreLeft = await openCase('Asked about at once');
    for (const caseId of [ids.saturday, ids.sunday, ids.moreLeft]) await requestInformation(caseId);
    t.clock.set('2026-03-02T09:05:00.000Z');
    ids.lessLeft = await openCase('Asked about on Thursday');

    // Thursday: the other case is asked about with three days less left; a new case is running.
    t.clock.set('2026-03-05T09:00:00.000Z');
    await requestInformation(ids.lessLeft);
    ids.running = await openCase('Still running');
  });

  it('has ids in the wrong order for the queue, as hash ids may be', () => {
    // The keyed Sunday case's id sorts before the Saturday one's (its key chosen so, whatever the
    // desk's secret); time-ordered ids follow opening.
    expect(ids.sunday < ids.saturday).toBe(true);
    expect(ids.moreLeft < ids.lessLeft).toBe(true);
  });

  it('lists the case with the least resolution time left first, and of equal time left the first opened', async () => {
    const paused = await get(`/v1/cases/${ids.lessLeft}`);
    expect(paused.json().sla.resolution).toMatchObject({ state: 'paused' });
    const timeLeft = async (caseId: string) =>
      (await get(`/v1/cases/${caseId}`)).json().sla.resolution.remainingMs as number;
    expect(await timeLeft(ids.saturday)).toBe(await timeLeft(ids.sunday));

    expect(await idsIn('/v1/queues/awaiting-customer')).toEqual([
      ids.lessLeft,
      ids.saturday,
      ids.sunday,
      ids.moreLeft,
    ]);
  });

  it('keeps a running case of the same rank before the paused ones in the open queue', async () => {
    expect(await idsIn('/v1/queues/open')).toEqual([
      ids.running,
      ids.lessLeft,
      ids.saturday,
      ids.sunday,
      ids.moreLeft,
    ]);
  });

  it('pages through the same order one case at a time', async () => {
    const walked: string[] = [];
    let url: string | undefined = '/v1/queues/awaiting-customer?limit=1';
    while (url) {
      const page = (await get(url)).json();
      walked.push(...page.items.map((item: { id: string }) => item.id));
      url = page.nextCursor
        ? `/v1/queues/awaiting-customer?limit=1&cursor=${encodeURIComponent(page.nextCursor)}`
        : undefined;
    }
    expect(walked).toEqual(await idsIn('/v1/queues/awaiting-customer'));
  });

  it('refuses a cursor of the queue order before paused cases had their own key, naming cursor', async () => {
    const oldOrder = [
      { field: 'priorityRank', direction: 'asc' as const },
      { field: 'nextDueAt', direction: 'asc' as const },
      { field: 'id', direction: 'asc' as const },
    ];
    const cursor = encodeCursor(oldOrder, { status: 'awaiting-customer' }, [
      12,
      '9999-12-31T23:59:59.999Z',
      ids.moreLeft,
    ]);
    const response = await get(`/v1/queues/awaiting-customer?cursor=${cursor}`);
    expect(response.status).toBe(400);
    // One sort value fewer than the queue's keys now: refused before its position means anything.
    expect(response.json()).toMatchObject({ type: expect.stringContaining('invalid-cursor') });
    expect(response.json().errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
  });
});
