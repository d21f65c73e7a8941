import { DEFAULT_SUPPORT_POLICY } from '@casetrail/domain';
import type { Doc, SqliteReadModelStore } from '@casetrail/readmodels';
import { SLA_ACTIVITY, SLA_CASES } from '@casetrail/readmodels/reporting/reporting-collections';
import { reportingProjection } from '@casetrail/readmodels/reporting/reporting.projection';
import { DESK_NOW, projectedDesk } from '@casetrail/readmodels/testing/at-risk-desk';
import type { Actor } from '../auth/actor';
import { SlaDailyReportService } from './daily/sla-daily-report.service';
import { SlaDashboardService } from './dashboard/sla-dashboard.service';
import { REPORT_PAGE } from './shared/report-page';
import { everyAccount } from './testing/every-account';

const engineer: Actor = { sub: 'eve', email: 'eve@vendor.example', roles: ['engineer'] };
const clock = { now: () => new Date(DESK_NOW) };
/** Copies of the desk, so each report reads several pages. */
const COPIES = Math.ceil((3 * REPORT_PAGE) / 7);

/**
 * The SQLite store reads synchronously, so a report computed in one stretch holds every other
 * request of the API until it is done (a quarter's dashboard took ~90 ms at a time under load).
 * These check, by event-loop order rather than by timing, that another request's callback runs
 * while a report is still being computed, and that the figures are those of the whole data.
 */
describe('reports give other requests turns while they read', () => {
  let store: SqliteReadModelStore;
  let deskOpenings = 0;

  beforeAll(async () => {
    store = await projectedDesk(reportingProjection);
    const rows = async (collection: string) => (await store.find<Doc>(collection, { limit: 1_000 })).items;
    const cases = await rows(SLA_CASES);
    const activity = await rows(SLA_ACTIVITY);
    deskOpenings = activity.filter((row) => row.kind === 'opened').length;
    await store.applyBatch('desk-copies', [{ position: 1 }], (_event, tx) => {
      for (let copy = 1; copy < COPIES; copy++) {
        for (const row of cases) tx.put(SLA_CASES, `${String(row.id)}-${copy}`, { ...row, id: undefined });
        for (const row of activity)
          tx.put(SLA_ACTIVITY, `${String(row.id)}-${copy}`, { ...row, id: undefined });
      }
    });
  });
  afterAll(() => store.close());

  /** What ran first: the report, or a callback queued as it started (another request's I/O). */
  const order = async (report: () => Promise<unknown>) => {
    const ran: string[] = [];
    setImmediate(() => ran.push('other request'));
    await report().then(() => ran.push('report'));
    return ran;
  };

  it('the SLA dashboard over many cases', async () => {
    const service = new SlaDashboardService(store, DEFAULT_SUPPORT_POLICY, clock, everyAccount);
    expect(await order(() => service.dashboard(engineer, {}))).toEqual(['other request', 'report']);
    // The same figures as the desk's (see sla-dashboard.service.spec.ts), once per copy.
    const board = await service.dashboard(engineer, {});
    expect(board.severities.find((figures) => figures.severity === 3)).toMatchObject({
      open: 7 * COPIES,
      atRisk: 3 * COPIES,
      breachedNow: 3 * COPIES,
    });
  });

  it('the daily SLA report over many days of activity', async () => {
    const service = new SlaDailyReportService(store, DEFAULT_SUPPORT_POLICY, clock, everyAccount);
    const query = { from: '2024-01-01', to: '2024-12-31' };
    expect(await order(() => service.report(engineer, query))).toEqual(['other request', 'report']);
    const report = await service.report(engineer, query);
    expect(report.rows.reduce((sum, row) => sum + row.opened, 0)).toBe(deskOpenings * COPIES);
    expect(deskOpenings).toBeGreaterThan(0);
  });
});
