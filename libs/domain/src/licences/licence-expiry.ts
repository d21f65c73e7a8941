import { DateTime } from 'luxon';
import { DomainError } from '../shared/domain-error';
import { LicenceErrors } from './licence.errors';
import { IssuedLicence, LicenceState } from './licence.state';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const HAS_OFFSET = /(Z|[+-]\d{2}(:?\d{2})?)$/i;
/** The UTC form instants are stored in (`toISOString`), read without Luxon; anything else goes through Luxon. */
const UTC_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?Z$/;

/** Every case opened asks when its licence expires; the answer depends on `activeUntil` alone. */
const expiryByActiveUntil = new Map<string, string>();
const EXPIRY_MEMO_LIMIT = 1_000;

/**
 * Turns a licence's `activeUntil` into the first instant it is no longer active (UTC ISO-8601).
 *
 * A plain date means the licence covers that whole day. A licence has no time zone of its own, so
 * the day ends when it has ended everywhere ("anywhere on Earth", UTC-12): no customer loses
 * access before their own calendar day is over. An instant must carry its offset; a local time
 * without one would mean different things on different servers, so it is refused.
 */
export function licenceExpiresAt(activeUntil: unknown): string {
  if (typeof activeUntil !== 'string') throw LicenceErrors.invalidActiveUntil(activeUntil);
  const known = expiryByActiveUntil.get(activeUntil);
  if (known !== undefined) return known;
  const expiresAt = computeExpiry(activeUntil);
  if (expiryByActiveUntil.size >= EXPIRY_MEMO_LIMIT) expiryByActiveUntil.clear();
  expiryByActiveUntil.set(activeUntil, expiresAt);
  return expiresAt;
}

function computeExpiry(activeUntil: string): string {
  const text = activeUntil.trim();
  if (DATE_ONLY.test(text)) {
    const lastDay = DateTime.fromISO(text, { zone: 'UTC-12' });
    if (!lastDay.isValid) throw LicenceErrors.invalidActiveUntil(activeUntil);
    return lastDay.plus({ days: 1 }).toUTC().toISO()!;
  }
  const instant = DateTime.fromISO(text, { setZone: true });
  if (!HAS_OFFSET.test(text) || !instant.isValid) throw LicenceErrors.invalidActiveUntil(activeUntil);
  return instant.toUTC().toISO()!;
}

/** An expiry written with a four-digit year; later ones come out as `+010000-…`, which many clients reject. */
const FOUR_DIGIT_YEAR = /^\d{4}-/;

/**
 * Why an `activeUntil` may not be given to a new or renewed licence, or undefined when it may: its
 * end must fall within the years written with four digits, as every instant the API answers with
 * is. A date covers its whole day everywhere, so `9999-12-31` (a CRM's "for ever") would end on
 * 1 January 10000 and is refused rather than quietly moved: the latest date is `9999-12-30`.
 * Licences already recorded with a later end keep it: their expiry is read, never judged here.
 * Shared by the API's 400 and the decider's 422, so both say the same.
 */
export function activeUntilOutOfRange(activeUntil: string): string | undefined {
  return outOfRangeReason(activeUntil, licenceExpiresAt(activeUntil));
}

function outOfRangeReason(activeUntil: string, expiresAt: string): string | undefined {
  if (FOUR_DIGIT_YEAR.test(expiresAt)) return undefined;
  return (
    `activeUntil ${activeUntil.trim()} would end the licence at ${expiresAt}, after the year 9999: the latest is ` +
    'the date 9999-12-30 (a date covers its whole day everywhere, so it ends at noon UTC the next day) or the ' +
    'instant 9999-12-31T23:59:59.999Z'
  );
}

/** The expiry of an `activeUntil` an admin gives a licence now (see activeUntilOutOfRange). */
export function newLicenceExpiry(activeUntil: unknown): string {
  const expiresAt = licenceExpiresAt(activeUntil);
  const outOfRange = outOfRangeReason(activeUntil as string, expiresAt);
  if (outOfRange !== undefined)
    throw new DomainError('active-until-out-of-range', 'validation', outOfRange, 'activeUntil');
  return expiresAt;
}

/** Whether `at` (ISO-8601) falls before `expiresAt`; an unreadable instant counts as expired. */
export function isBeforeExpiry(expiresAt: string, at: string): boolean {
  return instantMillis(at) < instantMillis(expiresAt);
}

/** Only licensed users of an active licence can log cases. */
export function isLicenceActive(state: LicenceState, at: string): state is IssuedLicence {
  return state.status === 'issued' && isBeforeExpiry(state.expiresAt, at);
}

function instantMillis(iso: string): number {
  const utc = utcInstantMillis(iso);
  if (utc !== undefined) return utc;
  const instant = DateTime.fromISO(iso, { setZone: true });
  return instant.isValid ? instant.toMillis() : Number.NaN;
}

/**
 * Epoch milliseconds of a plainly valid `YYYY-MM-DDTHH:mm:ss(.sss)Z`, as Luxon reads it, without
 * Luxon's cost; undefined for any other text (including impossible dates, which Date.parse would
 * roll over into the next month), which is then left to Luxon.
 */
function utcInstantMillis(iso: string): number | undefined {
  const match = UTC_INSTANT.exec(iso);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const millis = match[7] === undefined ? 0 : Number(match[7].padEnd(3, '0'));
  if (year < 1000 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59)
    return undefined;
  const epoch = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  // A day past the month's end rolls over into the next month: not a date Luxon accepts.
  if (new Date(epoch).getUTCDate() !== day) return undefined;
  return epoch;
}
