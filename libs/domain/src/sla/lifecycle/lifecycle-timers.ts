import type { SupportPolicy } from '../../policy/support-policy';
import type { BusinessCalendar } from '../calendar/business-calendar';
import { addBusinessDuration } from '../calendar/business-time';
import { instantToMillis, millisToInstant, type IsoInstant } from '../time/iso-instant';

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

/** When a pending licensed-user invitation becomes overdue (default 48 hours after the invitation). */
export function invitationFollowUpDueAt(input: { invitedAt: IsoInstant; policy: SupportPolicy }): IsoInstant {
  return millisToInstant(
    instantToMillis(input.invitedAt) + input.policy.licensing.pendingInvitationFollowUpHours * 3_600_000,
  );
}
