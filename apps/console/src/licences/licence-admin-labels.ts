import type { LicenceListItem, LicenceUserChange, LicensedUserPermissions } from '../api/api-types';

/** The permissions a licence's users hold beside basic access (DOMAIN.md), as the console names them. */
export const PERMISSION_LABEL: Record<keyof LicensedUserPermissions, string> = {
  manageUsers: 'Manage users',
  shareTickets: 'Share tickets',
  seeSharedTickets: 'See shared tickets',
};

/** What each permission lets a user do, under its checkbox. */
export const PERMISSION_HINT: Record<keyof LicensedUserPermissions, string> = {
  manageUsers: 'Invite, remove and change the permissions of this licence’s users.',
  shareTickets: 'Share their cases with other people; colleagues who see shared tickets see them.',
  seeSharedTickets: 'See the cases colleagues on this account opened with share tickets.',
};

export const PERMISSIONS = Object.keys(PERMISSION_LABEL) as (keyof LicensedUserPermissions)[];

/** "Manage users, Share tickets", or "Basic access only". */
export function permissionsSummary(permissions: LicensedUserPermissions | undefined): string {
  const held = PERMISSIONS.filter((permission) => permissions?.[permission]).map(
    (permission) => PERMISSION_LABEL[permission],
  );
  return held.length > 0 ? held.join(', ') : 'Basic access only';
}

/** A licence whose users the signed-in customer may administer (its holder, or a user who manages users). */
export function managesUsers(licence: LicenceListItem): boolean {
  return licence.mayManageUsers === true || licence.standing.includes('holder');
}

/**
 * A user with manage users on a licence that has ended (not its holder): the permission lapsed with
 * the licence and returns with its renewal; the Licences pages show them the licence, saying so.
 */
export function lapsedDelegate(licence: LicenceListItem): boolean {
  return (
    !managesUsers(licence) &&
    !licence.active &&
    licence.standing.includes('active-user') &&
    licence.permissions?.manageUsers === true
  );
}

/** One line of the licence's user-changes log, as a sentence: who did what to whom. */
export function userChangeSentence(change: LicenceUserChange): string {
  const { by, email } = change;
  switch (change.change) {
    case 'invited':
      return `${by} invited ${email} (${permissionsSummary(change.permissions)})`;
    case 'invitation-resent':
      return `${by} sent the invitation of ${email} again`;
    case 'registered':
      return `${email} completed their registration`;
    case 'permissions-changed':
      return `${by} changed the permissions of ${email} from ${permissionsSummary(change.previousPermissions)} to ${permissionsSummary(change.permissions)}`;
    case 'removed':
      return `${by} removed ${email}`;
    case 'withdrawn':
      return `${by} withdrew the invitation of ${email}`;
    case 'holder-changed':
      return `${by} handed the licence ${change.previousHolderEmail ? `from ${change.previousHolderEmail} ` : ''}to ${email}`;
  }
}

/** "1 seat used, 24 left". */
export function seatsSentence(used: number, left: number | string): string {
  return `${used} seat${used === 1 ? '' : 's'} used, ${left} left`;
}
