import type { DomainEvent } from '../shared/decider';
import type { Severity, SupportChannel, SupportPlan } from '../policy/support-vocabulary';
import type { SlaTarget, SlaTargetKind, SlaTargets } from '../sla/targets/sla-target';
import type { IsoInstant } from '../sla/time/iso-instant';
import type { EscalationReason, RedirectTarget } from './vocabulary';

/** Bump when an event's data changes shape; stored in every event's metadata. */
export const CASE_EVENT_SCHEMA_VERSION = 1;

/**
 * Every case event names its case, when it was decided (`at`, the command's instant) and by whom
 * (`by`: an email, or `system:<process>` for timers). Metadata repeats the actor for the audit
 * trail, but `evolve` only sees data, and the lifecycle needs these instants (reopen window,
 * auto-close) to decide.
 */
interface CaseEventData {
  caseId: string;
  at: IsoInstant;
  by: string;
}

type CaseEventOf<Type extends string, Data> = DomainEvent<Type, CaseEventData & Data>;

/**
 * The why of a change that takes an optional reason (see the commands): present only when the
 * person gave one, so events recorded before reasons were taken read the same.
 */
interface GivenReason {
  reason?: string;
}

export interface CasePerson {
  email: string;
  name?: string;
}

export type CaseOpened = CaseEventOf<
  'CaseOpened',
  {
    accountId: string;
    licenceId: string;
    /** The licensed user the case belongs to (the caller, or who phoned in). */
    openedBy: CasePerson;
    /** The support engineer who logged a phone case on the opener's behalf. */
    loggedBy?: CasePerson;
    title: string;
    description: string;
    category?: string;
    severity: Severity;
    channel: SupportChannel;
    // Priority inputs, frozen at opening so queues and reports can explain an ordering later.
    product: string;
    edition: string;
    plan: SupportPlan;
    missionCritical: boolean;
    /** IANA zone of the business calendar the targets were computed in. */
    timeZone: string;
    /**
     * Which of the policy's named calendars the case's business time follows, for good. Absent: the
     * policy's default calendar (so on every case opened before there were named calendars).
     */
    calendar?: string;
    policyVersion: string;
    targets: SlaTargets;
  }
>;

export type SeverityChanged = CaseEventOf<
  'SeverityChanged',
  {
    from: Severity;
    to: Severity;
    reason: string;
    previousTargets: SlaTargets;
    newTargets: SlaTargets;
    policyVersion: string;
    /** An acknowledged escalation's next status update, when the new severity's cadence moves it. */
    nextStatusUpdateDueAt?: IsoInstant;
  }
>;

export type CaseEscalated = CaseEventOf<
  'CaseEscalated',
  {
    /** 1 for the case's first escalation, 2 for the second, and so on. */
    level: number;
    reason: EscalationReason;
    details: string;
    /** A customer requested it, or a support engineer raised it. */
    raisedBy: 'customer' | 'engineer';
    acknowledgementDueAt: IsoInstant;
    policyVersion: string;
  }
>;

export type EscalationAcknowledged = CaseEventOf<
  'EscalationAcknowledged',
  { level: number; nextStatusUpdateDueAt: IsoInstant } & GivenReason
>;

export type EscalationStatusUpdatePosted = CaseEventOf<
  'EscalationStatusUpdatePosted',
  { level: number; body: string; nextStatusUpdateDueAt: IsoInstant }
>;

/**
 * The escalation ended, with a reason: de-escalated by staff, or ended by a customer who closed the
 * case (`endedByClosure`, recorded just before their CaseClosed). Closures and redirections recorded
 * before that ended an open escalation without this event (see evolve).
 */
export type CaseDeEscalated = CaseEventOf<
  'CaseDeEscalated',
  {
    level: number;
    reason: string;
    /** The customer ended it by closing the case, confirming the resolution; absent for staff. */
    endedByClosure?: true;
  }
>;

