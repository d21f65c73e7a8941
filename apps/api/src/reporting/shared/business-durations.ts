import { businessMillisBetween, calendarForAccount, type SupportPolicy } from '@casetrail/domain';
import type { Span } from '@casetrail/readmodels/reporting/sla-case-facts';

/**
 * Business time of spans on the policy's calendar in the case's time zone, in milliseconds of
 * working time. Computed at query time, so read models stay independent of the calendar
 * configuration (the same reasoning as the case detail's remaining business time).
 */
export function businessMillisOf(policy: SupportPolicy, timeZone: string, spans: readonly Span[]): number {
  const calendar = calendarForAccount(policy, timeZone);
  return spans.reduce((total, [from, to]) => total + businessMillisBetween(calendar, from, to), 0);
}
