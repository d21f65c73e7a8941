import type { Severity, SupportChannel, SupportPlan } from '../policy/support-vocabulary';
import type { StatusUpdateDueAtSeverity } from '../sla/escalation/escalation-timers';
import type { SlaTargets } from '../sla/targets/sla-target';
import type { IsoInstant } from '../sla/time/iso-instant';
import type { CasePerson } from './events';
import type { SeenComments } from './seen-comments';
import type { StatusUpdatesOwer } from './status-updates-owed-by';
import type { EscalationReason, RedirectTarget } from './vocabulary';

/**
 * The escalation a case carries, if any. Only the latest matters for decisions: a new escalation
 * supersedes the previous one at a higher level.
 */
interface EscalationFacts {
  level: number;
  reason: EscalationReason;
  details: string;
  escalatedAt: IsoInstant;
  escalatedBy: string;
}

/** The further alerts of a missed acknowledgement or status update: how many, and when the next is owed. */
export interface OverdueReminder {
  reminders: number;
  nextAt: IsoInstant;
}

/**
 * A status update the level a new one replaced still owed: it stays owed (due when it was, overdue
 * and reminded if it was) once the new level is acknowledged.
 */
export interface StatusUpdateOwed {
  dueAt: IsoInstant;
  /** Set when its missed update had been recorded (its first alert). */
  overdueFor?: IsoInstant;
  overdueReminder?: OverdueReminder;
  /**
   * The level that owed it, and who owed it then (statusUpdatesOwedBy): the alerts of the new
   * level's acknowledgement, due when the update was, say whose update the customer is chasing.
   * Absent on states folded before they were kept.
   */
  level?: number;
  owedBy?: StatusUpdatesOwer;
}

export interface EscalationAwaitingAcknowledgement extends EscalationFacts {
  status: 'awaiting-acknowledgement';
  acknowledgementDueAt: IsoInstant;
  /** The status update owed by the acknowledged level this one replaced; absent otherwise. */
  statusUpdateOwed?: StatusUpdateOwed;
  /** Set once the overdue acknowledgement has been recorded (its first alert). */
  acknowledgementOverdueAt?: IsoInstant;
  /** The reminders of the overdue acknowledgement; absent on alerts recorded before reminders. */
  overdueReminder?: OverdueReminder;
}

export interface AcknowledgedEscalation extends EscalationFacts {
  status: 'acknowledged';
  acknowledgedAt: IsoInstant;
  acknowledgedBy: string;
  /** How it was taken on (the acknowledgement's reason); absent when none was given, and on states folded before. */
  acknowledgementReason?: string;
  lastStatusUpdateAt?: IsoInstant;
  /** Who posted the last status update (see statusUpdatesOwedBy); absent before the first. */
  lastStatusUpdateBy?: string;
  nextStatusUpdateDueAt: IsoInstant;
  /** The due time whose missed status update has been recorded (its first alert). */
  statusUpdateOverdueFor?: IsoInstant;
  /**
   * Who owed that missed update when it was recorded (statusUpdatesOwedBy then): a level raised
   * over it names them, not whoever took the case after the miss (finding F5). Absent on states
   * folded before it was kept.
   */
  statusUpdateOverdueOwedBy?: StatusUpdatesOwer;
  /** The reminders of the update missed at `statusUpdateOverdueFor`, while it stays missing. */
  overdueReminder?: OverdueReminder;
  /**
   * The next status update's due time when the case left each severity since the last update (or
   * the acknowledgement), the last one per severity: a raise back is held to it while it is still
   * ahead (`statusUpdateDueAfterSeverityChange`). Absent before any severity change.
   */
  statusUpdateDueWhenLeft?: readonly StatusUpdateDueAtSeverity[];
}

export interface EndedEscalation extends EscalationFacts {
  status: 'de-escalated';
  endedAt: IsoInstant;
  /** The engineer's reason, or why the case's end ended it (closed, redirected). */
  endReason: string;
  /** Who ended it: who de-escalated it, or closed or redirected the case (absent on states folded before). */
  endedBy?: string;
  /**
   * What it showed of its handling when it ended, kept for who reads the case afterwards: who
   * acknowledged it and when, and its last status update. Absent when it ended unacknowledged.
   */
  acknowledgedAt?: IsoInstant;
  acknowledgedBy?: string;
  lastStatusUpdateAt?: IsoInstant;
}

export type CaseEscalation = EscalationAwaitingAcknowledgement | AcknowledgedEscalation | EndedEscalation;

