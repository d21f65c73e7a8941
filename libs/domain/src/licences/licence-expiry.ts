import { DateTime } from 'luxon';
import { LicenceErrors } from './licence.errors';
import { IssuedLicence, LicenceState } from './licence.state';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const HAS_OFFSET = /(Z|[+-]\d{2}(:?\d{2})?)$/i;

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

/** Whether `at` (ISO-8601) falls before `expiresAt`; an unreadable instant counts as expired. */
export function isBeforeExpiry(expiresAt: string, at: string): boolean {
  return instantMillis(at) < instantMillis(expiresAt);
}

/** Only licensed users of an active licence can log cases. */
export function isLicenceActive(state: LicenceState, at: string): state is IssuedLicence {
  return state.status === 'issued' && isBeforeExpiry(state.expiresAt, at);
}

function instantMillis(iso: string): number {
  const instant = DateTime.fromISO(iso, { setZone: true });
  return instant.isValid ? instant.toMillis() : Number.NaN;
}
