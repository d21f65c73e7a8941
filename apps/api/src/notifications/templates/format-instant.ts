import { DateTime } from 'luxon';

/** "Mon, 2 Mar 2026 15:00 UTC": unambiguous for readers in every time zone. */
export function formatInstant(iso: string): string {
  const instant = DateTime.fromISO(iso, { zone: 'utc', locale: 'en-GB' });
  return instant.isValid ? instant.toFormat("ccc, d LLL yyyy HH:mm 'UTC'") : iso;
}
