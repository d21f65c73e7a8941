import type { CaseActor } from './actor';
import type { Severity, SupportChannel } from '../policy/support-vocabulary';
import type { SlaTargetKind } from '../sla/targets/sla-target';
import type { EscalationReason, RedirectTarget } from './vocabulary';

/** What every case command carries: the case, who asks, and when (ISO-8601 instant, from the caller). */
interface CaseCommandBase<Type extends string> {
  type: Type;
  caseId: string;
  actor: CaseActor;
  at: string;
}

/**
 * For the changes that need no reason but may be given one (DOMAIN.md: every change records who,
 * when and why): free text, held to the rules of the required reasons when present.
 */
interface OptionalReason {
  reason?: string;
}

export interface OpenCase extends CaseCommandBase<'OpenCase'> {
  licenceId: string;
  /**
   * Optional cross-check: the case's account always comes from the licence records; when given
   * (non-empty), it must be the licence's account.
   */
  accountId?: string;
  title: string;
  description: string;
  severity: Severity;
  channel: SupportChannel;
  category?: string;
  /** Email of the licensed user a support engineer logs the case for (phone cases). */
  onBehalfOf?: string;
}

export interface ChangeSeverity extends CaseCommandBase<'ChangeSeverity'> {
  severity: Severity;
  reason: string;
}

export interface Escalate extends CaseCommandBase<'Escalate'> {
  reason: EscalationReason;
  details: string;
}

export type AcknowledgeEscalation = CaseCommandBase<'AcknowledgeEscalation'> & OptionalReason;

export interface PostEscalationStatusUpdate extends CaseCommandBase<'PostEscalationStatusUpdate'> {
  body: string;
}

export interface DeEscalate extends CaseCommandBase<'DeEscalate'> {
  reason: string;
}

export interface AddComment extends CaseCommandBase<'AddComment'> {
  /** Chosen by the caller so a retried request is recognised (same id and body: no new event). */
  commentId: string;
  body: string;
  internal: boolean;
  /**
   * For an internal note: a random value the application draws, recorded with the note. Customers
   * see every event's hash but never a note's text or this, so they cannot confirm a guess of the
   * text by hashing it (a short or formulaic note would otherwise be easy to guess).
   */
  salt?: string;
}

export interface AssignEngineer extends CaseCommandBase<'AssignEngineer'>, OptionalReason {
  engineer: string;
}

/** Puts the case back in the `unassigned` queue; the reason, like an assignment's, is for staff. */
export type UnassignEngineer = CaseCommandBase<'UnassignEngineer'> & OptionalReason;

export interface RequestInformation extends CaseCommandBase<'RequestInformation'>, OptionalReason {
  /** What the engineer asks the customer; shown to the customer. */
  body?: string;
}

export interface ResolveCase extends CaseCommandBase<'ResolveCase'> {
  summary: string;
}

/**
 * Closing: a person confirms a resolved case, or the auto-close timer fires after the quiet period.
 * The timer names the instant it was scheduled for (`dueAt`, from `caseTimers`), so a case that
 * was reopened, commented on or re-resolved since is not closed by a stale timer.
 */
export type CloseCase =
  | (CaseCommandBase<'CloseCase'> & OptionalReason & { automatic?: false })
  | (CaseCommandBase<'CloseCase'> & { automatic: true; dueAt: string });

export interface ReopenCase extends CaseCommandBase<'ReopenCase'> {
  reason: string;
}

export interface RedirectCase extends CaseCommandBase<'RedirectCase'> {
  to: RedirectTarget;
  referral: string;
}

export interface ShareCase extends CaseCommandBase<'ShareCase'>, OptionalReason {
  email: string;
  name: string;
}

export interface UnshareCase extends CaseCommandBase<'UnshareCase'>, OptionalReason {
  email: string;
}

/** Timer: a target's warning share of its goal has elapsed. `dueAt` is the target's due time. */
export interface RecordSlaTargetAtRisk extends CaseCommandBase<'RecordSlaTargetAtRisk'> {
  target: SlaTargetKind;
  dueAt: string;
}

/** Timer: a target's due time has passed. */
export interface RecordSlaTargetBreach extends CaseCommandBase<'RecordSlaTargetBreach'> {
  target: SlaTargetKind;
  dueAt: string;
}

/** Timer: an escalation was not acknowledged, or its status update not posted, in time. */
export interface RecordEscalationOverdue extends CaseCommandBase<'RecordEscalationOverdue'> {
  what: 'acknowledgement' | 'status-update';
  /** When the acknowledgement or status update was due. */
  dueAt: string;
  /**
   * A further alert of the same missed acknowledgement or update, owed at this instant (the
   * `nextReminderAt` the previous alert recorded); absent for the first alert.
   */
  reminderAt?: string;
}

/**
 * The mission-critical review: the case follows its account's Mission Critical cover, which the
 * application reads from the licence records into `accountMissionCritical` of the context.
 */
export type ReviewMissionCritical = CaseCommandBase<'ReviewMissionCritical'>;

export type CaseCommand =
  | OpenCase
  | ChangeSeverity
  | Escalate
  | AcknowledgeEscalation
  | PostEscalationStatusUpdate
  | DeEscalate
  | AddComment
  | AssignEngineer
  | UnassignEngineer
  | RequestInformation
  | ResolveCase
  | CloseCase
  | ReopenCase
  | RedirectCase
  | ShareCase
  | UnshareCase
  | RecordSlaTargetAtRisk
  | RecordSlaTargetBreach
  | RecordEscalationOverdue
  | ReviewMissionCritical;

export type CaseCommandType = CaseCommand['type'];
