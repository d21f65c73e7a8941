import { IANAZone } from 'luxon';
import { AccountErrors } from './account.errors';

/**
 * Validates an IANA zone name and returns its canonical spelling (`europe/sofia` becomes
 * `Europe/Sofia`), so calendars and read models never see two names for one zone.
 */
export function canonicalTimeZone(timeZone: string): string {
  const trimmed = timeZone.trim();
  if (!IANAZone.isValidZone(trimmed)) throw AccountErrors.invalidTimeZone(timeZone);
  return new Intl.DateTimeFormat('en-US', { timeZone: trimmed }).resolvedOptions().timeZone;
}