export interface CaseShare {
  email: string;
  name: string;
  sharedAt: IsoInstant;
  sharedBy: string;
}

/** What every opened case holds, whatever its status. */
export interface OpenedCaseFacts {
  caseId: string;
  accountId: string;
  licenceId: string;
  product: string;
  edition: string;
  plan: SupportPlan;
  missionCritical: boolean;
  timeZone: string;
  /** The policy calendar the case was opened under (`CaseOpened`); absent: the policy's default. */
  calendar?: string;
  title: string;
  description: string;
  category?: string;
  channel: SupportChannel;
  severity: Severity;
  openedAt: IsoInstant;
  openedBy: CasePerson;
  loggedBy?: CasePerson;
  /** Version of the policy the current targets were computed under. */
  policyVersion: string;
  targets: SlaTargets;
  firstResponseAt?: IsoInstant;
  assignee?: string;
  /** Escalations raised so far; the next one gets level `escalationCount + 1`. */
  escalationCount: number;
  escalation?: CaseEscalation;
  shares: readonly CaseShare[];
  /** Comment ids seen, with what they said, so a retried AddComment is recognised. */
  comments: SeenComments;
  lastChangedAt: IsoInstant;
}

export interface NoCase {
  status: 'none';
}

export interface NewCase extends OpenedCaseFacts {
  status: 'new';
}

export interface InProgressCase extends OpenedCaseFacts {
  status: 'in-progress';
}

export interface AwaitingCustomerCase extends OpenedCaseFacts {
  status: 'awaiting-customer';
  informationRequestedAt: IsoInstant;
}

export interface ResolvedCase extends OpenedCaseFacts {
  status: 'resolved';
  resolvedAt: IsoInstant;
  resolutionSummary: string;
  /** When the quiet period ends and the case closes itself. */
  autoCloseAt: IsoInstant;
}

export interface ClosedCase extends OpenedCaseFacts {
  status: 'closed';
  closedAt: IsoInstant;
  closedAutomatically: boolean;
  resolvedAt: IsoInstant;
  resolutionSummary: string;
}

export interface RedirectedCase extends OpenedCaseFacts {
  status: 'redirected';
  redirectedAt: IsoInstant;
  redirectedTo: RedirectTarget;
  referral: string;
}

export type OpenedCase =
  NewCase | InProgressCase | AwaitingCustomerCase | ResolvedCase | ClosedCase | RedirectedCase;

export type CaseState = NoCase | OpenedCase;

/** Still being worked: not yet resolved, closed or redirected. */
export type ActiveCase = NewCase | InProgressCase | AwaitingCustomerCase;

/** Not closed or redirected: escalations, severity changes and assignments still apply. */
export type LiveCase = ActiveCase | ResolvedCase;

export const initialCaseState: CaseState = { status: 'none' };

export function isLive(state: CaseState): state is LiveCase {
  return (
    state.status === 'new' ||
    state.status === 'in-progress' ||
    state.status === 'awaiting-customer' ||
    state.status === 'resolved'
  );
}

export function isActive(state: CaseState): state is ActiveCase {
  return state.status === 'new' || state.status === 'in-progress' || state.status === 'awaiting-customer';
}

/** The escalation still needing attention (acknowledgement or status updates), if any. */
export function openEscalation(
  state: OpenedCase,
): EscalationAwaitingAcknowledgement | AcknowledgedEscalation | undefined {
  const escalation = state.escalation;
  return escalation && escalation.status !== 'de-escalated' ? escalation : undefined;
}

/** Only the fields every status shares, to build a case in a new status from one in another. */
export function openedFacts(state: OpenedCase): OpenedCaseFacts {
  const {
    caseId,
    accountId,
    licenceId,
    product,
    edition,
    plan,
    missionCritical,
    timeZone,
    calendar,
    title,
    description,
    category,
    channel,
    severity,
    openedAt,
    openedBy,
    loggedBy,
    policyVersion,
    targets,
    firstResponseAt,
    assignee,
    escalationCount,
    escalation,
    shares,
    comments,
    lastChangedAt,
  } = state;
  return {
    caseId,
    accountId,
    licenceId,
    product,
    edition,
    plan,
    missionCritical,
    timeZone,
    calendar,
    title,
    description,
    category,
    channel,
    severity,
    openedAt,
    openedBy,
    loggedBy,
    policyVersion,
    targets,
    firstResponseAt,
    assignee,
    escalationCount,
    escalation,
    shares,
    comments,
    lastChangedAt,
  };
}
