import { LicenceErrors } from './licence.errors';
import {
  isLicencePlan,
  LicencePlan,
  LicenceSeats,
  MAX_EDITION_LENGTH,
  MAX_LICENCE_SEATS,
} from './licence-terms';
import { requireComposedName } from './product-names';

/**
 * The checks of a licence term's value, shared by issuance and a change of terms so a term is
 * refused for the same reasons whichever command carries it. Commands arrive from JSON, so each
 * takes `unknown`.
 */

export function requirePlan(plan: unknown): LicencePlan {
  if (!isLicencePlan(plan)) throw LicenceErrors.invalidPlan(plan);
  return plan;
}

/** A whole number of seats within bounds, or `"unlimited"`; nothing else is guessed at. */
export function requireSeats(seats: unknown): LicenceSeats {
  if (seats === 'unlimited') return seats;
  if (typeof seats === 'number' && Number.isSafeInteger(seats) && seats >= 1 && seats <= MAX_LICENCE_SEATS)
    return seats;
  throw LicenceErrors.invalidSeats();
}

export function requireEdition(edition: unknown): string {
  const text = requireComposedName(edition, 'edition');
  if (text.length > MAX_EDITION_LENGTH) throw LicenceErrors.textTooLong('edition', MAX_EDITION_LENGTH);
  return text;
}
