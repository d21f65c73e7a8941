import {
  caseTimers,
  instantToMillis,
  millisToInstant,
  type CaseState,
  type CaseTimer,
} from '@casetrail/domain';

/** One flat name per timer, so rows can be filtered and command ids read without nesting. */
export type SlaTimerKind =
  | 'first-response-at-risk'
  | 'first-response-breach'
  | 'resolution-at-risk'
  | 'resolution-breach'
  | 'escalation-acknowledgement'
  | 'escalation-status-update'
  | 'auto-close';

/**
 * A pending timer of a case, as the SLA process manager reads it.
 *
 * `dueAt` names what the timer is about (the target's due time, the escalation deadline, the
 * scheduled closure) and goes into the command, which the decider checks against the case;
 * `fireAt` is when to send it (earlier than `dueAt` for an at-risk warning). `fireAt` is always
 * UTC with milliseconds, so "due by now" is a string range query in every store.
 */
export interface SlaTimerDocument extends Record<string, unknown> {
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
    case 'auto-close':
      return 'auto-close';
  }
}

export const slaTimerId = (caseId: string, kind: SlaTimerKind, dueAt: string) => `${caseId}|${kind}|${dueAt}`;

/**
 * The rows a case needs after the event at `caseRevision` (id `eventId`): one per timer the domain
 * derives from its state (`caseTimers`), earliest first. Closed and redirected cases need none.
 */
export function slaTimerDocuments(
  state: CaseState,
  caseRevision: number,
  eventId: string,
): SlaTimerDocument[] {
  if (state.status === 'none') return [];
  return caseTimers(state).map((timer) => {
    const kind = slaTimerKind(timer);
    return {
      id: slaTimerId(state.caseId, kind, timer.dueAt),
      caseId: state.caseId,
      kind,
      dueAt: timer.dueAt,
      fireAt: millisToInstant(instantToMillis(timer.fireAt)),
      caseRevision,
      scheduledBy: eventId,
      timer,
    };
  });
}
