import { Logger } from '@nestjs/common';
import {
  resolveCalendar,
  type CalendarChoice,
  type ResolvedCalendar,
  type SupportPolicy,
} from '@casetrail/domain';

const logger = new Logger('BusinessCalendars');
/** Names already warned about, per policy: one line per name, not one per command or report row. */
const warnedByPolicy = new WeakMap<SupportPolicy, Set<string>>();

/**
 * The business calendar of an account or a case under the policy in force (`resolveCalendar`). A
 * case keeps the calendar name it was opened under and an account keeps the one it was given, but
 * the policy file may since have dropped or renamed it: business time then follows the policy's
 * default calendar in the same zone, so the case can still be worked and reported, and the first
 * time this process meets the name it logs a warning (putting the calendar back in
 * SUPPORT_POLICY_FILE restores it for every case that names it).
 */
export function businessCalendarOf(policy: SupportPolicy, choice: CalendarChoice): ResolvedCalendar {
  const resolved = resolveCalendar(policy, choice);
  if (resolved.missing !== undefined) warnOnce(policy, resolved.missing);
  return resolved;
}

function warnOnce(policy: SupportPolicy, name: string): void {
  let warned = warnedByPolicy.get(policy);
  if (!warned) warnedByPolicy.set(policy, (warned = new Set()));
  if (warned.has(name)) return;
  warned.add(name);
  logger.warn(
    `Calendar "${name}" is named by an account or case but the support policy (version ${policy.version}) ` +
      'has no such calendar: its business time follows the default calendar in its own time zone ' +
      'until the calendar is back in SUPPORT_POLICY_FILE',
  );
}

/**
 * The calendar names this process has met on accounts or cases that the policy in force lacks,
 * sorted: /health reports them, since the business time of those cases has silently moved to the
 * default calendar, past figures included, until the calendar is back in the policy file.
 */
export function calendarsMissingFromPolicy(policy: SupportPolicy): string[] {
  return [...(warnedByPolicy.get(policy) ?? [])].sort();
}
