import type { SlaDailyRowView, SlaDashboardView } from '../api/api-types';
import { dailyBreaches, daysBetween, severityRows } from './dashboard-data';

describe('dashboard data', () => {
  it('lists every day of a period, month ends included', () => {
    expect(daysBetween('2026-02-27', '2026-03-02')).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ]);
  });

  it('turns the daily report into one breach series per severity', () => {
    const row = (date: string, severity: number, breaches: number): SlaDailyRowView => ({
      date,
      severity,
      breaches,
      opened: 0,
      escalations: 0,
      firstResponseMetPercent: null,
      resolutionMetPercent: null,
    });
    const series = dailyBreaches({
      from: '2026-03-01',
      to: '2026-03-03',
      rows: [
        row('2026-03-01', 1, 0),
        row('2026-03-02', 2, 3),
        row('2026-03-03', 2, 1),
        row('2026-03-03', 3, 2),
      ],
    });
    expect(series).toEqual({
      days: ['2026-03-01', '2026-03-02', '2026-03-03'],
      bySeverity: { 1: [0, 0, 0], 2: [0, 3, 1], 3: [0, 0, 2] },
    });
  });

  it('orders the dashboard by severity and fills a missing one with zeros', () => {
    const goal = {
      met: 1,
      missed: 0,
      metPercent: 100,
      measured: 1,
      medianBusinessMs: 60_000,
      p90BusinessMs: 60_000,
    };
    const dashboard: SlaDashboardView = {
      asOf: '2026-03-02T09:00:00.000Z',
      severities: [
        {
          severity: 3,
          name: 'Question',
          open: 4,
          breachedNow: 0,
          atRisk: 1,
          openEscalations: 0,
          overdueEscalations: 0,
          firstResponse: goal,
          resolution: goal,
        },
        {
          severity: 1,
          name: 'Down',
          open: 1,
          breachedNow: 1,
          atRisk: 0,
          openEscalations: 1,
          overdueEscalations: 1,
          firstResponse: goal,
          resolution: goal,
        },
      ],
      overdueEscalations: 1,
      scope: { accounts: 'all' },
    };
    const rows = severityRows(dashboard);
    expect(rows.map((row) => [row.severity, row.open])).toEqual([
      [1, 1],
      [2, 0],
      [3, 4],
    ]);
    expect(rows[1].firstResponse.metPercent).toBeNull();
  });
});
