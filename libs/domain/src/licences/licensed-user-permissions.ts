/** Permissions beyond **basic** (which every licensed user always has: log and follow own cases). */
export interface LicensedUserPermissions {
  manageUsers: boolean;
  shareTickets: boolean;
  seeSharedTickets: boolean;
}

export const LICENSED_USER_PERMISSION_NAMES = [
  'manageUsers',
  'shareTickets',
  'seeSharedTickets',
] as const satisfies readonly (keyof LicensedUserPermissions)[];

/**
 * Whether colleagues with **see shared tickets** see the cases someone opened on a licence (DOMAIN.md
 * "Who may see a case"): by the opener's share tickets as they hold them now (`openerNow`, their
 * entry on the licence), or, once removed from it, as they held them when removed. Offboarding a
 * leaver must not orphan their cases; an explicit change of their permissions (or the licence's
 * expiry, judged apart) still takes the cases away. One rule for the API's decisions and the
 * notification writer, each over its own record of the licence.
 */
export function sharesTicketsAsLastHeld(
  openerNow: Pick<LicensedUserPermissions, 'shareTickets'> | undefined,
  removedWithShareTickets: boolean,
): boolean {
  return openerNow ? openerNow.shareTickets : removedWithShareTickets;
}

/**
 * Whether a user removed from a licence counts from then on as removed with share tickets (see
 * `sharesTicketsAsLastHeld`): as they held them until the removal (`heldUntilRemoval`, their entry
 * before it).
 */
export function removedWithShareTickets(
  heldUntilRemoval: Pick<LicensedUserPermissions, 'shareTickets'> | undefined,
): boolean {
  return heldUntilRemoval?.shareTickets === true;
}