export type CommentAdded = CaseEventOf<
  'CommentAdded',
  {
    commentId: string;
    body: string;
    /** Internal notes are never shown to customers and notify staff only. */
    internal: boolean;
    byStaff: boolean;
    authorName?: string;
    /** Internal notes: a random value hashed with the text and hidden with it (see AddComment). */
    salt?: string;
  }
>;

/** What an engineer's first public reply was: a comment, or a message that came with a transition. */
export type FirstResponseVia =
  'comment' | 'information-request' | 'resolution' | 'redirection' | 'escalation-status-update';

/**
 * The response clock stopped: the engineer's first public reply. Moves a `new` case to
 * `in-progress`. `target` is the stopped first-response target (met, or breached and late).
 */
export type FirstResponseGiven = CaseEventOf<
  'FirstResponseGiven',
  { via: FirstResponseVia; commentId?: string; target: SlaTarget }
>;

export type EngineerAssigned = CaseEventOf<
  'EngineerAssigned',
  { engineer: string; previousEngineer?: string } & GivenReason
>;

/**
 * The case is back in the `unassigned` queue: its engineer (`previousEngineer`, as a reassignment
 * names them) gave it back, or a colleague took it off them. An event of its own rather than an
 * EngineerAssigned without an engineer: every EngineerAssigned recorded names its assignee, and
 * the history reads "unassigned", not an assignment to nobody.
 */
export type CaseUnassigned = CaseEventOf<'CaseUnassigned', { previousEngineer: string } & GivenReason>;

/** The engineer asked the customer for details; the resolution clock pauses (`targets` as paused). */
export type InformationRequested = CaseEventOf<
  'InformationRequested',
  { body?: string; targets: SlaTargets } & GivenReason
>;

/**
 * The customer answered while the case awaited them: back to `in-progress`, the resolution clock
 * resumes (`targets` as resumed, with the due time moved by the pause). `commentId`: the customer's
 * comment that answered (it comes just before); absent when the customer answered by escalating
 * (the `CaseEscalated` follows it, so its notification shows the case in progress).
 */
export type CustomerResponded = CaseEventOf<'CustomerResponded', { commentId?: string; targets: SlaTargets }>;

/** The engineer proposed a resolution; the resolution clock stops. Closes itself at `autoCloseAt` if quiet. */
export type CaseResolved = CaseEventOf<
  'CaseResolved',
  { summary: string; targets: SlaTargets; autoCloseAt: IsoInstant }
>;

/** Public activity on a resolved case restarts its quiet period. */
export type AutoClosePostponed = CaseEventOf<
  'AutoClosePostponed',
  { previousAutoCloseAt: IsoInstant; autoCloseAt: IsoInstant }
>;

/** `reason`: only on a closure a person confirmed (the timer gives none). */
export type CaseClosed = CaseEventOf<'CaseClosed', { automatic: boolean } & GivenReason>;

/**
 * A resolved, recently closed or recently redirected case (`reopenedFrom`; a redirection closes it
 * as redirected) is back `in-progress`. The resolution clock restarts from
 * the reopening with the full goal of the current severity (`targets`). What reopened it, when
 * a customer objected to a proposed resolution rather than asking for the reopening:
 * - `commentId`: the customer's reply (the `CommentAdded` follows it);
 * - `escalationLevel`: the customer's escalation (the `CaseEscalated` of that level follows it).
 */
export type CaseReopened = CaseEventOf<
  'CaseReopened',
  {
    reason: string;
    reopenedFrom: 'resolved' | 'closed' | 'redirected';
    previousTargets: SlaTargets;
    targets: SlaTargets;
    commentId?: string;
    escalationLevel?: number;
  }
>;

/**
 * Out of support scope: closed as redirected, with a referral (reported separately from closures).
 * The referral answers the case, so the resolution clock stops here as it does at a resolution
 * (`targets`: met on time, else breached and late). Events recorded before `targets` was added
 * leave the clock to evolve, which stops it the same way at the redirection.
 */
export type CaseRedirected = CaseEventOf<
  'CaseRedirected',
  { to: RedirectTarget; referral: string; targets?: SlaTargets }
>;

