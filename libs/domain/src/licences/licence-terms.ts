import { MAX_REASON_LENGTH } from '../shared/optional-reason';

/**
 * Support plans a licence can carry. `mission-critical` is an upgrade on top of enterprise; which
 * channels each plan includes is policy, not listed here.
 */
export const LICENCE_PLANS = ['standard', 'enterprise', 'mission-critical'] as const;
export type LicencePlan = (typeof LICENCE_PLANS)[number];

export function isLicencePlan(value: unknown): value is LicencePlan {
  return typeof value === 'string' && (LICENCE_PLANS as readonly string[]).includes(value);
}

/** How many users (pending and active together) a licence admits. */
export type LicenceSeats = number | 'unlimited';

/** The most seats a licence counts; beyond that, a licence is simply unlimited. */
export const MAX_LICENCE_SEATS = 1_000_000;

/** The longest edition name ("Online Marketing License") a licence keeps. */
export const MAX_EDITION_LENGTH = 200;

/** The longest reason an admin gives for a change of terms: that of every licence change. */
export const MAX_TERMS_CHANGE_REASON_LENGTH = MAX_REASON_LENGTH;

/**
 * The terms an admin may change after issuance (`ChangeLicenceTerms`): the commercial ones. The
 * account and product name what the licence is for; another one of those is another licence. (The
 * holder may change too, by a hand-over of its own: `ChangeLicenceHolder`.)
 * `expiresAt` always moves with `activeUntil`, from which it is derived.
 */
export interface ChangeableLicenceTerms {
  edition: string;
  plan: LicencePlan;
  activeUntil: string;
  expiresAt: string;
  seats: LicenceSeats;
}
