import type { DurationClock, Severity, SlaTarget, SlaTargetState } from '@casetrail/domain';
import { NO_DEADLINE } from './reporting-collections';

/**
 * What reports need of one SLA target, copied from the targets the case events record (events
 * carry whole targets, so the read side never recomputes a deadline).
 */
export interface TargetFacts {
  state: SlaTargetState;
  /** Severity whose goal the target runs on: a breach or a met goal counts under it. */
  severity: Severity;
  /**
   * When the clock the target is judged on started (the opening, or the severity change or reopening
   * that restarted it) and whether it counts wall-clock or business time: the reports measure a met
   * goal from there on that clock, as it was judged, not from the opening on today's policy.
   */
  startedAt: string;
  clock: DurationClock;
  /**
   * The policy version the target was computed under: its business time is measured on that
   * version's calendars. Absent on rows stored before it was kept (then the policy in force).
   */
  policyVersion?: string;
  dueAt: string;
  atRiskAt: string;
  /** Start of the open pause while the target is paused. */
  pausedAt: string | null;
  metAt: string | null;
}

export function targetFacts(target: SlaTarget): TargetFacts {
  const last = target.pauses[target.pauses.length - 1];
  return {
    state: target.state,
    severity: target.severity,
    startedAt: target.startedAt,
    clock: target.goal.clock,
    policyVersion: target.policyVersion,
    dueAt: target.dueAt,
    atRiskAt: target.atRiskAt,
    pausedAt: target.state === 'paused' && last && last.to === undefined ? last.from : null,
    metAt: target.metAt ?? null,
  };
}

/**
 * The instant from which the target counts as breached now, when it can still be breached: a
 * running clock at its due time, a recorded breach nobody has answered yet at once. Paused clocks
 * are frozen (never breached while paused); met or answered targets are done.
 */
export function breachableDueAt(target: TargetFacts): string {
  if (target.state === 'running') return target.dueAt;
  if (target.state === 'breached' && target.metAt === null) return target.dueAt;
  return NO_DEADLINE;
}

export function earliest(...instants: string[]): string {
  return instants.reduce((first, instant) => (instant < first ? instant : first), NO_DEADLINE);
}
