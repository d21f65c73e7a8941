import { actorHasRole, ActorIdentity, isReadOnlyAuditor } from '../accounts/actor-identity';
import { normalizeEmail } from '../accounts/email-address';
import { isLicenceActive } from './licence-expiry';
import { ActiveLicensedUser, LicensedUser, LicenceState } from './licence.state';

export function findLicensedUser(state: LicenceState, email: string): LicensedUser | undefined {
  if (state.status !== 'issued') return undefined;
  const wanted = normalizeEmail(email);
  return state.users.get(wanted);
}

/**
 * Who may add, edit and remove licensed users at `at`: the licence holder, an admin, or an active
 * licensed user with the manage-users permission while the licence is in force; never through a
 * read-only auditor's token. The holder's right comes from `holderEmail`, not from a user record,
 * so removing the holder's own user record never locks the licence, and it outlasts the licence
 * (renewing it and tidying its roster stay theirs). A user of an expired licence is treated as a
 * removed one, as the licence and account views treat them: the roster is no longer theirs to read,
 * let alone to change.
 */
export function mayManageLicensedUsers(state: LicenceState, actor: ActorIdentity, at: string): boolean {
  if (state.status !== 'issued') return false;
  if (actorHasRole(actor, 'admin')) return true;
  if (isReadOnlyAuditor(actor)) return false;
  if (normalizeEmail(actor.email) === state.holderEmail) return true;
  if (!isLicenceActive(state, at)) return false;
  const user = findLicensedUser(state, actor.email);
  return user?.status === 'active' && user.permissions.manageUsers;
}

/**
 * The user who may log cases under this licence at `at`: an active (registered) user of an active
 * licence. Returns the user, whose permissions decide sharing, or undefined.
 */
export function licensedUserWhoMayLogCases(
  state: LicenceState,
  email: string,
  at: string,
): ActiveLicensedUser | undefined {
  if (!isLicenceActive(state, at)) return undefined;
  const user = findLicensedUser(state, email);
  return user?.status === 'active' ? user : undefined;
}

/** Only registered users of an active licence can log cases. */
export function mayLogCases(state: LicenceState, email: string, at: string): boolean {
  return licensedUserWhoMayLogCases(state, email, at) !== undefined;
}
