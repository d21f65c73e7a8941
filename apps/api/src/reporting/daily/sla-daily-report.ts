import type { Severity } from '@casetrail/domain';

/** One day (UTC) and severity of the daily SLA report. */
export interface SlaDailyRow {
  date: string;
  severity: Severity;
  /** Cases opened that day at this severity. */
  opened: number;
  /** First responses given that day on a goal of this severity, how many on time, their business times. */
  firstResponses: number;
  firstResponsesMet: number;
  firstResponseMetPercent: number | null;
  firstResponseMedianBusinessMs: number | null;
  firstResponseP90BusinessMs: number | null;
  /** Resolutions proposed that day, likewise (business time with support, see SlaCaseFacts.supportSpans). */
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
}

export interface SlaDailyReport {
  from: string;
  to: string;
  filters: { product?: string; accountId?: string };
  /** Every day of the period, severities 1 to 3 each, oldest first. */
  rows: SlaDailyRow[];
}

/** CSV columns, in order: the row's fields. */
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
