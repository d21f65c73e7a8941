import type { Severity } from '@casetrail/domain';
import type { ReportCoverage } from '../access/reporting-scope';

/** One day (UTC) and severity of the daily SLA report. */
export interface SlaDailyRow {
  date: string;
  severity: Severity;
  /** Cases opened that day at this severity. */
  opened: number;
  /**
   * First responses given that day on a goal of this severity, how many on time, their times on the
   * goal's clock since the target's clock started (the opening, or the upgrade that restarted it).
   */
  firstResponses: number;
  firstResponsesMet: number;
  firstResponseMetPercent: number | null;
  firstResponseMedianBusinessMs: number | null;
  firstResponseP90BusinessMs: number | null;
  /** Resolutions proposed that day, likewise (time with support since the clock started, see SlaCaseFacts.supportSpans). */
  resolutions: number;
  resolutionsMet: number;
  resolutionMetPercent: number | null;
  resolutionMedianBusinessMs: number | null;
  resolutionP90BusinessMs: number | null;
  /** Breaches recorded that day on goals of this severity (either target). */
  breaches: number;
  /** Escalations raised that day on cases of this severity. */
  escalations: number;
  /** Cases redirected out of support scope that day. */
  redirections: number;
  /**
   * The filters of a filtered report, on each of its rows, so a row (a CSV export renamed, or
   * several accounts' exports put together) still says what it counts. Absent when not filtered.
   */
  product?: string;
  accountId?: string;
  /**
   * The accounts a CSM's report covers when they named none (their accounts, `scope`), on each row
   * for the same reason: a row of such an export must not read as the whole desk's figures.
   * Absent otherwise (every account, or the one `accountId` names).
   */
  accountIds?: string[];
}

export type SlaDailyFilters = Pick<SlaDailyRow, 'product' | 'accountId'>;

export interface SlaDailyReport {
  from: string;
  to: string;
  filters: SlaDailyFilters;
  /** Whose accounts the figures cover (a CSM's report: only their accounts). */
  scope: ReportCoverage;
  /** Every day of the period, severities 1 to 3 each, oldest first. */
  rows: SlaDailyRow[];
}

/** The figures' columns, in order: every report has these, first (the CSV header clients read today). */
export const SLA_DAILY_COLUMNS: readonly (keyof SlaDailyRow)[] = [
  'date',
  'severity',
  'opened',
  'firstResponses',
  'firstResponsesMet',
  'firstResponseMetPercent',
  'firstResponseMedianBusinessMs',
  'firstResponseP90BusinessMs',
  'resolutions',
  'resolutionsMet',
  'resolutionMetPercent',
  'resolutionMedianBusinessMs',
  'resolutionP90BusinessMs',
  'breaches',
  'escalations',
  'redirections',
];

/** The filter columns, in order, of the filters a report was asked with. */
const SLA_DAILY_FILTER_COLUMNS = [
  'product',
  'accountId',
] as const satisfies readonly (keyof SlaDailyFilters)[];

/**
 * A report's columns, in the order its JSON rows hold their fields: the figures, then a column for
 * each filter given, then `accountIds` when the report covers a CSM's accounts. Appended, so an
 * unfiltered report keeps its header and a filtered one keeps every figure where it was.
 */
export function slaDailyColumns(report: Pick<SlaDailyReport, 'filters' | 'scope'>): (keyof SlaDailyRow)[] {
  return [
    ...SLA_DAILY_COLUMNS,
    ...SLA_DAILY_FILTER_COLUMNS.filter((column) => report.filters[column] !== undefined),
    ...(report.scope.accounts === 'your-accounts' ? (['accountIds'] as const) : []),
  ];
}

/** The fields a report's rows carry after their figures: its filters, and a CSM's accounts. */
export function slaDailyRowLabels(
  filters: SlaDailyFilters,
  scope: ReportCoverage,
): Pick<SlaDailyRow, 'product' | 'accountId' | 'accountIds'> {
  return {
    ...filters,
    ...(scope.accounts === 'your-accounts' ? { accountIds: scope.accountIds } : {}),
  };
}
