import type { CompiledCalendar } from './compiled-calendar';
import { instantAtPosition, positionInDay, type DayPlan } from './day-plan';

/**
 * The arithmetic on epoch milliseconds over a compiled calendar. It walks working segments day by
 * day (never minute by minute), so adding 21 business days costs about 30 cached day lookups.
 * Results land on the earliest instant that satisfies the addition: adding 2 hours at Friday 15:00
 * on a 09:00-17:00 calendar gives Friday 17:00, not Monday 09:00.
 */

/** `start` plus `amountMs` of real working time. */
export function addWorkingMs(calendar: CompiledCalendar, start: number, amountMs: number): number {
  if (amountMs === 0) return start;
  let plan = calendar.planAt(start);
  let from = start;
  let remaining = amountMs;
  for (;;) {
    for (const segment of plan.segments) {
      if (segment.r1 <= from) continue;
      const segmentFrom = from > segment.r0 ? from : segment.r0;
      const available = segment.r1 - segmentFrom;
      if (remaining <= available) return segmentFrom + remaining;
      remaining -= available;
    }
    plan = calendar.nextPlanWithWork(plan);
    from = plan.start;
  }
}

/** Real working time in `[a, b]`; negative when `b` is before `a`. */
export function workingMsBetween(calendar: CompiledCalendar, a: number, b: number): number {
  if (b < a) return -workingMsBetween(calendar, b, a);
  let total = 0;
  for (let plan = calendar.planAt(a); plan.start <= b; plan = calendar.plan(plan.day + 1)) {
    if (a <= plan.start && plan.end <= b) {
      total += plan.workMs;
      continue;
    }
    for (const segment of plan.segments) {
      const from = Math.max(a, segment.r0);
      const to = Math.min(b, segment.r1);
      if (to > from) total += to - from;
    }
  }
  return total;
}

/**
 * `start` plus `days` working days: count working days and land at the same share of the landing
 * day's working time (by the wall clock) as the start had in its own day. A start outside working
 * time counts from the next working time. So on the default calendar Friday 15:00 + 1 = Monday
 * 15:00; with 09:00-17:00 on Monday to Thursday and 09:00-13:00 on Friday, Thursday 15:00 (75% of
 * the day) + 1 = Friday 12:00 (75% of Friday), and Friday 11:00 + 1 = Monday 13:00.
 */
export function addWorkingDays(calendar: CompiledCalendar, start: number, days: number): number {
  if (days === 0) return start;
  const whole = Math.floor(days);
  return addWholeDaysAndShare(calendar, start, whole, days - whole);
}

/**
 * `start` plus `whole` working days and `share` (between -1 and 1) of one. The whole days are kept
 * apart from the shares: summing them into one float first (153 days plus the start's share of its
 * day) loses about 1e-14 of a day, a few millionths of a millisecond on a 24-hour day, enough for
 * `ceilMs` to land a deadline a whole millisecond late.
 */
function addWholeDaysAndShare(
  calendar: CompiledCalendar,
  start: number,
  whole: number,
  share: number,
): number {
  let plan = calendar.planAt(start);
  let days = whole;
  const shareLeft = share + shareOfDay(plan, start);
  for (;;) {
    if (plan.nominalMs > 0) {
      // Compared in milliseconds with the same tolerance as `ceilMs`: an amount measured by
      // `workingDaysBetween` may carry float noise (14.000000000000002), which must not spill the
      // end of a working day into the next morning.
      const position = days * plan.nominalMs + shareLeft * plan.nominalMs;
      if (position <= plan.nominalMs + FLOAT_NOISE_MS) return instantAtPosition(plan, ceilMs(position));
      days -= 1;
    }
    plan = calendar.nextPlanWithWork(plan);
  }
}

/** Working days (fractional) between `a` and `b`, the inverse of `addWorkingDays`; negative when `b` < `a`. */
export function workingDaysBetween(calendar: CompiledCalendar, a: number, b: number): number {
  if (b < a) return -workingDaysBetween(calendar, b, a);
  const first = calendar.planAt(a);
  const last = calendar.planAt(b);
  if (first.day === last.day) return shareOfDay(last, b) - shareOfDay(first, a);
  let days = first.nominalMs > 0 ? 1 - shareOfDay(first, a) : 0;
  for (let day = first.day + 1; day < last.day; day++) {
    if (calendar.plan(day).nominalMs > 0) days += 1;
  }
  return days + shareOfDay(last, b);
}

/**
 * `start` moved on by the working days between `a` and `b` (nothing when `b` is not after `a`):
 * `addWorkingDays(start, workingDaysBetween(a, b))` without the one floating-point sum of many
 * days, whose rounding (about 1e-14 of a day on an 80-day span) could push the landing position a
 * whole millisecond late after the snap in `ceilMs`. The whole days are counted apart from the
 * shares of the three days involved (`addWholeDaysAndShare`), so a resume moves a business-days deadline by exactly the
 * pause when the days involved are equally long, as a recomputing auditor expects.
 */
export function addWorkingDaysBetween(
  calendar: CompiledCalendar,
  start: number,
  a: number,
  b: number,
): number {
  if (b <= a) return start;
  const span = workingDaysSpan(calendar, a, b);
  if (span.whole === 0 && span.share === 0) return start;
  return addWholeDaysAndShare(calendar, start, span.whole, span.share);
}

/** `workingDaysBetween(a, b)` for `a <= b` as whole days plus a share (between -1 and 1) of a day. */
function workingDaysSpan(calendar: CompiledCalendar, a: number, b: number): { whole: number; share: number } {
  const first = calendar.planAt(a);
  const last = calendar.planAt(b);
  if (first.day === last.day) return { whole: 0, share: shareOfDay(last, b) - shareOfDay(first, a) };
  let whole = first.nominalMs > 0 ? 1 : 0;
  for (let day = first.day + 1; day < last.day; day++) {
    if (calendar.plan(day).nominalMs > 0) whole += 1;
  }
  return { whole, share: shareOfDay(last, b) - shareOfDay(first, a) };
}

/** Whether `t` falls inside a working interval (start inclusive, end exclusive). */
export function isWithinWorkingTime(calendar: CompiledCalendar, t: number): boolean {
  return calendar.planAt(t).segments.some((segment) => segment.r0 <= t && t < segment.r1);
}

/** The first working instant at or after `t`. */
export function nextWorkingInstant(calendar: CompiledCalendar, t: number): number {
  let plan = calendar.planAt(t);
  for (;;) {
    for (const segment of plan.segments) {
      if (t < segment.r1) return Math.max(t, segment.r0);
    }
    plan = calendar.nextPlanWithWork(plan);
  }
}

function shareOfDay(plan: DayPlan, t: number): number {
  return plan.nominalMs > 0 ? positionInDay(plan, t) / plan.nominalMs : 0;
}

/**
 * Day shares are floating point: snap the landing position to the first whole millisecond at or
 * after it, ignoring float noise, so a position that is exactly an interval's end stays there
 * instead of spilling into the next interval.
 */
function ceilMs(position: number): number {
  return Math.ceil(position - FLOAT_NOISE_MS);
}

/** Day-share arithmetic is off by far less than this; whole milliseconds are far more. */
const FLOAT_NOISE_MS = 1e-6;
