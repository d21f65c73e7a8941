import {
  businessMillisBetween,
  instantToMillis,
  type CalendarChoice,
  type DurationClock,
  type SupportPolicy,
} from '@casetrail/domain';
import type { Span } from '@casetrail/readmodels/reporting/sla-case-facts';
import { businessCalendarOf } from '../../calendars/business-calendar-of';

/**
 * Time of spans on the clock of the goal they are reported against, in milliseconds: working time
 * on the case's own calendar (the policy calendar it was opened under, in its time zone) for a
 * business-time goal, and every hour for a wall-clock goal ("1 hour, wall clock, 24x7": its
 * business hours are all hours), so a severity-1 response that took 99 minutes on a Saturday
 * reports 99 minutes, not none. The clock is the one the target recorded (its goal's), so a figure
 * is measured as its target was judged. Computed at query time, so read models stay independent
 * of the calendar configuration (the same reasoning as the case detail's remaining business time).
 */
export function goalMillisOf(
  policy: SupportPolicy,
  clock: DurationClock,
  caseCalendar: CalendarChoice,
  spans: readonly Span[],
): number {
  if (clock === 'wall') {
    return spans.reduce((total, [from, to]) => total + instantToMillis(to) - instantToMillis(from), 0);
  }
  const { calendar } = businessCalendarOf(policy, caseCalendar);
  return spans.reduce((total, [from, to]) => total + businessMillisBetween(calendar, from, to), 0);
}
