import { DEFAULT_SUPPORT_POLICY } from '@casetrail/domain';
import type { SqliteReadModelStore } from '@casetrail/readmodels';
import { ESCALATIONS } from '@casetrail/readmodels/reporting/reporting-collections';
import { reportingProjection } from '@casetrail/readmodels/reporting/reporting.projection';
import { DESK_NOW, projectedDesk } from '@casetrail/readmodels/testing/at-risk-desk';
import type { Actor } from '../../auth/actor';
import { everyAccount } from '../testing/every-account';
import { SlaDashboardService } from './sla-dashboard.service';

const engineer: Actor = { sub: 'eve', email: 'eve@vendor.example', roles: ['engineer'] };

/**
 * The dashboard's time-dependent counts on the `sla_cases` rows the real reporting projection
 * writes, evaluated at the instant asked (no event recorded in between). The desk's cases are all
 * severity 3 (see at-risk-desk.ts).
 */
describe('SLA dashboard: at risk and breached now', () => {
  let store: SqliteReadModelStore;

  beforeAll(async () => {
    store = await projectedDesk(reportingProjection);
  });
  afterAll(() => store.close());

  const severity3At = async (now: string) => {
    const dashboard = new SlaDashboardService(
      store,
      DEFAULT_SUPPORT_POLICY,
      { now: () => new Date(now) },
      everyAccount,
    );
    const board = await dashboard.dashboard(engineer, {});
    expect(board.asOf).toBe(now);
    return board.severities.find((figures) => figures.severity === 3)!;
  };

  it('counts a case whose resolution is at risk while its first response is overdue as at risk and as breached', async () => {
    // At risk: the case with the overdue first response, the first response at risk, the
    // resolution at risk. Breached now: that same first case, and the two overdue only. Not at
    // risk: the case not yet at risk and the paused one (it awaits the customer).
    expect(await severity3At(DESK_NOW)).toMatchObject({ open: 7, atRisk: 3, breachedNow: 3 });
  });

  it('moves with the clock alone: targets come at risk, then fall due', async () => {
    // 12:00: a first response falls due (breached now, no longer at risk).
    expect(await severity3At('2024-06-26T12:00:00.000Z')).toMatchObject({ atRisk: 2, breachedNow: 4 });
    // Tomorrow 01:00: the case opened today comes at risk.
    expect(await severity3At('2024-06-27T01:00:00.000Z')).toMatchObject({ atRisk: 3, breachedNow: 4 });
    // 2 July 09:00: both resolutions at risk fall due.
    expect(await severity3At('2024-07-02T09:00:00.000Z')).toMatchObject({ atRisk: 0, breachedNow: 6 });
  });
});

describe('SLA dashboard: overdue escalations on a desk with very many of them', () => {
  let store: SqliteReadModelStore;

  beforeAll(async () => {
    store = await projectedDesk(reportingProjection);
  });
  afterAll(() => store.close());

  it('counts their cases in bounded queries instead of one SQLite refuses (more than 32,766 values)', async () => {
    // The board's read answers 40,000 overdue escalations; the desk's own cases are not among them.
    const overdue = Array.from({ length: 40_000 }, (_, index) => ({ caseId: `overdue-${index}` }));
    const manyOverdue = new Proxy(store, {
      get(target, property, receiver) {
        if (property !== 'find') return Reflect.get(target, property, receiver);
        return (collection: string, options: object) =>
          collection === ESCALATIONS ? Promise.resolve({ items: overdue }) : target.find(collection, options);
      },
    });
    const dashboard = new SlaDashboardService(
      manyOverdue,
      DEFAULT_SUPPORT_POLICY,
      { now: () => new Date(DESK_NOW) },
      everyAccount,
    );
    const board = await dashboard.dashboard(engineer, {});
    expect(board.overdueEscalations).toBe(0);
  });
});
