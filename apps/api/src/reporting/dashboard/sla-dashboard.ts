import type { Severity } from '@casetrail/domain';
import type { ReportCoverage } from '../access/reporting-scope';
import type { DurationSummary } from '../shared/percentiles';

/** How a cohort did against one goal (first response or resolution). */
export interface GoalFigures extends DurationSummary {
  /** Targets met on time. */
  met: number;
  /** Targets breached: recorded, or still running past their due time now. */
  missed: number;
  /** met / (met + missed), two decimals; null when none has an outcome yet. */
  metPercent: number | null;
}

export interface SeverityFigures {
  severity: Severity;
  name: string;
  /** New, in progress or awaiting the customer (current severity). */
  open: number;
  /** Open with a target past due and unanswered, now. */
  breachedNow: number;
  /**
   * Open with a target past its at-risk share and not yet due, now (running: a paused target is
   * not at risk). Its other target may be past due: such a case counts here and in `breachedNow`.
   */
  atRisk: number;
  /** Cases (current severity) with an escalation not yet de-escalated. */
  openEscalations: number;
  /**
   * Of those, the cases whose escalation is overdue now: its acknowledgement or next status update
   * past due (the escalations board's `overdue`, see overdueEscalationConditions).
   */
  overdueEscalations: number;
  /** Grouped by the severity of the target's goal (a met or missed goal counts under the severity it ran on). */
  firstResponse: GoalFigures;
  resolution: GoalFigures;
}

export interface SlaDashboard {
  /** The instant the time-dependent figures were evaluated at. */
  asOf: string;
  /** The cohort: cases opened in `[from, to)`, of `product` and `accountId` when given. */
  filters: { from?: string; to?: string; product?: string; accountId?: string };
  /** Whose accounts the figures cover (a CSM's dashboard: only their accounts). */
  scope: ReportCoverage;
  severities: SeverityFigures[];
  /** `overdueEscalations` over every severity. */
  overdueEscalations: number;
}
