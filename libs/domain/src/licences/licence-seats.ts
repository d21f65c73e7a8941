import { IssuedLicence } from './licence.state';
import { LicenceSeats } from './licence-terms';

/**
 * The users holding a seat of the licence: active and pending alike, or a licence could be
 * over-invited before anyone registers. Removing a user (or withdrawing an invitation) frees one.
 */
export function seatsHeld(licence: IssuedLicence): number {
  return licence.users.size;
}

/** Whether `seats` admit `holders` users: what an assignment and a change of seats both ask. */
export function seatsAdmit(seats: LicenceSeats, holders: number): boolean {
  return seats === 'unlimited' || holders <= seats;
}
