import { ProjectionRunner } from '@casetrail/readmodels';
import { NotificationWorld } from './support/notifications/notification-world';
import { startTestApp, type TestApp } from './support/test-app';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

interface SeverityRow {
  severity: number;
  openEscalations: number;
  overdueEscalations: number;
}

/**
 * A duty manager reads on the SLA dashboard how many open escalations owe their acknowledgement or
 * a status update past its time, per severity and in all, decided now (as `breachedNow` is) by the
 * escalations board's own rule, so the figure and `GET /v1/escalations?state=overdue` agree. Before,
 * the dashboard had `openEscalations` only.
 */
describe('the SLA dashboard counts the escalations overdue now', () => {
  let t: TestApp;
  let world: NotificationWorld;
  let unacknowledged: string;
  let acknowledged: string;
  let raisedLater: string;
  let openedAt: number;

  beforeAll(async () => {
    t = await startTestApp();
    world = await new NotificationWorld(t).setUp('enterprise');
    openedAt = t.clock.now().getTime();
    unacknowledged = await world.openCase('Checkout down', 2);
    acknowledged = await world.openCase('Reports slow', 3);
    const escalate = (caseId: string) =>
      world.call('engineer', 'POST', `/v1/cases/${caseId}/escalations`, {
        reason: 'production-impact',
        details: 'Orders stopped',
      });
    await escalate(unacknowledged);
    await escalate(acknowledged);
    await world.call('engineer', 'POST', `/v1/cases/${acknowledged}/escalations/acknowledgement`);
    t.clock.advance(1.5 * HOUR);
    raisedLater = await world.openCase('Search stale', 2);
    await escalate(raisedLater);
    // The first acknowledgement (due in an hour) is past due; the later one and the status update are not.
    t.clock.advance(0.5 * HOUR);
    await caughtUp();
  });
  afterAll(() => t.close());

  const caughtUp = async () => {
    if (!(await t.app.get(ProjectionRunner).catchUp())) throw new Error('projections did not catch up');
  };
  const dashboard = async (query = '') => {
    const body = await world.read('admin', `/v1/dashboards/sla${query}`);
    const bySeverity = Object.fromEntries(
      (body.severities as SeverityRow[]).map((row) => [row.severity, row.overdueEscalations]),
    );
    return { body, bySeverity, total: body.overdueEscalations as number };
  };
  const overdueOnBoard = async () =>
    (await world.read('admin', '/v1/escalations?state=overdue')).items.map(
      (item: { caseId: string }) => item.caseId,
    );

  it('counts an acknowledgement past due under its severity and in all, as the board lists it', async () => {
    const { body, bySeverity, total } = await dashboard();
    expect(bySeverity).toEqual({ 1: 0, 2: 1, 3: 0 });
    expect(total).toBe(1);
    expect(body.severities.find((row: SeverityRow) => row.severity === 2).openEscalations).toBe(2);
    expect(await overdueOnBoard()).toEqual([unacknowledged]);
  });

  it('keeps to the cohort: a period that leaves the case out, an account that is not its own', async () => {
    const after = new Date(openedAt + HOUR).toISOString();
    expect((await dashboard(`?from=${after}`)).total).toBe(0);
    expect((await dashboard(`?to=${after}`)).total).toBe(1);
    const globex = await world.call('admin', 'POST', '/v1/accounts', { name: 'Globex' });
    await caughtUp();
    expect((await dashboard(`?accountId=${globex.id}`)).total).toBe(0);
    expect((await dashboard(`?accountId=${world.accountId}`)).total).toBe(1);
  });

  it('follows the clock: status updates and acknowledgements fall due, an acknowledgement ends one', async () => {
    await world.call('engineer', 'POST', `/v1/cases/${unacknowledged}/escalations/acknowledgement`);
    await caughtUp();
    expect((await dashboard()).total).toBe(0);
    t.clock.advance(2 * DAY);
    await caughtUp();
    const { bySeverity, total } = await dashboard();
    expect(bySeverity).toEqual({ 1: 0, 2: 2, 3: 1 });
    expect(total).toBe(3);
    expect((await overdueOnBoard()).sort()).toEqual([unacknowledged, acknowledged, raisedLater].sort());
  });
});
