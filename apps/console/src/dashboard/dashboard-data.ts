import type { SeverityFiguresView, SlaDailyReportView, SlaDashboardView } from '../api/api-types';

export const SEVERITIES = [1, 2, 3] as const;

export interface DailyBreaches {
  days: string[];
  /** Breaches per day, per severity, aligned with `days`. */
  bySeverity: Record<number, number[]>;
}

/** The dashboard's rows for severities 1, 2 and 3, in that order (a missing one reads as zeros). */
export function severityRows(dashboard: SlaDashboardView): SeverityFiguresView[] {
  return SEVERITIES.map(
    (severity) => dashboard.severities.find((row) => row.severity === severity) ?? emptyRow(severity),
  );
}

/** The daily report as one series of breaches per severity over every day of its period. */
export function dailyBreaches(report: SlaDailyReportView): DailyBreaches {
  const days = daysBetween(report.from, report.to);
  const bySeverity: Record<number, number[]> = {};
  for (const severity of SEVERITIES) bySeverity[severity] = days.map(() => 0);
  for (const row of report.rows) {
    const index = days.indexOf(row.date);
    if (index >= 0 && bySeverity[row.severity]) bySeverity[row.severity][index] += row.breaches;
  }
  return { days, bySeverity };
}

/** Every day from `from` to `to` inclusive (UTC), so quiet days still show as zero. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let day = Date.parse(`${from}T00:00:00Z`); day <= end && days.length < 400; day += 86_400_000) {
    days.push(new Date(day).toISOString().slice(0, 10));
  }
  return days;
}

function emptyRow(severity: number): SeverityFiguresView {
  const goal = {
    met: 0,
    missed: 0,
    metPercent: null,
    measured: 0,
    medianBusinessMs: null,
    p90BusinessMs: null,
  };
  return {
    severity,
    name: '',
    open: 0,
    breachedNow: 0,
    atRisk: 0,
    openEscalations: 0,
    overdueEscalations: 0,
    firstResponse: goal,
    resolution: { ...goal },
  };
}
