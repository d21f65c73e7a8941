import { openCase } from './support/fault/seed';
import { useSeededTestApp } from './support/fault/seeded-test-app';

/**
 * `?asOf=` at the instants the case's detail shows. The detail's `openedAt`, `firstResponseAt`,
 * `resolvedAt` and `closedAt` are when each command was decided (the events' `at`), which comes
 * before the store records the event (here by months: the test clock stands in March while the
 * store stamps the wall clock). The case as of each of those instants shows that fact, and a
 * millisecond before it does not.
 */
describe('as-of at the times the case detail shows', () => {
  const seeded = useSeededTestApp();
  let caseId: string;
  let detail: Record<string, any>;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const get = (url: string) =>
    seeded.t.app.inject({ method: 'GET', url, headers: auth(seeded.world.engineerToken) });
  const asOf = (instant: string) => get(`/v1/cases/${caseId}?asOf=${encodeURIComponent(instant)}`);
  const before = (instant: string) => new Date(Date.parse(instant) - 1).toISOString();

  beforeAll(async () => {
    const { send, world, t } = seeded;
    const step = async (url: string, token: string, payload?: object) => {
      t.clock.advance(60_000);
      const answer = await send('POST', `/v1/cases/${caseId}${url}`, token, payload);
      if (answer.status >= 300) throw new Error(`${url}: ${answer.status} ${JSON.stringify(answer.body)}`);
    };
    caseId = await openCase(send, world);
    await step('/comments', world.engineerToken, { body: 'Looking into it' });
    await step('/resolution', world.engineerToken, { summary: 'Cleared the cache' });
    await step('/closure', world.customerToken);
    detail = (await get(`/v1/cases/${caseId}`)).json();
    expect(detail).toMatchObject({ status: 'closed' });
  });

  it('shows the opening from openedAt on, and names that time when asked a millisecond before', async () => {
    const at = await asOf(detail.openedAt);
    expect(at.statusCode).toBe(200);
    expect(at.json()).toMatchObject({
      status: 'new',
      revision: 0,
      openedAt: detail.openedAt,
      asOf: detail.openedAt,
    });

    const early = await asOf(before(detail.openedAt));
    expect(early.statusCode).toBe(404);
    expect(early.json().detail).toBe(
      `Case ${caseId} did not exist yet at ${before(detail.openedAt)}: its first event happened at ${detail.openedAt}`,
    );
  });

  it('shows the first response from firstResponseAt on, with its SLA target met then', async () => {
    const at = (await asOf(detail.firstResponseAt)).json();
    expect(at).toMatchObject({ status: 'in-progress', firstResponseAt: detail.firstResponseAt });
    expect(at.sla.firstResponse).toMatchObject({ state: 'met', metAt: detail.firstResponseAt });

    const justBefore = (await asOf(before(detail.firstResponseAt))).json();
    expect(justBefore).toMatchObject({ status: 'new' });
    expect(justBefore).not.toHaveProperty('firstResponseAt');
    expect(justBefore.sla.firstResponse.state).toBe('running');
  });

  it('shows the resolution from resolvedAt on', async () => {
    const at = (await asOf(detail.resolvedAt)).json();
    expect(at).toMatchObject({ status: 'resolved', resolvedAt: detail.resolvedAt });
    expect(at.sla.resolution).toMatchObject({ state: 'met', metAt: detail.resolvedAt });

    const justBefore = (await asOf(before(detail.resolvedAt))).json();
    expect(justBefore).toMatchObject({ status: 'in-progress' });
    expect(justBefore).not.toHaveProperty('resolvedAt');
  });

  it('shows the closure from closedAt on, as the live detail showed it then', async () => {
    const at = (await asOf(detail.closedAt)).json();
    expect(at).toMatchObject({ status: 'closed', closedAt: detail.closedAt, revision: detail.revision });
    const justBefore = (await asOf(before(detail.closedAt))).json();
    expect(justBefore).toMatchObject({ status: 'resolved', revision: detail.revision - 1 });
    expect(justBefore).not.toHaveProperty('closedAt');

    // The live detail read at the closure's instant is the as-of view of that instant.
    seeded.t.clock.set(detail.closedAt);
    // What the caller may do now (allowedActions) is the live detail's alone.
    const {
      team: _team,
      allowedActions: _allowedActions,
      ...live
    } = (await get(`/v1/cases/${caseId}`)).json();
    const { team: _none, asOf: _asOf, ...asOfView } = at;
    expect(asOfView).toEqual(live);
  });

  it('refuses a date that does not exist (Date.parse would roll it over into the next month), naming asOf', async () => {
    for (const impossible of ['2026-02-30T18:26:03Z', '2026-11-31T00:00:00Z', '2026-02-29T09:00:00Z']) {
      const response = await asOf(impossible);
      expect({ impossible, status: response.statusCode }).toEqual({ impossible, status: 400 });
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().errors).toEqual([expect.objectContaining({ field: 'asOf' })]);
    }
    // February 29th of a leap year exists (before this case: 404, not 400).
    expect((await asOf('2024-02-29T09:00:00Z')).statusCode).toBe(404);
  });
});
