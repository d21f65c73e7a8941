import { DomainError } from '../shared/domain-error';
import { askForRenewal } from './holder-to-ask';
import { MAX_LICENCE_SEATS } from './licence-terms';
import { licenceProductName } from './product-names';

/** The licence decider's errors, in one place so codes stay stable. */
export const LicenceErrors = {
  notFound: () => new DomainError('licence-not-found', 'not-found', 'No licence is issued with this id'),
  alreadyIssued: (licenceId: string) =>
    new DomainError('licence-already-issued', 'conflict', `Licence ${licenceId} is already issued`),
  invalidPlan: (plan: unknown) =>
    new DomainError(
      'invalid-support-plan',
      'validation',
      `plan must be standard, enterprise or mission-critical (got ${JSON.stringify(plan)})`,
      'plan',
    ),
  invalidSeats: () =>
    new DomainError(
      'invalid-seats',
      'validation',
      `seats must be a whole number from 1 to ${MAX_LICENCE_SEATS}, or "unlimited"`,
      'seats',
    ),
  invalidActiveUntil: (activeUntil: unknown) =>
    new DomainError(
      'invalid-active-until',
      'validation',
      `activeUntil must be a date (YYYY-MM-DD) or an ISO-8601 instant with an offset (got ${JSON.stringify(activeUntil)})`,
      'activeUntil',
    ),
  activeUntilInPast: (activeUntil: string) =>
    new DomainError(
      'active-until-in-past',
      'validation',
      `A licence active until ${activeUntil} would already have expired`,
      'activeUntil',
    ),
  /**
   * The one licence-expired problem, for licence and case commands alike (CaseErrors.licenceExpired
   * is this): it names the licence as customers know it (product and edition; its id last, for
   * support) and its last day as the admin set them, says what the renewal
   * gives back (`onceRenewed`) and who renews it, and, in `meanwhile`, what can still be done.
   * `field` only where the request itself names the licence (a case opening's body, a licence's
   * path); a case's share or escalation names no licence, so there is no field at fault to point to.
   * `askedBy`: the customer refused; where the licence names its holder and that is someone else, the
   * holder is named beside the account manager, as the end mails name them (askForRenewal).
   */
  expired: (
    licence: { licenceId: string; product: string; edition: string; holderEmail?: string },
    activeUntil: string,
    onceRenewed: string,
    {
      field,
      meanwhile,
      toStaff,
      askedBy,
    }: { field?: 'licenceId'; meanwhile?: string; toStaff?: boolean; askedBy?: string } = {},
  ) =>
    new DomainError(
      'licence-expired',
      'forbidden',
      `The licence for ${licenceProductName(licence)} expired (active until ${activeUntil}, licence id ` +
        `${licence.licenceId}); ${onceRenewed} once it is renewed ` +
        // Staff renew licences themselves: no customer's account manager to send them to.
        `(${toStaff ? 'an admin renews it by moving its activeUntil later' : askForRenewal(licence.holderEmail, askedBy)})` +
        `${meanwhile ? `. ${meanwhile}` : ''}`,
      field,
    ),
  // Names `email`, the user who does not fit, as the other refusals of an invitation do.
  seatLimitReached: (seats: number) =>
    new DomainError(
      'seat-limit-reached',
      'conflict',
      `${seatsTaken(seats)}; remove a user or withdraw a pending invitation to free a seat, or ask your ` +
        'account manager for more seats',
      'email',
    ),
  // Names the count, so the admin knows how many users must go (or how many seats to keep).
  seatsBelowHolders: (seats: number, holders: number) =>
    new DomainError(
      'seats-below-holders',
      'conflict',
      `${holders} ${holders === 1 ? 'user holds a seat' : 'users hold seats'} of this licence (pending ` +
        `invitations included), more than ${seats}; remove users first, or keep at least ${holders} seats`,
      'seats',
    ),
  noTermsToChange: () =>
    new DomainError(
      'licence-terms-required',
      'validation',
      'Name at least one term to change: activeUntil, seats, plan or edition',
    ),
  termsChangeRequiresAdmin: () =>
    new DomainError(
      'licence-terms-change-requires-admin',
      'forbidden',
      "Only an admin may change a licence's terms",
    ),
  textTooLong: (field: string, max: number) =>
    new DomainError('text-too-long', 'validation', `${field} must be at most ${max} characters`, field),
  userAlreadyAssigned: (email: string) =>
    new DomainError(
      'licensed-user-already-assigned',
      'conflict',
      `${email} is already a user of this licence`,
      'email',
    ),
  userNotFound: (email: string) =>
    new DomainError(
      'licensed-user-not-found',
      'not-found',
      `${email} is not a user of this licence`,
      'email',
    ),
  /**
   * A customer shown the licence in their account view who is not one of its users (see
   * nonPartyRefusal). Same code as a case opening's not-a-licensed-user: the licence is real, the
   * caller is not on it; `rule` says what being on it would allow, and the holder is who adds users.
   */
  notAUserOfLicence: (licenceId: string, holderEmail: string, rule: string) =>
    new DomainError(
      'not-a-licensed-user',
      'forbidden',
      `You are not a user of licence ${licenceId}; ${rule}. Ask its holder (${holderEmail}), or one of its ` +
        'users who manage users, to add you to it',
      'licenceId',
    ),
  // What a delegate (manage-users, not the holder) may not do; see requireWithinDelegateLimits.
  holderEntryReserved: (holderEmail: string, removal: boolean) =>
    new DomainError(
      'holder-entry-reserved',
      'forbidden',
      `${holderEmail} holds this licence; only they or an admin may ${removal ? 'remove' : 'change the permissions of'} ` +
        'their own user entry',
      'email',
    ),
  ownPermissionsReserved: (holderEmail: string) =>
    new DomainError(
      'own-permissions-reserved',
      'forbidden',
      `You may not change your own permissions on this licence; ask its holder (${holderEmail}) or an admin`,
      'email',
    ),
  managerEntryReserved: (email: string, holderEmail: string, removal: boolean) =>
    new DomainError(
      'manager-entry-reserved',
      'forbidden',
      `${email} manages this licence's users; only its holder (${holderEmail}) or an admin may ` +
        `${removal ? 'remove' : 'change the permissions of'} a user who manages users`,
      'email',
    ),
  manageUsersGrantReserved: (holderEmail: string) =>
    new DomainError(
      'manage-users-grant-reserved',
      'forbidden',
      `Only the licence holder (${holderEmail}) or an admin may give the manage-users permission; ask them`,
      'permissions.manageUsers',
    ),
  issuanceRequiresAdmin: () =>
    new DomainError('licence-issuance-requires-admin', 'forbidden', 'Only an admin may issue licences'),
  /**
   * `holderEmail` where the caller may know it (staff, a registered user: the licence view names
   * its holder to them), so they know whom to ask, as the delegate refusals name them.
   */
  userManagementNotAllowed: (holderEmail?: string) =>
    new DomainError(
      'licensed-user-management-not-allowed',
      'forbidden',
      'Only the licence holder, an active licensed user with the manage-users permission, or an admin may manage licensed users' +
        (holderEmail ? `; ask its holder (${holderEmail}) or a colleague who manages its users` : ''),
    ),
  registrationCompletionNotAllowed: () =>
    new DomainError(
      'registration-completion-not-allowed',
      'forbidden',
      "Only the invited user or an admin may complete the user's registration",
    ),
};

/** "All 1 seats" reads as a slip: a one-seat licence says so. */
function seatsTaken(seats: number): string {
  return seats === 1
    ? 'The only seat of this licence is taken by a pending or active user'
    : `All ${seats} seats of this licence are taken by pending or active users`;
}
