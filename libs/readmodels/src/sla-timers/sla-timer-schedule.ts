import { instantToMillis, millisToInstant, type CaseTimer } from '@casetrail/domain';

/** One flat name per timer, so rows can be filtered and command ids read without nesting. */
export type SlaTimerKind =
  | 'first-response-at-risk'
  | 'first-response-breach'
  | 'resolution-at-risk'
  | 'resolution-breach'
  | 'escalation-acknowledgement'
  | 'escalation-status-update'
  | 'escalation-acknowledgement-reminder'
  | 'escalation-status-update-reminder'
  | 'auto-close';

/**
 * A pending timer of a case, as the SLA process manager fires it (derived from its case's row).
 *
 * `dueAt` names what the timer is about (the target's due time, the escalation deadline, the
 * scheduled closure) and goes into the command, which the decider checks against the case;
 * `fireAt` is when to send it (earlier than `dueAt` for an at-risk warning). `fireAt` is always
 * UTC with milliseconds, like the `nextTimerAt` of the case row that holds it, so "due by now" is a
 * string comparison, and a range query in every store.
 */
export interface SlaTimerDocument {
  /** `<caseId>|<kind>|<dueAt>`: the same timer keeps its id while the case changes around it. */
  id: string;
  caseId: string;
  kind: SlaTimerKind;
  dueAt: string;
  fireAt: string;
  /** Revision of the case the timer was derived from: a timer that fires into that same revision and records nothing is dead. */
  caseRevision: number;
  /** Id of the case event after which the timer was (re)derived: the causation of what it records. */
  scheduledBy: string;
  /** The domain timer itself, from which the command is built (`commandForTimer`). */
  timer: CaseTimer;
}

export function slaTimerKind(timer: CaseTimer): SlaTimerKind {
  switch (timer.kind) {
    case 'sla-target-at-risk':
      return `${timer.target}-at-risk`;
    case 'sla-target-breach':
      return `${timer.target}-breach`;
    case 'escalation-acknowledgement-overdue':
      return 'escalation-acknowledgement';
    case 'escalation-status-update-overdue':
      return 'escalation-status-update';
    case 'escalation-acknowledgement-reminder':
    case 'escalation-status-update-reminder':
      return timer.kind;
    case 'auto-close':
      return 'auto-close';
  }
}

export const slaTimerId = (caseId: string, kind: SlaTimerKind, dueAt: string) => `${caseId}|${kind}|${dueAt}`;

/** What a case's row keeps for the SLA process manager (see `CaseDocument`). */
export interface ScheduledCase {
  id: string;
  /** Revision of the case the timers were derived at. */
  revision: number;
  /** Id of the case event after which they were derived. */
  lastEventId: string;
  /** Every timer the case needs now, earliest first (`caseTimers`). */
  timers: CaseTimer[];
}

/**
 * A case's timers as the SLA process manager fires them, earliest first: each stamped with the
 * revision and the event its case row was derived at, and its fire time in UTC with milliseconds.
 */
export function slaTimerDocuments(scheduled: ScheduledCase): SlaTimerDocument[] {
  return scheduled.timers.map((timer) => {
    const kind = slaTimerKind(timer);
    return {
      id: slaTimerId(scheduled.id, kind, timer.dueAt),
      caseId: scheduled.id,
      kind,
      dueAt: timer.dueAt,
      fireAt: utcInstant(timer.fireAt),
      caseRevision: scheduled.revision,
      scheduledBy: scheduled.lastEventId,
      timer,
    };
  });
}

/** `instant` in UTC with milliseconds, so instants compare as strings in every store. */
export const utcInstant = (instant: string) => millisToInstant(instantToMillis(instant));
