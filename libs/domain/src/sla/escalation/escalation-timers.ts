import type { SupportPolicy } from '../../policy/support-policy';
import type { Severity } from '../../policy/support-vocabulary';
import type { BusinessCalendar } from '../calendar/business-calendar';
import { addBusinessDuration } from '../calendar/business-time';
import type { IsoInstant } from '../time/iso-instant';

/**
 * When an escalation must be acknowledged: `escalatedAt` plus the policy's acknowledgement window
 * (default 1 hour wall clock; on the calendar when configured in business time).
 */
export function escalationAcknowledgementDueAt(input: {
  escalatedAt: IsoInstant;
  policy: SupportPolicy;
  calendar: BusinessCalendar;
}): IsoInstant {
  return addBusinessDuration(
    input.calendar,
    input.escalatedAt,
    input.policy.escalation.acknowledgementWindow,
  );
}

/**
 * When the next escalation status update is due: the last status update (or the acknowledgement,
 * before the first update) plus the cadence for the case's current severity (default 4 hours wall
 * clock for severity 1, 1 business day otherwise, on the account's calendar).
 */
export function nextStatusUpdateDueAt(input: {
  severity: Severity;
  lastUpdateAt: IsoInstant;
  policy: SupportPolicy;
  calendar: BusinessCalendar;
}): IsoInstant {
  return addBusinessDuration(
    input.calendar,
    input.lastUpdateAt,
    input.policy.escalation.statusUpdateCadence[input.severity],
  );
}
