/**
 * A goal or cadence as the policy states it, e.g. `{ amount: 1, unit: 'hours', clock: 'wall' }`
 * (severity 1 response) or `{ amount: 14, unit: 'days', clock: 'business' }`.
 *
 * - `wall`: elapsed real time, 24x7, ignoring the calendar. A wall-clock day is 24 real hours.
 * - `business` minutes/hours: working time of the calendar, counted in real elapsed time inside
 *   working intervals (so an all-day working day that has a daylight-saving change holds 23 or
 *   25 business hours; a 09:00-17:00 day always holds 8).
 * - `business` days: whole working days of the calendar. Adding N business days lands N working
 *   days later at the same position (share of that day's working hours) within the working day;
 *   see `addBusinessDuration` for the exact rule.
 */
export interface SlaDuration {
  amount: number;
  unit: DurationUnit;
  clock: DurationClock;
}

export type DurationUnit = 'minutes' | 'hours' | 'days';
export type DurationClock = 'wall' | 'business';

export const DURATION_UNITS: readonly DurationUnit[] = ['minutes', 'hours', 'days'];
export const DURATION_CLOCKS: readonly DurationClock[] = ['wall', 'business'];

export const MILLIS_PER_UNIT: Readonly<Record<DurationUnit, number>> = {
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
};

/** True when the duration is measured in working days (the day-position arithmetic). */
export function isBusinessDays(duration: Pick<SlaDuration, 'unit' | 'clock'>): boolean {
  return duration.clock === 'business' && duration.unit === 'days';
}

/** A readable form for messages and explanations, e.g. `1 business day`, `4 hours (wall clock)`. */
export function describeDuration(duration: SlaDuration): string {
  const unit = duration.amount === 1 ? duration.unit.slice(0, -1) : duration.unit;
  return duration.clock === 'business'
    ? `${duration.amount} business ${unit}`
    : `${duration.amount} ${unit} (wall clock)`;
}
