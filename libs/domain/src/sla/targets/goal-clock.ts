import type { BusinessCalendar } from '../calendar/business-calendar';
import { addBusinessDurationMs, addBusinessSpanMs, amountBetweenMs } from '../calendar/business-time';
import { instantToMillis, type IsoInstant } from '../time/iso-instant';
import type { SlaDuration } from '../time/sla-duration';
import type { SlaPause, SlaTarget } from './sla-target';

/**
 * A target's clock in its goal's own units (wall hours, business hours or business days), so that
 * consumption, remaining time and deadlines are always measured the way the goal is stated.
 */
export function addGoalAmount(
  calendar: BusinessCalendar,
  goal: SlaDuration,
  startMs: number,
  amount: number,
): number {
  return addBusinessDurationMs(calendar, startMs, { ...goal, amount: Math.max(0, amount) });
}

/**
 * `fromMs` plus the goal time between `aMs` and `bMs` (none when `bMs` is not after `aMs`): a
 * deadline carried over a pause. Exact to the millisecond where the days involved are equally
 * long (see `addBusinessSpanMs`), which adding `goalAmountBetween` as a float was not.
 */
export function addGoalSpan(
  calendar: BusinessCalendar,
  goal: SlaDuration,
  fromMs: number,
  aMs: number,
  bMs: number,
): number {
  return addBusinessSpanMs(calendar, fromMs, aMs, bMs, goal);
}

export function goalAmountBetween(
  calendar: BusinessCalendar,
  goal: SlaDuration,
  aMs: number,
  bMs: number,
): number {
  return amountBetweenMs(calendar, aMs, bMs, goal);
}

/**
 * The instant at which a clock that started at `startMs` has used `amount` of `goal`, leaving out
 * every pause (paused time never counts). The exact instant even when it lies in the past, so a
 * warning point already reached keeps its true instant. A clock frozen by an open pause before
 * using it all is stated as of that pause's start: the amount still left, counted from there
 * (the paused-target convention, see `frozenAtMs`). `pauses` are oldest first.
 */
export function instantWhenUsed(
  calendar: BusinessCalendar,
  goal: SlaDuration,
  startMs: number,
  pauses: readonly SlaPause[],
  amount: number,
): number {
  let fromMs = startMs;
  let left = amount;
  for (const pause of pauses) {
    const pauseFrom = instantToMillis(pause.from);
    const pauseTo = pause.to === undefined ? undefined : instantToMillis(pause.to);
    if (pauseTo !== undefined && pauseTo <= fromMs) continue;
    if (pauseFrom > fromMs) {
      const available = goalAmountBetween(calendar, goal, fromMs, pauseFrom);
      if (left <= available) break;
      left -= available;
      fromMs = pauseFrom;
    }
    if (pauseTo === undefined) break;
    fromMs = pauseTo;
  }
  return addGoalAmount(calendar, goal, fromMs, left);
}

/**
 * `instantMs`, a deadline stated as of `asOfMs`, moved on by each wait for the customer that ended
 * after `asOfMs` as `resumeTarget` moves a deadline: the goal time left when the clock froze runs
 * again from the answer, on `goal`'s clock, never earlier. A wait still under way leaves it as it
 * stands (a paused clock's deadlines are stated as of its freeze), and so does a wait that began
 * once the instant had passed. `pauses` are oldest first.
 */
export function carriedOverPauses(
  calendar: BusinessCalendar,
  goal: SlaDuration,
  asOfMs: number,
  pauses: readonly SlaPause[],
  instantMs: number,
): number {
  let carried = instantMs;
  for (const pause of pauses) {
    if (pause.to === undefined) break;
    const toMs = instantToMillis(pause.to);
    if (toMs <= asOfMs) continue;
    const frozenAt = Math.max(instantToMillis(pause.from), asOfMs);
    if (frozenAt >= carried) break;
    carried = Math.max(carried, addGoalSpan(calendar, goal, toMs, frozenAt, carried));
  }
  return carried;
}

/**
 * The instant as of which a paused target's `dueAt` and `atRiskAt` are stated: the start of its open
 * pause, or its start when the clock started inside the pause (a severity upgrade while the case
 * awaits the customer restarts the clock there; none of the pause before it is that clock's time).
 * Undefined unless paused.
 */
export function frozenAtMs(target: SlaTarget): number | undefined {
  const pause = target.state === 'paused' ? openPause(target) : undefined;
  if (!pause) return undefined;
  return Math.max(instantToMillis(pause.from), instantToMillis(target.startedAt));
}

/** A target's due and at-risk instants, in epoch milliseconds. */
export interface TargetDeadlines {
  dueMs: number;
  atRiskMs: number;
}

/**
 * The target's deadlines if its clock ran from `fromMs` on. A running clock's deadlines are fixed
 * instants. A paused clock carries the time it had left when it froze, on the goal's own clock
 * (working time for a business goal, every hour for a 24x7 one), so its deadlines land that much
 * after `fromMs`: the remaining time, not the time consumed since the start, is what a pause keeps.
 * (Recomputing from consumption would drop whatever a severity change decided about the deadline,
 * e.g. a downgrade's "never tighter".) An at-risk instant reached before the clock froze stays
 * where it is: the warning point has passed.
 */
export function deadlinesFrom(
  target: SlaTarget,
  fromMs: number,
  calendar: BusinessCalendar,
): TargetDeadlines {
  const dueMs = instantToMillis(target.dueAt);
  const atRiskMs = instantToMillis(target.atRiskAt);
  const frozenAt = frozenAtMs(target);
  if (frozenAt === undefined || fromMs === frozenAt) return { dueMs, atRiskMs };
  const carry = (instantMs: number) =>
    instantMs <= frozenAt ? instantMs : addGoalSpan(calendar, target.goal, fromMs, frozenAt, instantMs);
  return { dueMs: carry(dueMs), atRiskMs: carry(atRiskMs) };
}

/** The open pause of a paused target. */
export function openPause(target: SlaTarget): SlaPause | undefined {
  const last = target.pauses[target.pauses.length - 1];
  return last !== undefined && last.to === undefined ? last : undefined;
}

/** The pauses with the open one (if any) closed at `to`. */
export function closeOpenPause(target: SlaTarget, to: IsoInstant): SlaTarget['pauses'] {
  return target.pauses.map((pause, index) =>
    index === target.pauses.length - 1 && pause.to === undefined ? { ...pause, to } : pause,
  );
}
