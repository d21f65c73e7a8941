import { DEFAULT_SUPPORT_POLICY, type CaseCommand } from '@casetrail/domain';
import { commands } from '@casetrail/domain/cases/testing/case-fixtures';
import { SqliteReadModelStore } from '@casetrail/readmodels';
import { reportingProjection } from '@casetrail/readmodels/reporting/reporting.projection';
import { recordedCase } from '@casetrail/readmodels/testing/recorded-case';
import type { Actor } from '../auth/actor';
import { SlaDailyReportService } from './daily/sla-daily-report.service';
import { SlaDashboardService } from './dashboard/sla-dashboard.service';
import { everyAccount } from './testing/every-account';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const engineer: Actor = { sub: 'eve', email: 'eve@vendor.example', roles: ['engineer'] };
const clock = { now: () => new Date('2027-04-30T12:00:00.000Z') };

/** The dashboard's and the daily report's figures of one severity, for a case decided from `steps`. */
async function figuresOf(steps: CaseCommand[], severity: number, days: { from: string; to: string }) {
  const store = new SqliteReadModelStore(':memory:');
  try {
    await store.ensureCollections(reportingProjection.collections);
    await store.applyBatch(reportingProjection.name, recordedCase(steps), (event, tx) =>
      reportingProjection.apply(event, tx),
    );
    const policy = DEFAULT_SUPPORT_POLICY;
    const board = await new SlaDashboardService(store, policy, clock, everyAccount).dashboard(engineer, {});
    const daily = await new SlaDailyReportService(store, policy, clock, everyAccount).report(engineer, days);
    return {
      dashboard: board.severities.find((figures) => figures.severity === severity)!,
      daily: daily.rows.filter((row) => row.severity === severity),
    };
  } finally {
    store.close();
  }
}

/**
 * Times to first response and to resolution are measured from the start of the clock their target
 * was judged on, on that clock: a severity upgrade restarts an unmet clock at the change (DOMAIN.md
 * "Severity change"), and so does a reopening for the resolution clock. Default calendar: Monday to
 * Friday, all day, UTC; Monday 29 March 2027.
 */
describe('reports measure a restarted target from its restart', () => {
  const OPENED = '2027-03-29T16:00:00.000Z';
  const UPGRADED = '2027-03-30T12:10:00.000Z';

  describe('given a severity 2 case upgraded to severity 1 before anyone answered', () => {
    const upgraded: CaseCommand[] = [
      commands.openCase({ at: OPENED, severity: 2 }),
      commands.changeSeverity({ at: UPGRADED, severity: 1 }),
      commands.comment({ at: '2027-03-30T12:40:00.000Z', commentId: 'answer' }),
      commands.resolve({ at: '2027-03-31T12:10:00.000Z' }),
    ];

    it('when answered 30 minutes after the upgrade, then both report 30 minutes, not 20 h 40 min since the opening', async () => {
      const { dashboard, daily } = await figuresOf(upgraded, 1, { from: '2027-03-30', to: '2027-03-30' });
      expect(dashboard.firstResponse).toMatchObject({
        met: 1,
        missed: 0,
        medianBusinessMs: 30 * MINUTE,
        p90BusinessMs: 30 * MINUTE,
      });
      expect(daily).toEqual([
        expect.objectContaining({
          firstResponses: 1,
          firstResponsesMet: 1,
          firstResponseMedianBusinessMs: 30 * MINUTE,
          firstResponseP90BusinessMs: 30 * MINUTE,
        }),
      ]);
    });

    it('when resolved a day after the upgrade, then both report the business day since the upgrade', async () => {
      const { dashboard, daily } = await figuresOf(upgraded, 1, { from: '2027-03-31', to: '2027-03-31' });
      expect(dashboard.resolution).toMatchObject({ met: 1, medianBusinessMs: 24 * HOUR });
      expect(daily).toEqual([
        expect.objectContaining({ resolutions: 1, resolutionsMet: 1, resolutionMedianBusinessMs: 24 * HOUR }),
      ]);
    });
  });

  it('given a downgrade, which recomputes the clocks from the opening, then both measure from the opening', async () => {
    const downgraded: CaseCommand[] = [
      commands.openCase({ at: OPENED, severity: 2 }),
      commands.changeSeverity({ at: UPGRADED, severity: 3, reason: 'A workaround is in place' }),
      commands.comment({ at: '2027-03-30T15:00:00.000Z', commentId: 'answer' }),
    ];
    const { dashboard, daily } = await figuresOf(downgraded, 3, { from: '2027-03-30', to: '2027-03-30' });
    expect(dashboard.firstResponse).toMatchObject({ met: 1, medianBusinessMs: 23 * HOUR });
    expect(daily[0]).toMatchObject({ firstResponsesMet: 1, firstResponseMedianBusinessMs: 23 * HOUR });
  });

  it('given a reopened case, when resolved again, then both measure the support since the reopening', async () => {
    const reopened: CaseCommand[] = [
      commands.openCase({ at: OPENED, severity: 2 }),
      commands.comment({ at: '2027-03-29T17:00:00.000Z', commentId: 'answer' }),
      commands.resolve({ at: '2027-03-30T16:00:00.000Z' }),
      commands.reopen({ at: '2027-03-31T16:00:00.000Z' }),
      commands.resolve({ at: '2027-03-31T20:00:00.000Z' }),
    ];
    const { dashboard, daily } = await figuresOf(reopened, 2, { from: '2027-03-30', to: '2027-03-31' });
    // The dashboard judges the resolution after the reopening; the report each one on its day.
    expect(dashboard.resolution).toMatchObject({ met: 1, medianBusinessMs: 4 * HOUR });
    expect(daily.map((row) => row.resolutionMedianBusinessMs)).toEqual([24 * HOUR, 4 * HOUR]);
  });
});
