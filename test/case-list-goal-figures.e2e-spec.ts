import { useAcmeWithJane } from './support/fixtures/acme-with-jane';
import type { ApiClient } from './support/fixtures/api-client';
import type { TestApp } from './support/test-app';

type Goal = 'firstResponse' | 'resolution';
type Outcome = 'met' | 'missed';

/**
 * Drill-down from a dashboard goal figure to its cases: `GET /v1/cases?firstResponse=met|missed`
 * (or `resolution=`) with `goalSeverity` lists the cases the SLA dashboard counts in that figure,
 * by its rules: under the severity the goal ran on (not the case's current one), a late answer as
 * missed, a running target as missed once past due (at the time of the request), a paused one and
 * a redirected case's resolution as neither.
 *
 * Web cases on the default calendar (Monday to Friday, all day, UTC): a first response is due a
 * business day after the opening; a resolution 7 (severity 1), 14 (2) or 21 (3) business days on.
 */
describe("drilling down from the dashboard's goal figures to their cases", () => {
  let t: TestApp;
  let api: ApiClient;
  let engineer: string;
  let jane: string;
  let accountId: string;
  let licenceId: string;
  const cases: Record<string, string> = {};

  const get = (url: string, token = engineer) => api.send({ method: 'GET', url }, token);
  const ids = (body: { items: { id: string }[] }) => body.items.map((item) => item.id).sort();
  const post = (caseId: string, path: string, payload: object, status = 200) =>
    api.expect(status, { method: 'POST', url: `/v1/cases/${caseId}/${path}`, payload }, engineer);
  const openAt = async (at: string, severity: 2 | 3) => {
    t.clock.set(at);
    const payload = { licenceId, title: 'Checkout fails', description: 'HTTP 500', severity, channel: 'web' };
    return (await api.expect(201, { method: 'POST', url: '/v1/cases', payload }, jane)).json().id as string;
  };
  const answerAt = async (caseId: string, at: string) => {
    t.clock.set(at);
    await post(caseId, 'comments', { body: 'Looking into it' }, 201);
  };

  const FILTERS = () => `product=Sitefinity&accountId=${accountId}`;
  const DASHBOARD = () => `/v1/dashboards/sla?from=2026-11-15&to=2026-11-22&${FILTERS()}`;
  const LIST = () => `/v1/cases?openedFrom=2026-11-15&openedTo=2026-11-22&${FILTERS()}`;

  /** The dashboard's figure and the listed cases, for one goal, outcome and severity. */
  async function figureAndList(goal: Goal, outcome: Outcome, severity: 1 | 2 | 3) {
    const dashboard = await get(DASHBOARD());
    expect(dashboard.status).toBe(200);
    const row = dashboard
      .json()
      .severities.find((figures: { severity: number }) => figures.severity === severity);
    const listed = await get(`${LIST()}&${goal}=${outcome}&goalSeverity=${severity}`);
    expect(listed.status).toBe(200);
    return { figure: row[goal][outcome] as number, listed: ids(listed.json()) };
  }

  async function expectFigure(goal: Goal, outcome: Outcome, severity: 1 | 2 | 3, expected: string[]) {
    const { figure, listed } = await figureAndList(goal, outcome, severity);
    expect({ goal, outcome, severity, count: listed.length }).toEqual({
      goal,
      outcome,
      severity,
      count: figure,
    });
    expect({ goal, outcome, severity, listed }).toEqual({ goal, outcome, severity, listed: expected.sort() });
  }

  useAcmeWithJane((setting) => ({ t, api, engineer, jane, accountId, licenceId } = setting), {
    clockAt: '2026-11-13T09:00:00.000Z',
  });

  beforeAll(async () => {
    // Answered in an hour at severity 2, then raised to 1: the response counts under 2.
    cases.raisedAfterAnswer = await openAt('2026-11-16T10:00:00.000Z', 2);
    await answerAt(cases.raisedAfterAnswer, '2026-11-16T11:00:00.000Z');
    t.clock.set('2026-11-16T11:30:00.000Z');
    await post(cases.raisedAfterAnswer, 'severity', { severity: 1, reason: 'The shop is down' });
    // Answered two days later: a late answer is missed (resolution due Friday 4 December 12:00).
    cases.answeredLate = await openAt('2026-11-16T12:00:00.000Z', 2);
    await answerAt(cases.answeredLate, '2026-11-18T12:00:00.000Z');
    // Redirected at once: the redirection's referral answers it; its resolution counts neither.
    cases.redirected = await openAt('2026-11-17T10:00:00.000Z', 3);
    t.clock.set('2026-11-17T11:00:00.000Z');
    await post(cases.redirected, 'redirection', {
      to: 'account-manager',
      referral: 'Licence tiers are a question for your account manager',
    });
    // Never answered: missed once its first response is past due (Thursday 19 November 10:00).
    cases.unanswered = await openAt('2026-11-18T10:00:00.000Z', 3);
    // Asked about at once, the customer never answers: its resolution is paused and counts neither.
    cases.awaitingCustomer = await openAt('2026-11-19T10:00:00.000Z', 2);
    t.clock.set('2026-11-19T11:00:00.000Z');
    await post(cases.awaitingCustomer, 'information-request', { body: 'Which version do you run?' });
    // Resolved the next day: first response and resolution met.
    cases.resolvedInTime = await openAt('2026-11-19T12:00:00.000Z', 3);
    t.clock.set('2026-11-20T10:00:00.000Z');
    await post(cases.resolvedInTime, 'resolution', { summary: 'Cleared the cache' });
    // After the period: never counted.
    cases.after = await openAt('2026-11-23T10:00:00.000Z', 3);
    t.clock.set('2026-11-24T12:00:00.000Z');
  });

  it('lists the cases counted as first response met or missed, under the severity each was answered at', async () => {
    await expectFigure('firstResponse', 'met', 2, [cases.raisedAfterAnswer, cases.awaitingCustomer]);
    await expectFigure('firstResponse', 'missed', 2, [cases.answeredLate]);
    await expectFigure('firstResponse', 'met', 3, [cases.redirected, cases.resolvedInTime]);
    await expectFigure('firstResponse', 'missed', 3, [cases.unanswered]);
    // The case is at severity 1 now, but its response was judged at 2.
    await expectFigure('firstResponse', 'met', 1, []);
    await expectFigure('firstResponse', 'missed', 1, []);
  });

  it("lists the resolutions counted, a redirected case's and a paused one's in neither, missed as of the request", async () => {
    await expectFigure('resolution', 'met', 3, [cases.resolvedInTime]);
    await expectFigure('resolution', 'missed', 1, []);
    await expectFigure('resolution', 'missed', 2, []);

    // Past the severity-1 resolution due time (Wednesday 25 November) and the severity-2 one
    // (Friday 4 December): both running cases are missed now, with no event since.
    t.clock.set('2026-12-10T12:00:00.000Z');
    await expectFigure('resolution', 'missed', 1, [cases.raisedAfterAnswer]);
    await expectFigure('resolution', 'missed', 2, [cases.answeredLate]);
    await expectFigure('resolution', 'met', 3, [cases.resolvedInTime]);
    await expectFigure('resolution', 'missed', 3, []);
    await expectFigure('resolution', 'met', 2, []);
    t.clock.set('2026-11-24T12:00:00.000Z');
  });

  it('without goalSeverity lists every severity’s cases of the figure; with both goals, the cases in both', async () => {
    const missed = await get(`${LIST()}&firstResponse=missed`);
    expect(ids(missed.json())).toEqual([cases.answeredLate, cases.unanswered].sort());
    const both = await get(`${LIST()}&firstResponse=met&resolution=met`);
    expect(ids(both.json())).toEqual([cases.resolvedInTime]);
    // The customer's list holds the same cases: all are hers.
    expect(ids((await get(`${LIST()}&firstResponse=missed`, jane)).json())).toEqual(ids(missed.json()));
  });

  it('binds a page cursor to the goal figure it was issued under', async () => {
    const url = `${LIST()}&firstResponse=met&limit=1`;
    const first = await get(url);
    const cursor = first.json().nextCursor as string;
    expect(cursor).toEqual(expect.any(String));
    expect((await get(`${url}&cursor=${encodeURIComponent(cursor)}`)).status).toBe(200);
    for (const other of [
      `${LIST()}&firstResponse=missed&limit=1`,
      `${LIST()}&firstResponse=met&goalSeverity=2&limit=1`,
      `${LIST()}&resolution=met&limit=1`,
      `${LIST()}&limit=1`,
    ]) {
      const refused = await get(`${other}&cursor=${encodeURIComponent(cursor)}`);
      expect(refused.status).toBe(400);
      expect(refused.json().errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
    }
  });

  it('refuses a bad goal outcome or severity naming the parameter', async () => {
    for (const [query, field] of [
      ['firstResponse=late', 'firstResponse'],
      ['resolution=true', 'resolution'],
      ['firstResponse=met&goalSeverity=4', 'goalSeverity'],
      ['resolution=missed&goalSeverity=high', 'goalSeverity'],
      ['goalSeverity=2', 'goalSeverity'],
    ]) {
      const refused = await get(`/v1/cases?${query}`);
      expect({ query, status: refused.status }).toEqual({ query, status: 400 });
      expect(refused.contentType).toContain('application/problem+json');
      expect(refused.json().errors).toEqual([expect.objectContaining({ field })]);
    }
  });
});
