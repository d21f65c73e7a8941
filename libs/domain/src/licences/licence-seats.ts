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

/** The seats no user holds (`held`, see seatsHeld), as the licence views and the case side's refusals say it. */
export function seatsLeft(seats: LicenceSeats, held: number): number | 'unlimited' {
  return seats === 'unlimited' ? 'unlimited' : Math.max(0, seats - held);
}
