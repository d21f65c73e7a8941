import { actorHasRole, type ActorIdentity } from '../accounts/actor-identity';
import { normalizeEmail } from '../accounts/email-address';
import { LicenceErrors } from './licence.errors';
import type { IssuedLicence } from './licence.state';
import { findLicensedUser } from './licensed-user-access';
import type { LicensedUserPermissions } from './licensed-user-permissions';

/**
 * What a delegate may not do to the licence's users. DOMAIN.md lets the licence holder, or a
 * licensed user with manage users, add, remove and edit licensed users; the holder owns the licence
 * ("the customer who owns a licence"), and a demanding owner expects the users they delegate to to
 * look after the ordinary users, not to take the licence over. So a delegate (an active user with
 * manage-users who is not the holder; admins are vendor staff and are not limited here):
 * - may not change or remove the holder's own user entry: the holder could no longer log cases on
 *   the licence they own, and would not know why;
 * - may not change their own permissions: the holder decides what their delegates hold (leaving
 *   the licence, by removing themselves, stays open to them);
 * - may not give anyone manage-users, nor change or remove another user who holds it: who manages
 *   the users is the holder's choice. Without this, two delegates could grant each other what the
 *   previous rule refuses each of them, and one delegate could strip the others.
 * Ordinary users stay theirs to add, re-permission (share tickets, see shared tickets) and remove.
 * Each refusal is 403, names the field at fault and says whom to ask: the holder, or an admin.
 * `change` is the entry acted on: its email, and for an invitation or a permissions change, the
 * permissions it would have afterwards (absent for a removal).
 */
export function requireWithinDelegateLimits(
  licence: IssuedLicence,
  actor: ActorIdentity,
  change: { email: string; permissions?: LicensedUserPermissions },
): void {
  const self = normalizeEmail(actor.email);
  if (actorHasRole(actor, 'admin') || self === licence.holderEmail) return;
  const holder = licence.holderEmail;
  const email = normalizeEmail(change.email);
  const removal = change.permissions === undefined;
  const existing = findLicensedUser(licence, email);
  // Inviting the holder is left open (it only adds them); their entry, once there, is theirs.
  if (email === holder && existing) throw LicenceErrors.holderEntryReserved(holder, removal);
  if (email === self) {
    if (!removal) throw LicenceErrors.ownPermissionsReserved(holder);
    return;
  }
  if (existing?.permissions.manageUsers) throw LicenceErrors.managerEntryReserved(email, holder, removal);
  if (change.permissions?.manageUsers) throw LicenceErrors.manageUsersGrantReserved(holder);
}
