import {
  BusinessCalendar,
  SEVERITIES,
  Severity,
  CaseState,
  OpenedCase,
  SlaTarget,
  clockPauses,
  evaluateTarget,
  type ClockPause,
  openEscalation,
  statusUpdatesOwedBy,
} from '@casetrail/domain';

/** One SLA target as API.md shows it: due time, state at query time, time remaining. */
export interface SlaTargetView {
  /**
   * The first breached instant. While paused (the case awaits the customer) it is the due time the
   * clock would get if the customer answered now, on the case's business calendar, so it moves on
   * while the case waits and is never in the past; the customer's answer then sets exactly it.
   */
  dueAt: string;
  state: 'running' | 'paused' | 'met' | 'breached';
  atRisk: boolean;
  /** The at-risk instant; while paused, stated like `dueAt` (as if the customer answered now). */
  atRiskAt: string;
  /**
   * Wall-clock ms until due (negative once overdue); absent once met. While paused it stays as it was
   * at the pause (the wall-clock time then left), so it is not `dueAt` minus now.
   */
  remainingMs?: number;
  /** Business-calendar ms until due (while paused: the goal time left, which an answer carries over); absent once met. */
  remainingBusinessMs?: number;
  metAt?: string;
  breachedAt?: string;
  startedAt: string;
  goal: SlaTarget['goal'];
  policyVersion: string;
  /**
   * The pauses of this clock since `startedAt`, oldest first: a wait under way when the clock started
   * (a severity change while the case awaited the customer) is listed from `startedAt` with
   * `awaitingCustomerSince`; waits that ended before belong to an earlier clock (see the history).
   */
  pauses: ClockPause[];
  /**
   * The resolution clock of a redirected case stopped at the referral: `met` (or `breached`) then
   * says whether the referral came in time, not that the case was resolved. Reports count it as
   * neither met nor missed.
   */
  stoppedBy?: 'redirection';
}

export interface CaseDetail {
  id: string;
  accountId: string;
  licenceId: string;
  product: string;
  edition: string;
  title: string;
  description: string;
  category?: string;
  status: OpenedCase['status'];
  severity: number;
  priority: CasePriority;
  channel: string;
  openedAt: string;
  openedBy: string;
  openedByName?: string;
  loggedBy?: string;
  assignee: string | null;
  sla: { firstResponse: SlaTargetView; resolution: SlaTargetView };
  escalation: EscalationView | null;
  shares: { email: string; name: string; sharedAt: string; sharedBy: string }[];
  timeZone: string;
  /** The support policy's named calendar the case's business time follows; null: the default. */
  calendar: string | null;
  policyVersion: string;
  firstResponseAt?: string;
  resolvedAt?: string;
  resolutionSummary?: string;
  closedAt?: string;
  redirectedTo?: string;
  referral?: string;
  autoCloseAt?: string;
  /**
   * Present while an open escalation holds a resolved case open: automatic closure waits for the
   * de-escalation (then closes at once if `autoCloseAt` has passed), so `autoCloseAt` alone would
   * promise a closure that is not coming.
   */
  autoCloseWaitsFor?: 'de-escalation';
  lastChangedAt: string;
  revision: number;
}

export interface EscalationView {
  level: number;
  status: string;
  reason: string;
  details: string;
  escalatedAt: string;
  escalatedBy: string;
  acknowledgementDueAt?: string;
  acknowledgedAt?: string;
  /** Who acknowledged it, and so owes its status updates (as the escalations board says). */
  acknowledgedBy?: string;
  /** How it was taken on, as the escalations board's `acknowledgementReason` (open, acknowledged). */
  acknowledgementReason?: string;
  /** The latest status update posted since the acknowledgement, if any. */
  lastStatusUpdateAt?: string;
  /** Who posted it (open, acknowledged), as the board's `lastStatusUpdateBy`. */
  lastStatusUpdateBy?: string;
  /**
   * Who owes its status updates now (open, acknowledged), by the domain's rule as the board names
   * them: the assignee, else the last updater, else the acknowledger.
   */
  statusUpdatesOwedBy?: string;
  nextStatusUpdateDueAt?: string;
  endedAt?: string;
  endReason?: string;
  /** Ended escalations: who de-escalated it, or closed or redirected the case. */
  endedBy?: string;
}

/**
 * Queue order: Mission Critical first, then escalated, then severity (1 first); earliest due target
 * breaks ties. `rank` encodes the first three so one index serves every queue.
 */
export interface CasePriority {
  rank: number;
  missionCritical: boolean;
  escalated: boolean;
  severity: number;
}

export function casePriority(state: OpenedCase): CasePriority {
  const escalated = openEscalation(state) !== undefined;
  const rank = priorityRank(state.missionCritical, escalated, state.severity);
  return { rank, missionCritical: state.missionCritical, escalated, severity: state.severity };
}

function priorityRank(missionCritical: boolean, escalated: boolean, severity: Severity): number {
  return (missionCritical ? 0 : 100) + (escalated ? 0 : 10) + severity;
}

/**
 * Every rank a case can have, lowest (most urgent) first. A queue that narrows its cases by a range
 * on `nextDueAt` (breaching) names them all: the store then reads each rank's slice of the queue
 * index in order and stops at the page's end, instead of sorting every match (36,000 breaching
 * cases of 100,000 took 100 ms a page).
 */
export const PRIORITY_RANKS: readonly number[] = [true, false]
  .flatMap((missionCritical) =>
    [true, false].flatMap((escalated) =>
      SEVERITIES.map((severity) => priorityRank(missionCritical, escalated, severity)),
    ),
  )
  .sort((a, b) => a - b);

