import { formatInstant } from '../shared/format';

/**
 * An instant on the Licences pages as the mails about the same changes say it: in the account's
 * time zone with UTC beside it ("Sun 29 Nov 2026, 22:14 CET (21:14 UTC)"; the UTC date too when it
 * falls on another day), or UTC alone for an account in UTC or whose zone the reader may not read.
 */
export function accountTime(iso: string | null | undefined, timeZone: string | null | undefined): string {
  if (!iso) return '—';
  const utc = formatInstant(iso, 'UTC');
  const there = formatInstant(iso, timeZone ?? 'UTC');
  if (there === utc) return utc;
  const day = (text: string) => text.slice(0, text.lastIndexOf(', '));
  const utcTime = utc.slice(utc.lastIndexOf(', ') + 2);
  return `${there} (${day(there) === day(utc) ? utcTime : utc})`;
}
