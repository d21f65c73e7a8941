import type { BusinessCalendar } from '../calendar/business-calendar';
import { addBusinessDurationMs } from '../calendar/business-time';
import { MILLIS_PER_UNIT, type SlaDuration } from '../time/sla-duration';
import { instantToMillis, millisToInstant, type IsoInstant } from '../time/iso-instant';

/** Reminder slots counted at most this far ahead before falling back to one more interval after `after`. */
const MAX_SKIPPED_REMINDERS = 1_000;

const TWO_DAYS_MS = 2 * MILLIS_PER_UNIT.days;

/**
 * When the next reminder of a missed acknowledgement or status update is owed. The reminders of one
 * missed due time back off: the first comes one `period` after the due time (the acknowledgement
 * window, or the severity's update cadence), and each interval after that doubles, up to a day:
 * with the default 1-hour acknowledgement window, 1, 2, 4, 8 and 16 hours, then every 24 hours
 * (the due time plus 1, 3, 7, 15, 31, 55, 79… hours). Repeating the period for as long as nobody
 * acted flooded the case's stream and the assignee's, CSM's and support list's mail (598 hourly
 * reminders on one simulated case): a duty manager needs the alert, and then a daily nudge.
 *
 * The slots are counted from the due time on the calendar, and the next is the first one after
 * `after` (when the alert or reminder is recorded): reminders stay on the slots of the due time, and
 * an alert recorded late (the process was stopped for a day) is followed by one reminder at the next
 * slot, not by a burst of the ones missed meanwhile, nor by a fresh run of hourly ones.
 *
 * Unless that slot is too close (tooCloseToCount): a reminder recorded late, nearer to the next slot
 * than to its own, less than one `period` before that slot, stands for it, and the next reminder is
 * the slot after, at least one period away. Otherwise a reminder caught up at a restart a few seconds
 * before a slot was followed by another at that slot: two mails to the support team seconds apart.
 */
export function nextOverdueReminderAt(input: {
  /** The missed due time: its reminders' slots are counted from it. */
  overdueSince: IsoInstant;
  period: SlaDuration;
  after: IsoInstant;
  calendar: BusinessCalendar;
}): IsoInstant {
  const { period, calendar } = input;
  const afterMs = instantToMillis(input.after);
  let slotMs = instantToMillis(input.overdueSince);
  let interval = period;
  for (let slot = 0; slot < MAX_SKIPPED_REMINDERS; slot++) {
    const previousSlotMs = slotMs;
    slotMs = nextSlotMs(calendar, previousSlotMs, interval, period);
    // A period that adds nothing (a zero cadence in a policy file) must not loop for ever.
    if (slotMs <= previousSlotMs) break;
    interval = doubled(interval);
    if (slotMs <= afterMs) continue;
    if (!tooCloseToCount(calendar, { previousSlotMs, slotMs, recordedMs: afterMs }, period))
      return millisToInstant(slotMs);
    // The slot after is at least one period after this one, and so after the recorded reminder.
    return millisToInstant(nextSlotMs(calendar, slotMs, interval, period));
  }
  return millisToInstant(Math.max(nextSlotMs(calendar, afterMs, interval, period), afterMs + 1));
}

/**
 * Whether the first slot after a recorded alert or reminder is too close to it to be a reminder of
 * its own: the reminder was recorded late, nearer to that slot than to the one it stood for (the
 * slot before, or the due time), and less than one `period` before it. Timers fire a moment after
 * their slot, so a reminder recorded on time is always nearer to its own slot and keeps the schedule
 * whatever its interval; one caught up late keeps the next slot when a period or more still lies
 * before it (a catch-up 7 hours before a slot, on a 1-hour window, is no burst).
 */
function tooCloseToCount(
  calendar: BusinessCalendar,
  slots: { previousSlotMs: number; slotMs: number; recordedMs: number },
  period: SlaDuration,
): boolean {
  const { previousSlotMs, slotMs, recordedMs } = slots;
  const nearerToNext = slotMs - recordedMs < recordedMs - previousSlotMs;
  return nearerToNext && slotMs < addBusinessDurationMs(calendar, recordedMs, period);
}

/**
 * The slot `interval` after `slotMs`, but never more than one day after it on the period's clock,
 * nor less than one `period` after it.
 *
 * "A day" is a day of the clock the period is counted on, so the cap keeps the calendar semantics
 * of the timer it backs off:
 * - a wall-clock period (the default 1-hour acknowledgement window, the 4-hour severity-1 cadence)
 *   counts real elapsed time around the clock, weekends included, so its day is 24 real hours;
 * - a business-time period (the business-day cadence of severities 2 and 3, or a window configured
 *   in business hours) counts working time on the account's calendar, so its day is one business
 *   day: 24 business hours would be three working days on a 09:00-17:00 calendar, not "a day".
 * A business-day cadence is thus at the cap from the start and keeps reminding each business day.
 *
 * A period of a day or more is not cut to a day: its reminders stay one period apart as before, so
 * backing off never alerts more often than the policy's own period.
 */
function nextSlotMs(calendar: BusinessCalendar, slotMs: number, interval: SlaDuration, period: SlaDuration) {
  const intervalEndMs = addBusinessDurationMs(calendar, slotMs, interval);
  const dayEndMs = addBusinessDurationMs(calendar, slotMs, { amount: 1, unit: 'days', clock: period.clock });
  const periodEndMs = interval === period ? intervalEndMs : addBusinessDurationMs(calendar, slotMs, period);
  return Math.max(Math.min(intervalEndMs, dayEndMs), periodEndMs);
}

/**
 * Twice the interval, held at two days' worth of its unit: past a day on any clock (a business day
 * spans at most 25 hours of working time, on a daylight-saving day), so the cap is what counts, and
 * walking the calendar never adds more than that.
 */
function doubled(interval: SlaDuration): SlaDuration {
  return { ...interval, amount: Math.min(interval.amount * 2, TWO_DAYS_MS / MILLIS_PER_UNIT[interval.unit]) };
}
