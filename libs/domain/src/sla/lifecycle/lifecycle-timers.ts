import type { SupportPolicy } from '../../policy/support-policy';
import type { BusinessCalendar } from '../calendar/business-calendar';
import { addBusinessDuration } from '../calendar/business-time';
import type { IsoInstant } from '../time/iso-instant';

/**
 * When a resolved case closes automatically if nobody reacts: the last activity (the resolution,
 * or a later comment) plus the policy's quiet period (default 7 days wall clock).
 */
export function autoCloseDueAt(input: {
  lastActivityAt: IsoInstant;
  policy: SupportPolicy;
  calendar: BusinessCalendar;
}): IsoInstant {
  return addBusinessDuration(input.calendar, input.lastActivityAt, input.policy.autoClose.quietPeriod);
}
