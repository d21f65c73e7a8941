import type { BusinessCalendar } from '../calendar/business-calendar';
import { addBusinessDurationMs, amountBetweenMs } from '../calendar/business-time';
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

export function goalAmountBetween(
  calendar: BusinessCalendar,
  goal: SlaDuration,
  aMs: number,
  bMs: number,
): number {
  return amountBetweenMs(calendar, aMs, bMs, goal);
}

/**
 * How much of the goal the clock has used from `startedAt` up to `untilMs`, leaving out every pause
 * (closed or still open) inside that stretch. Paused time never counts.
 */
export function consumedGoalAmount(target: SlaTarget, untilMs: number, calendar: BusinessCalendar): number {
  const startMs = instantToMillis(target.startedAt);
  if (untilMs <= startMs) return 0;
  let consumed = goalAmountBetween(calendar, target.goal, startMs, untilMs);
  for (const pause of target.pauses) {
    const from = Math.max(startMs, instantToMillis(pause.from));
    const to = Math.min(untilMs, pause.to === undefined ? untilMs : instantToMillis(pause.to));
    if (to > from) consumed -= goalAmountBetween(calendar, target.goal, from, to);
  }
  return Math.max(0, consumed);
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
