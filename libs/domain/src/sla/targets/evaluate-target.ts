import type { BusinessCalendar } from '../calendar/business-calendar';
import { compileCalendar } from '../calendar/compiled-calendar';
import { workingMsBetween } from '../calendar/working-time';
import { instantToMillis, type IsoInstant } from '../time/iso-instant';
import { frozenAtMs } from './goal-clock';
import { resumeTarget } from './pause-resume';
import type { SlaTarget, SlaTargetKind, SlaTargetState } from './sla-target';

/** A target as it stands at query time. */
export interface SlaTargetEvaluation {
  kind: SlaTargetKind;
  /** Effective state at `now`: a running target whose `dueAt` has passed reads `breached` even before the breach event. */
  state: SlaTargetState;
  /**
   * The first breached instant. A paused clock's moves on while the customer keeps the case waiting:
   * with a calendar it is the due time the clock would get if the customer answered at `now` (the
   * time left, counted on the goal's clock from `now`, as `resumeTarget` counts it), so it never lies
   * in the past. Without a calendar it is stated as of the pause (the recorded `dueAt`).
   */
  dueAt: IsoInstant;
  /** The at-risk instant, stated like `dueAt` (a warning point passed before the pause stays). */
  atRiskAt: IsoInstant;
  /**
   * True while running, not breached and at or past `atRiskAt`. A paused target is never at risk (the
   * case awaits the customer; nobody at the vendor can act on it), whatever it was when it paused.
   */
  atRisk: boolean;
  /**
   * Wall-clock milliseconds until `dueAt`; negative once overdue; absent for met targets. Frozen
   * while paused: the wall-clock time from the pause to the due time it had then, not the time from
   * `now` to the paused `dueAt` above (the queues order paused cases by that `dueAt`'s goal time
   * left instead: see the cases projection's `pausedTimeLeftMs`).
   */
  remainingMs?: number;
  /**
   * Milliseconds until `dueAt` on the goal's own clock (same rules as `remainingMs`); only with a
   * calendar: working time for a business-time goal, and `remainingMs` itself for a wall-clock
   * goal (a 24x7 goal's working hours are all hours, so an hour left on a Saturday is an hour).
   */
  remainingBusinessMs?: number;
  breachedAt?: IsoInstant;
  metAt?: IsoInstant;
}

/**
 * Evaluate a target at `now` without changing it, for read models and queries that must be correct
 * at query time even when a timer has not fired yet. Pass the account's calendar to also get the
 * remaining business time.
 */
export function evaluateTarget(
  target: SlaTarget,
  now: IsoInstant,
  calendar?: BusinessCalendar,
): SlaTargetEvaluation {
  const nowMs = instantToMillis(now);
  const dueMs = instantToMillis(target.dueAt);
  const result: SlaTargetEvaluation = {
    kind: target.kind,
    state: target.state,
    dueAt: target.dueAt,
    atRiskAt: target.atRiskAt,
    atRisk: false,
  };
  if (target.metAt !== undefined) result.metAt = target.metAt;
  if (target.state === 'met') return result;

  // A paused clock is frozen at the moment it paused, or at its start if it started paused (a
  // severity upgrade while the case awaits the customer restarts the clock inside the pause: none
  // of the pause before the restart is the new clock's time).
  const asOfMs = frozenAtMs(target) ?? nowMs;
  const breached = target.state === 'breached' || (target.state === 'running' && nowMs >= dueMs);
  if (breached) {
    result.state = 'breached';
    result.breachedAt = target.breachedAt ?? target.dueAt;
  } else {
    // Only a running clock is at risk: while paused the case awaits the customer and nobody at the
    // vendor can act on it (the engineers' at-risk queue leaves it out too). Once resumed it is at
    // risk again if its at-risk instant has passed.
    result.atRisk = target.state === 'running' && nowMs >= instantToMillis(target.atRiskAt);
  }
  if (target.state === 'paused' && calendar) {
    // A paused case may wait for days: a due time stated as of the pause would lie in the past.
    const ifAnsweredNow = resumeTarget(target, now, calendar);
    result.dueAt = ifAnsweredNow.dueAt;
    result.atRiskAt = ifAnsweredNow.atRiskAt;
  }
  if (target.metAt === undefined) {
    result.remainingMs = dueMs - asOfMs;
    if (calendar) {
      result.remainingBusinessMs =
        target.goal.clock === 'wall'
          ? result.remainingMs
          : workingMsBetween(compileCalendar(calendar), asOfMs, dueMs);
    }
  }
  return result;
}
