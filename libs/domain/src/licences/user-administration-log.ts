import type { LicenceEvent } from './licence.events';
import type { LicensedUserPermissions } from './licensed-user-permissions';

/** A licence event as recorded: the event, who asked for it (the command's actor), its revision. */
export interface RecordedLicenceEvent {
  revision: number;
  actor: string;
  event: LicenceEvent;
}

/** One change to the licence's users, as its holder reads it: who did what to whom, when and why. */
export interface UserAdministrationEntry {
  revision: number;
  at: string;
  /** Who made the change: the holder, a user who manages users, an admin, or the user themselves. */
  by: string;
  /** `withdrawn`: a pending invitation taken back (the person never completed registration); `removed`: a registered user. */
  change:
    | 'invited'
    | 'invitation-resent'
    | 'registered'
    | 'permissions-changed'
    | 'removed'
    | 'withdrawn'
    | 'holder-changed';
  /** The user it was made to; for holder-changed, the new holder. */
  email: string;
  /** The holder handing over (holder-changed). */
  previousHolderEmail?: string;
  /** The user's permissions after the change (invited, invitation-resent, permissions-changed). */
  permissions?: LicensedUserPermissions;
  /** Before the change (permissions-changed). */
  previousPermissions?: LicensedUserPermissions;
  reason?: string;
}

/**
 * The changes to a licence's users, oldest first, for the holder and those who manage its users
 * (DOMAIN.md: "Every change records who, when and why"): the licence's full history, hashes and
 * terms included, stays with admins and auditors, but whoever answers for the users must be able to
 * find out who added, re-permissioned or removed whom, above all when a delegate did it. A holder
 * hand-over is listed too: it moves who may grant manage-users and whose entry is reserved, the
 * power over the users itself (security F5). So are invitation resends, mails sent in someone's
 * name. Issuance and changes of terms are the vendor's and are left out.
 */
export function userAdministrationLog(recorded: readonly RecordedLicenceEvent[]): UserAdministrationEntry[] {
  return recorded.flatMap(({ revision, actor, event }): UserAdministrationEntry[] => {
    const base = { revision, at: event.data.at, by: actor };
    switch (event.type) {
      case 'LicensedUserAssigned':
        return [
          {
            ...base,
            change: 'invited',
            email: event.data.email,
            permissions: event.data.permissions,
            ...reasonOf(event.data),
          },
        ];
      case 'LicensedUserInvitationResent':
        return [
          {
            ...base,
            change: 'invitation-resent',
            email: event.data.email,
            permissions: event.data.permissions,
            ...reasonOf(event.data),
          },
        ];
      case 'LicensedUserRegistrationCompleted':
        return [{ ...base, change: 'registered', email: event.data.email }];
      case 'LicensedUserPermissionsChanged':
        return [
          {
            ...base,
            change: 'permissions-changed',
            email: event.data.email,
            permissions: event.data.permissions,
            previousPermissions: event.data.previousPermissions,
            ...reasonOf(event.data),
          },
        ];
      case 'LicensedUserRemoved':
        // A pending invitee was never a user: the holder reads that the invitation was withdrawn.
        return [
          {
            ...base,
            change: event.data.invitationWithdrawn === true ? 'withdrawn' : 'removed',
            email: event.data.email,
            ...reasonOf(event.data),
          },
        ];
      case 'LicenceHolderChanged':
        return [
          {
            ...base,
            change: 'holder-changed',
            email: event.data.holderEmail,
            previousHolderEmail: event.data.previousHolderEmail,
            ...reasonOf(event.data),
          },
        ];
      default:
        return [];
    }
  });
}

function reasonOf(data: { reason?: string }): { reason?: string } {
  return data.reason ? { reason: data.reason } : {};
}
