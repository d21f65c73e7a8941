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
