import type { LicenceView, LicensedUserView } from '../api/api-types';
import { licenceEndTime } from './licence-time';

/** Who is looking at the licence page: their address and whether their token makes them an admin. */
export interface LicenceViewer {
  email: string;
  roles: readonly string[];
}

/** What the page offers on the licence as a whole. */
export interface LicenceOffers {
  /** Sees every user, the overdue invitations and the log (the holder, an admin, a delegate in force). */
  administers: boolean;
  /** The invite form: nobody invites to an ended licence, not even an admin (403 licence-expired). */
  invite: boolean;
  /** Whether the "Manage users" box may be ticked: the holder's choice (or an admin's), never a delegate's. */
  grantManageUsers: boolean;
  handOver: boolean;
  /** A delegate: an active user with manage users who is neither the holder nor an admin. */
  delegate: boolean;
}

/** What the page offers on one user's entry; `reserved` says why change or removal is not offered. */
export interface UserEntryOffers {
  changePermissions: boolean;
  remove: boolean;
  resend: boolean;
  reserved?: string;
}

const sameAddress = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The console offers exactly what the API then accepts (libs/domain/src/licences: licensed-user-access
 * and delegate-limits), so that a delegate does not learn of a limit only from a 403 after filling a
 * form: the holder and admins manage every user; a user who manages users (a delegate) only while the
 * licence is in force, and never the holder's entry, their own permissions, another manager's entry
 * or the manage-users permission itself. Nobody invites to, or sends invitations of, an ended licence.
 */
export function licenceOffers(licence: LicenceView, viewer: LicenceViewer): LicenceOffers {
  const admin = viewer.roles.includes('admin');
  const holder = sameAddress(viewer.email, licence.holderEmail);
  const own = licence.users.find((user) => sameAddress(user.email, viewer.email));
  const delegate =
    !admin && !holder && own?.status === 'active' && own.permissions.manageUsers && licence.active;
  const administers = admin || holder || delegate;
  return {
    administers,
    invite: administers && licence.active,
    grantManageUsers: admin || holder,
    handOver: holder,
    delegate,
  };
}

export function userEntryOffers(
  licence: LicenceView,
  offers: LicenceOffers,
  viewer: LicenceViewer,
  user: LicensedUserView,
  overdue: boolean,
): UserEntryOffers {
  const resend = offers.administers && licence.active && user.status === 'pending' && overdue;
  if (!offers.administers) return { changePermissions: false, remove: false, resend: false };
  if (!offers.delegate) return { changePermissions: true, remove: true, resend };
  const holder = licence.holderEmail;
  if (sameAddress(user.email, holder))
    return {
      changePermissions: false,
      remove: false,
      resend: false,
      reserved: `${holder} holds this licence: only they or an admin change or remove their entry.`,
    };
  if (sameAddress(user.email, viewer.email))
    return {
      changePermissions: false,
      remove: true,
      resend,
      reserved: `Your own permissions are the holder’s to change: ask ${holder}.`,
    };
  if (user.permissions.manageUsers)
    return {
      changePermissions: false,
      remove: false,
      resend,
      reserved: `${user.email} manages users: only the holder (${holder}) or an admin changes or removes them.`,
    };
  return { changePermissions: true, remove: true, resend };
}

/**
 * Said on an ended licence: nobody (not even an admin) invites to it or sends its invitations again
 * until it is renewed (403 licence-expired), and who renews it; the holder and admins still change
 * and remove its users.
 */
export function licenceEndedNotice(
  licence: LicenceView,
  offers: LicenceOffers,
  timeZone?: string | null,
): string {
  const still = offers.administers
    ? ' You can still change the permissions of its users and remove them.'
    : '';
  return (
    `This licence ended ${licenceEndTime(licence, timeZone)}: nobody can invite users to it or send its invitations ` +
    `again until it is renewed. An admin renews it: ask your account manager.${still}`
  );
}

/**
 * Said to a user of the licence who does not administer its users, on its page (their own entry):
 * who does, so they know whom to ask for other permissions or a colleague's access.
 */
export function licenceReaderNotice(
  licence: LicenceView,
  viewer: LicenceViewer,
  timeZone?: string | null,
): string {
  const own = licence.users.find((user) => sameAddress(user.email, viewer.email));
  const holder = licence.holderEmail;
  if (!own)
    return `Only its holder (${holder}) and users who manage its users see its users and the changes to them.`;
  if (lapsedManager(licence, own))
    return (
      `This licence ended ${licenceEndTime(licence, timeZone)}: your manage-users permission applies again once it is ` +
      `renewed. Until then its holder (${holder}) or an admin manages its users; an admin renews it: ask ` +
      'your account manager.'
    );
  return (
    `You are a user of this licence. Its holder (${holder}), or a colleague who manages its users, ` +
    'invites users and changes permissions: ask them to change yours.'
  );
}

/**
 * A user with manage users on a licence that has ended: the permission lapsed with the licence (the
 * API then lets them read only their own entry) and returns with its renewal.
 */
export function lapsedManager(
  licence: Pick<LicenceView, 'active'>,
  own: Pick<LicensedUserView, 'status' | 'permissions'> | null | undefined,
): boolean {
  return !licence.active && own?.status === 'active' && own.permissions.manageUsers;
}

/** Said under a delegate's "Manage users" box, which they may not tick. */
export function manageUsersReservedHint(holderEmail: string): string {
  return `Only the holder (${holderEmail}) or an admin gives manage users: ask them.`;
}
