import type { OrderedMap } from 'immutable';
import { LicencePlan, LicenceSeats } from './licence-terms';
import type { InvitedUserDetails } from './licence.events';

interface LicensedUserDetails extends InvitedUserDetails {
  invitedAt: string;
}

/** Invited; holds a seat but may not log cases until registration completes. */
export interface PendingLicensedUser extends LicensedUserDetails {
  status: 'pending';
  /** When the invitation was last sent again (a resend); absent: mailed once, at `invitedAt`. */
  lastSentAt?: string;
}

export interface ActiveLicensedUser extends LicensedUserDetails {
  status: 'active';
  registeredAt: string;
}

export type LicensedUser = PendingLicensedUser | ActiveLicensedUser;

/**
 * A licence's users by email, in invitation order. A persistent map: each event's state shares all
 * but the changed user with the state before, so folding a licence of 10,000 users takes linear
 * time (an array copied per event made it quadratic: 5 s per command at 10,000 users).
 */
export type LicensedUsers = OrderedMap<string, LicensedUser>;

export interface UnissuedLicence {
  status: 'unissued';
}

/**
 * An issued licence. Expiry is a matter of time, not of an event, so it is not a status: ask
 * `isLicenceActive(state, at)`.
 */
export interface IssuedLicence {
  status: 'issued';
  licenceId: string;
  accountId: string;
  product: string;
  /** This and the terms down to `seats`: as issued, or as an admin last changed them. */
  edition: string;
  plan: LicencePlan;
  activeUntil: string;
  expiresAt: string;
  seats: LicenceSeats;
  holderEmail: string;
  /**
   * The `expiresAt` whose passing the stream records (LicenceExpired, or an admin's end to a date
   * already past); absent while the current end is ahead or unrecorded. A renewal changes
   * `expiresAt`, so the new end is unrecorded until it passes (see recordLicenceLapse).
   */
  endRecordedFor?: string;
  /**
   * When a change of terms last put the licence in force again after it had ended (renewalAfterEnd);
   * absent if it never ended and came back. Its pending invitations' access promise, and the hourly
   * limit on sending them again, start afresh from it: nobody could register while it was ended.
   */
  renewedAt?: string;
  /** Pending and active users, in invitation order. Removed users are dropped (and may be re-invited). */
  users: LicensedUsers;
}

export type LicenceState = UnissuedLicence | IssuedLicence;

export const initialLicenceState: LicenceState = { status: 'unissued' };
