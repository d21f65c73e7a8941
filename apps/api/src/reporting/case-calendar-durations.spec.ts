import { parseSupportPolicy, resolveCalendar, type CaseDecisionContext } from '@casetrail/domain';
import { commands, context } from '@casetrail/domain/cases/testing/case-fixtures';
import { SqliteReadModelStore } from '@casetrail/readmodels';
import { reportingProjection } from '@casetrail/readmodels/reporting/reporting.projection';
import { recordedCase } from '@casetrail/readmodels/testing/recorded-case';
import type { Actor } from '../auth/actor';
import { SlaDailyReportService } from './daily/sla-daily-report.service';
import { SlaDashboardService } from './dashboard/sla-dashboard.service';
import { everyAccount } from './testing/every-account';

const HOUR = 3_600_000;
const GERMANY = 'de-public-holidays';
const policy = parseSupportPolicy({
  version: 'calendars-1',
  calendars: { [GERMANY]: { publicHolidays: { country: 'DE' } } },
});
const engineer: Actor = { sub: 'eve', email: 'eve@vendor.example', roles: ['engineer'] };
const clock = { now: () => new Date('2024-05-03T12:00:00.000Z') };

/** How a case opened for a Berlin account on `calendar` (none: the default) is decided. */
function openedFor(calendar?: string): CaseDecisionContext {
  const resolved = resolveCalendar(policy, { timeZone: 'Europe/Berlin', calendar });
  return context({
    policy,
    calendar: resolved.calendar,
    ...(resolved.name ? { calendarName: resolved.name } : {}),
  });
}

/**
 * The dashboard and the daily report measure business time on each case's own calendar: a case
 * opened on Tuesday 30 April 2024 at 11:00 in Berlin and first answered on Thursday 2 May at 11:00
 * waited two working days on the default calendar, one on the German (1 May is Labour Day).
 */
describe("reports measure business time on the case's own calendar", () => {
  const steps = [
    commands.openCase({ at: '2024-04-30T09:00:00.000Z', severity: 3 }),
    commands.comment({ at: '2024-05-02T09:00:00.000Z' }),
  ];

  async function storeWith(calendar?: string): Promise<SqliteReadModelStore> {
    const store = new SqliteReadModelStore(':memory:');
    await store.ensureCollections(reportingProjection.collections);
    await store.applyBatch(
      reportingProjection.name,
      recordedCase(steps, 1, openedFor(calendar)),
      (event, tx) => reportingProjection.apply(event, tx),
    );
    return store;
  }

  async function firstResponseFigures(calendar?: string) {
    const store = await storeWith(calendar);
    try {
      const board = await new SlaDashboardService(store, policy, clock, everyAccount).dashboard(engineer, {});
      const daily = await new SlaDailyReportService(store, policy, clock, everyAccount).report(engineer, {
        from: '2024-05-02',
        to: '2024-05-02',
      });
      return {
        dashboard: board.severities.find((figures) => figures.severity === 3)!.firstResponse.medianBusinessMs,
        daily: daily.rows.find((row) => row.severity === 3)!.firstResponseMedianBusinessMs,
      };
    } finally {
      store.close();
    }
  }

  it('the German calendar leaves Labour Day out', async () => {
    expect(await firstResponseFigures(GERMANY)).toEqual({ dashboard: 24 * HOUR, daily: 24 * HOUR });
  });

  it('the default calendar counts it', async () => {
    expect(await firstResponseFigures()).toEqual({ dashboard: 48 * HOUR, daily: 48 * HOUR });
  });
});
