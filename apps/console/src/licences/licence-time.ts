import { formatWithUtc } from '../shared/format';

/** What the console needs of a licence to say when it ends (GET /v1/licences and /v1/licences/{id} give both). */
export interface LicenceTerm {
  /** A last day of support ("2026-11-28") or an instant. */
  activeUntil: string;
  /** The instant it is no longer in force (a date's: noon UTC the next day); absent from an older API. */
  expiresAt?: string;
}

const LAST_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * When a licence ended (or ends), as the mails' "Ended:" says it: the instant in the account's zone
 * with UTC beside it, and for a licence dated by its last day that day too, which is not the day it
 * ended ("Sun, 29 Nov 2026, 04:00 PST (12:00 UTC), after its last day, 2026-11-28"). A bare date
 * (an instant ends the day after in some zone) would be a day early for readers west of UTC.
 */
export function licenceEndTime(licence: LicenceTerm, timeZone: string | null | undefined): string {
  const lastDay = LAST_DAY.test(licence.activeUntil);
  if (!licence.expiresAt)
    return lastDay
      ? `after its last day, ${licence.activeUntil}`
      : formatWithUtc(licence.activeUntil, timeZone);
  const when = formatWithUtc(licence.expiresAt, timeZone);
  return lastDay ? `${when}, after its last day, ${licence.activeUntil}` : when;
}

/** A licence's term on the Licences pages: "Active until 2027-06-30", or "Ended <when>" (licenceEndTime). */
export function licenceTermWords(
  licence: LicenceTerm & { active: boolean },
  timeZone: string | null | undefined,
): { ended: boolean; words: string } {
  if (!licence.active) return { ended: true, words: licenceEndTime(licence, timeZone) };
  const until = LAST_DAY.test(licence.activeUntil)
    ? licence.activeUntil
    : formatWithUtc(licence.activeUntil, timeZone);
  return { ended: false, words: `Active until ${until}` };
}
