import { BusinessCalendar, SupportPolicy, calendarFromTemplate } from '@casetrail/domain';

/** The business calendar a case's targets run on: the policy's template in the case's time zone. */
export function caseCalendar(policy: SupportPolicy, timeZone: string | undefined): BusinessCalendar {
  return calendarFromTemplate(policy.calendar, timeZone);
}
