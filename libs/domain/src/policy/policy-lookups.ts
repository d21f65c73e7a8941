import { calendarFromTemplate, type BusinessCalendar } from '../sla/calendar/business-calendar';
import type { SeverityPolicy, SupportPolicy } from './support-policy';
import type { Severity, SupportChannel, SupportPlan } from './support-vocabulary';

/** Name, channels and goals of a severity. */
export function severityPolicy(policy: SupportPolicy, severity: Severity): SeverityPolicy {
  return policy.severities[severity];
}

/** Whether a case of `severity` may be reported through `channel` (e.g. severity 1 by phone only). */
export function isChannelAllowedForSeverity(
  policy: SupportPolicy,
  severity: Severity,
  channel: SupportChannel,
): boolean {
  return policy.severities[severity].channels.includes(channel);
}

/** Whether a licence on `plan` is entitled to `channel` (phone support is a plan entitlement). */
export function planAllowsChannel(
  policy: SupportPolicy,
  plan: SupportPlan,
  channel: SupportChannel,
): boolean {
  return policy.plans[plan].channels.includes(channel);
}

const calendarsByPolicy = new WeakMap<SupportPolicy, Map<string, BusinessCalendar>>();

/**
 * The policy's calendar in an account's time zone (the template's zone, then UTC, when it has none).
 * Returns the same object for the same policy and zone, so the compiled calendar cache hits by identity.
 */
export function calendarForAccount(policy: SupportPolicy, timeZone?: string | null): BusinessCalendar {
  let byZone = calendarsByPolicy.get(policy);
  if (!byZone) calendarsByPolicy.set(policy, (byZone = new Map()));
  const key = timeZone ?? '';
  let calendar = byZone.get(key);
  if (!calendar)
    byZone.set(key, (calendar = Object.freeze(calendarFromTemplate(policy.calendar, timeZone ?? undefined))));
  return calendar;
}
