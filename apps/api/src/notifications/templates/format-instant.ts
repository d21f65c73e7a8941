import { DateTime } from 'luxon';
import { zoneAbbreviation } from './zone-abbreviation';

const MINUTE_MS = 60_000;

/**
 * An instant as the case's people read it: in the case's business time zone, named, with UTC
 * beside it for readers elsewhere, e.g. "Fri 27 Nov 2026, 09:14 PST (17:14 UTC)". The UTC side
 * names its day when that is another day ("Fri 27 Nov 2026, 21:30 PST (Sat 28 Nov, 05:30 UTC)").
 * Without a zone (rows written before the outbox recorded it), or in UTC itself: "Fri 27 Nov 2026,
 * 17:14 UTC".
 */
export function formatInstant(iso: string, timeZone?: string, precision: { seconds?: boolean } = {}): string {
  const TIME = precision.seconds ? 'HH:mm:ss' : 'HH:mm';
  const DATE_AND_TIME = `ccc d LLL yyyy, ${TIME}`;
  const DAY_AND_TIME = `ccc d LLL, ${TIME}`;
  const utc = DateTime.fromISO(iso, { zone: 'utc', locale: 'en-GB' });
  if (!utc.isValid) return iso;
  const utcOnly = `${utc.toFormat(DATE_AND_TIME)} UTC`;
  if (!timeZone) return utcOnly;
  const local = utc.setZone(timeZone);
  // A zone the time-zone database no longer knows still leaves an exact (UTC) time to show.
  if (!local.isValid) return utcOnly;
  const abbreviation = zoneAbbreviation(timeZone, utc.toMillis());
  if (abbreviation === 'UTC' && local.offset === 0) return utcOnly;
  const utcSide = local.toISODate() === utc.toISODate() ? utc.toFormat(TIME) : utc.toFormat(DAY_AND_TIME);
  return `${local.toFormat(DATE_AND_TIME)} ${abbreviation} (${utcSide} UTC)`;
}

/**
 * Two instants said side by side ("was due …, done …"), with seconds when they fall in the same
 * minute: to the minute, a response 11 s late reads "was due 05:16, done 05:16", a breach with no
 * visible lateness.
 */
export function formatInstantsApart(first: string, second: string, timeZone?: string): [string, string] {
  const minute = (iso: string) => Math.floor(Date.parse(iso) / MINUTE_MS);
  const seconds = minute(first) === minute(second);
  return [formatInstant(first, timeZone, { seconds }), formatInstant(second, timeZone, { seconds })];
}