export type CaseShared = CaseEventOf<'CaseShared', { email: string; name: string } & GivenReason>;

export type CaseUnshared = CaseEventOf<'CaseUnshared', { email: string } & GivenReason>;

export type SlaTargetAtRisk = CaseEventOf<
  'SlaTargetAtRisk',
  { target: SlaTargetKind; dueAt: IsoInstant; atRiskAt: IsoInstant }
>;

export type SlaTargetBreached = CaseEventOf<
  'SlaTargetBreached',
  { target: SlaTargetKind; dueAt: IsoInstant }
>;

/**
 * What an overdue alert records besides the missed due time. The first alert of a missed
 * acknowledgement or status update has no `reminder`; while it stays missing further alerts are
 * recorded, the first one period (the acknowledgement window, or the status-update cadence of the
 * case's severity) after the due time, then at doubling intervals up to a day
 * (`nextOverdueReminderAt`), numbered from 1, each saying when the next is owed. Alerts recorded before
 * reminders existed have neither field, and no reminder follows them.
 */
export interface OverdueReminderFacts {
  reminder?: number;
  nextReminderAt?: IsoInstant;
}

export type EscalationAcknowledgementOverdue = CaseEventOf<
  'EscalationAcknowledgementOverdue',
  { level: number; dueAt: IsoInstant } & OverdueReminderFacts
>;

export type EscalationStatusUpdateOverdue = CaseEventOf<
  'EscalationStatusUpdateOverdue',
  { level: number; dueAt: IsoInstant } & OverdueReminderFacts
>;

/**
 * The case's account gained or lost Mission Critical cover (an active mission-critical licence was
 * issued, or the last one expired) while the case was live: from here its priority and the CSM's
 * notifications follow `missionCritical`. Recorded by the mission-critical review, never by people.
 */
export type MissionCriticalChanged = CaseEventOf<'MissionCriticalChanged', { missionCritical: boolean }>;

export type CaseEvent =
  | CaseOpened
  | SeverityChanged
  | CaseEscalated
  | EscalationAcknowledged
  | EscalationStatusUpdatePosted
  | CaseDeEscalated
  | CommentAdded
  | FirstResponseGiven
  | EngineerAssigned
  | CaseUnassigned
  | InformationRequested
  | CustomerResponded
  | CaseResolved
  | AutoClosePostponed
  | CaseClosed
  | CaseReopened
  | CaseRedirected
  | CaseShared
  | CaseUnshared
  | SlaTargetAtRisk
  | SlaTargetBreached
  | EscalationAcknowledgementOverdue
  | EscalationStatusUpdateOverdue
  | MissionCriticalChanged;

export type CaseEventType = CaseEvent['type'];

// A record keyed by every type makes the compiler reject a list that misses a new event.
const EVERY_CASE_EVENT_TYPE: Readonly<Record<CaseEventType, true>> = {
  CaseOpened: true,
  SeverityChanged: true,
  CaseEscalated: true,
  EscalationAcknowledged: true,
  EscalationStatusUpdatePosted: true,
  CaseDeEscalated: true,
  CommentAdded: true,
  FirstResponseGiven: true,
  EngineerAssigned: true,
  CaseUnassigned: true,
  InformationRequested: true,
  CustomerResponded: true,
  CaseResolved: true,
  AutoClosePostponed: true,
  CaseClosed: true,
  CaseReopened: true,
  CaseRedirected: true,
  CaseShared: true,
  CaseUnshared: true,
  SlaTargetAtRisk: true,
  SlaTargetBreached: true,
  EscalationAcknowledgementOverdue: true,
  EscalationStatusUpdateOverdue: true,
  MissionCriticalChanged: true,
};

/** Every case event type, for subscriptions and projections that filter the global log. */
export const CASE_EVENT_TYPES = Object.keys(EVERY_CASE_EVENT_TYPE) as readonly CaseEventType[];

export function isCaseEvent(event: { type: string }): event is CaseEvent {
  return Object.prototype.hasOwnProperty.call(EVERY_CASE_EVENT_TYPE, event.type);
}
