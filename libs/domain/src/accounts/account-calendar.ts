import { AccountErrors } from './account.errors';

/**
 * The calendar an account names: one of the support policy's named calendars (`calendarNames`, from
 * the decision context) or null for the policy's default. Checked when it is set, so an account never
 * names a calendar the policy in force lacks; a later policy may still drop it, and cases then fall
 * back to the default calendar (`resolveCalendar`).
 */
export function accountCalendar(value: unknown, calendarNames: readonly string[] = []): string | null {
  if (value === null) return null;
  if (typeof value !== 'string' || !calendarNames.includes(value)) {
    throw AccountErrors.unknownCalendar(value, calendarNames);
  }
  return value;
}