/**
 * The case as API.md's detail shows it, computed from the domain state. Time-dependent values are
 * evaluated at `now`, so the live view, the as-of view and every read model agree by construction.
 */
export function caseDetail(
  state: OpenedCase,
  revision: number,
  now: string,
  /**
   * The business calendar each target's remaining business time is counted on: one for the case,
   * or one per target (the calendars of the policy version the target was computed under).
   */
  calendar?: BusinessCalendar | ((target: SlaTarget) => BusinessCalendar),
): CaseDetail {
  const target = (value: SlaTarget): SlaTargetView => {
    const evaluation = evaluateTarget(
      value,
      now,
      typeof calendar === 'function' ? calendar(value) : calendar,
    );
    return {
      dueAt: evaluation.dueAt,
      state: evaluation.state,
      atRisk: evaluation.atRisk,
      atRiskAt: evaluation.atRiskAt,
      ...(evaluation.remainingMs !== undefined ? { remainingMs: evaluation.remainingMs } : {}),
      ...(evaluation.remainingBusinessMs !== undefined
        ? { remainingBusinessMs: evaluation.remainingBusinessMs }
        : {}),
      ...(evaluation.metAt ? { metAt: evaluation.metAt } : {}),
      ...(evaluation.breachedAt ? { breachedAt: evaluation.breachedAt } : {}),
      startedAt: value.startedAt,
      goal: value.goal,
      policyVersion: value.policyVersion,
      pauses: clockPauses(value),
    };
  };
  return {
    id: state.caseId,
    accountId: state.accountId,
    licenceId: state.licenceId,
    product: state.product,
    edition: state.edition,
    title: state.title,
    description: state.description,
    ...(state.category ? { category: state.category } : {}),
    status: state.status,
    severity: state.severity,
    priority: casePriority(state),
    channel: state.channel,
    openedAt: state.openedAt,
    openedBy: state.openedBy.email,
    ...(state.openedBy.name ? { openedByName: state.openedBy.name } : {}),
    ...(state.loggedBy ? { loggedBy: state.loggedBy.email } : {}),
    assignee: state.assignee ?? null,
    sla: {
      firstResponse: target(state.targets.firstResponse),
      resolution: {
        ...target(state.targets.resolution),
        ...(state.status === 'redirected' ? { stoppedBy: 'redirection' as const } : {}),
      },
    },
    escalation: escalationView(state),
    shares: state.shares.map(({ email, name, sharedAt, sharedBy }) => ({ email, name, sharedAt, sharedBy })),
    timeZone: state.timeZone,
    calendar: state.calendar ?? null,
    policyVersion: state.policyVersion,
    ...(state.firstResponseAt ? { firstResponseAt: state.firstResponseAt } : {}),
    ...statusFacts(state),
    lastChangedAt: state.lastChangedAt,
    revision,
  };
}

function escalationView(state: OpenedCase): EscalationView | null {
  const escalation = state.escalation;
  if (!escalation) return null;
  const base = {
    level: escalation.level,
    status: escalation.status,
    reason: escalation.reason,
    details: escalation.details,
    escalatedAt: escalation.escalatedAt,
    escalatedBy: escalation.escalatedBy,
  };
  const owes = statusUpdatesOwedBy(state);
  switch (escalation.status) {
    case 'awaiting-acknowledgement':
      return { ...base, acknowledgementDueAt: escalation.acknowledgementDueAt };
    case 'acknowledged':
      return {
        ...base,
        acknowledgedAt: escalation.acknowledgedAt,
        acknowledgedBy: escalation.acknowledgedBy,
        ...(escalation.acknowledgementReason !== undefined
          ? { acknowledgementReason: escalation.acknowledgementReason }
          : {}),
        ...(escalation.lastStatusUpdateAt ? { lastStatusUpdateAt: escalation.lastStatusUpdateAt } : {}),
        ...(escalation.lastStatusUpdateBy ? { lastStatusUpdateBy: escalation.lastStatusUpdateBy } : {}),
        ...(owes ? { statusUpdatesOwedBy: owes.engineer } : {}),
        nextStatusUpdateDueAt: escalation.nextStatusUpdateDueAt,
      };
    case 'de-escalated':
      // Who took it on and its last update stay once it ended (escalations ended before the
      // cases projection's version 12 have them after its rebuild).
      return {
        ...base,
        ...(escalation.acknowledgedAt !== undefined ? { acknowledgedAt: escalation.acknowledgedAt } : {}),
        ...(escalation.acknowledgedBy !== undefined ? { acknowledgedBy: escalation.acknowledgedBy } : {}),
        ...(escalation.lastStatusUpdateAt !== undefined
          ? { lastStatusUpdateAt: escalation.lastStatusUpdateAt }
          : {}),
        endedAt: escalation.endedAt,
        endReason: escalation.endReason,
        ...(escalation.endedBy !== undefined ? { endedBy: escalation.endedBy } : {}),
      };
  }
}

function statusFacts(state: OpenedCase): Partial<CaseDetail> {
  switch (state.status) {
    case 'resolved':
      return {
        resolvedAt: state.resolvedAt,
        resolutionSummary: state.resolutionSummary,
        autoCloseAt: state.autoCloseAt,
        ...(openEscalation(state) ? { autoCloseWaitsFor: 'de-escalation' as const } : {}),
      };
    case 'closed':
      return {
        resolvedAt: state.resolvedAt,
        resolutionSummary: state.resolutionSummary,
        closedAt: state.closedAt,
      };
    case 'redirected':
      return { closedAt: state.redirectedAt, redirectedTo: state.redirectedTo, referral: state.referral };
    default:
      return {};
  }
}

export function isOpened(state: CaseState): state is OpenedCase {
  return state.status !== 'none';
}
