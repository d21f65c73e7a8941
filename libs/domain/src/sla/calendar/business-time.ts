import { instantToMillis, millisToInstant, type IsoInstant } from '../time/iso-instant';
import {
  isBusinessDays,
  MILLIS_PER_UNIT,
  type DurationClock,
  type DurationUnit,
  type SlaDuration,
} from '../time/sla-duration';
import type { BusinessCalendar } from './business-calendar';
import { compileCalendar } from './compiled-calendar';
import {
  addWorkingDays,
  addWorkingDaysBetween,
  addWorkingMs,
  isWithinWorkingTime,
  nextWorkingInstant,
  workingDaysBetween,
  workingMsBetween,
} from './working-time';

/**
 * `start` plus `duration` on `calendar`:
 * - wall clock: plain elapsed time (the calendar is ignored; a day is 24 hours);
 * - business minutes/hours: real working time, walking the calendar's working intervals;
 * - business days: N working days later at the same share of the working day (see `SlaDuration`).
 *
 * The result is the earliest instant that satisfies the addition, so it may be the end of a
 * working interval (Friday 17:00 rather than Monday 09:00). A start outside working time counts
 * from the next working time. Exact across weekends, holidays and daylight-saving changes.
 * Throws a RangeError for a negative or non-finite amount, a validation DomainError for a bad calendar.
 */
export function addBusinessDuration(
  calendar: BusinessCalendar,
  start: IsoInstant,
  duration: SlaDuration,
): IsoInstant {
  return millisToInstant(addBusinessDurationMs(calendar, instantToMillis(start), duration));
}

/** `addBusinessDuration` on epoch milliseconds, for hot loops. */
export function addBusinessDurationMs(
  calendar: BusinessCalendar,
  startMs: number,
  duration: SlaDuration,
): number {
  if (!Number.isFinite(duration.amount) || duration.amount < 0) {
    throw new RangeError(`A duration to add must be a finite amount >= 0, got ${duration.amount}`);
  }
  if (duration.clock === 'wall')
    return startMs + Math.round(duration.amount * MILLIS_PER_UNIT[duration.unit]);
  const compiled = compileCalendar(calendar);
  return isBusinessDays(duration)
    ? addWorkingDays(compiled, startMs, duration.amount)
    : addWorkingMs(compiled, startMs, Math.round(duration.amount * MILLIS_PER_UNIT[duration.unit]));
}

/**
 * Business time between `a` and `b` expressed in `unit` (default hours), the inverse of
 * `addBusinessDuration`: `businessDurationBetween(c, s, addBusinessDuration(c, s, d), d.unit)`
 * equals `d` for business durations. Days count working days as `addBusinessDuration` does;
 * minutes and hours count real working time. Negative when `b` is before `a`.
 */
export function businessDurationBetween(
  calendar: BusinessCalendar,
  a: IsoInstant,
  b: IsoInstant,
  unit: DurationUnit = 'hours',
): SlaDuration {
  return durationBetween(calendar, a, b, { unit, clock: 'business' });
}

/** Time between `a` and `b` measured on the given clock and unit (wall or business). */
export function durationBetween(
  calendar: BusinessCalendar,
  a: IsoInstant,
  b: IsoInstant,
  measure: { unit: DurationUnit; clock: DurationClock },
): SlaDuration {
  return { amount: amountBetweenMs(calendar, instantToMillis(a), instantToMillis(b), measure), ...measure };
}

/** The amount of `measure` between two epoch-millisecond instants (the hot-path form of `durationBetween`). */
export function amountBetweenMs(
  calendar: BusinessCalendar,
  aMs: number,
  bMs: number,
  measure: { unit: DurationUnit; clock: DurationClock },
): number {
  if (measure.clock === 'wall') return (bMs - aMs) / MILLIS_PER_UNIT[measure.unit];
  const compiled = compileCalendar(calendar);
  return isBusinessDays(measure)
    ? workingDaysBetween(compiled, aMs, bMs)
    : workingMsBetween(compiled, aMs, bMs) / MILLIS_PER_UNIT[measure.unit];
}

/**
 * `startMs` plus the time between `aMs` and `bMs` on `measure`'s clock (nothing when `bMs` is not
 * after `aMs`): how a pause moves a deadline. The same as adding `amountBetweenMs`, but a
 * business-days span is carried in whole days and shares (`addWorkingDaysBetween`) rather than as
 * one float, which could land a millisecond late; the other clocks count whole milliseconds.
 */
export function addBusinessSpanMs(
  calendar: BusinessCalendar,
  startMs: number,
  aMs: number,
  bMs: number,
  measure: { unit: DurationUnit; clock: DurationClock },
): number {
  if (bMs <= aMs) return startMs;
  if (measure.clock === 'wall') return startMs + (bMs - aMs);
  const compiled = compileCalendar(calendar);
  return isBusinessDays(measure)
    ? addWorkingDaysBetween(compiled, startMs, aMs, bMs)
    : addWorkingMs(compiled, startMs, workingMsBetween(compiled, aMs, bMs));
}

/** Real working time between `a` and `b` in milliseconds (negative when `b` is before `a`). */
export function businessMillisBetween(calendar: BusinessCalendar, a: IsoInstant, b: IsoInstant): number {
  return workingMsBetween(compileCalendar(calendar), instantToMillis(a), instantToMillis(b));
}

/** Whether `at` is inside a working interval of the calendar (interval ends excluded). */
export function isWorkingTime(calendar: BusinessCalendar, at: IsoInstant): boolean {
  return isWithinWorkingTime(compileCalendar(calendar), instantToMillis(at));
}

/** `at` itself when it is working time, otherwise the start of the next working interval. */
export function nextWorkingTime(calendar: BusinessCalendar, at: IsoInstant): IsoInstant {
  return millisToInstant(nextWorkingInstant(compileCalendar(calendar), instantToMillis(at)));
}
