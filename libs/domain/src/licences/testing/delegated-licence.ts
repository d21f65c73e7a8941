import type { ActorIdentity } from '../../accounts/actor-identity';
import type { LicenceCommand } from '../licence.commands';
import type { LicenceEvent } from '../licence.events';
import type { LicensedUserPermissions } from '../licensed-user-permissions';
import { BASIC, licenceIssued, userInvited, userRegistered } from './licence-events';

/**
 * The licence the delegate limits are tried on (a delegate: manage-users, not the holder): the
 * holder of `licenceIssued` is a user of their own licence too, with `holderPermissions`; Mia and
 * Max manage users; Ulf is an ordinary user. Every one invited and registered at `at`.
 */
export function licenceWithDelegates(at: string, holderPermissions: LicensedUserPermissions): LicenceEvent[] {
  const active = (email: string, permissions: LicensedUserPermissions = BASIC): LicenceEvent[] => [
    userInvited(email, at, permissions),
    userRegistered(email, at),
  ];
  const manager: LicensedUserPermissions = { ...BASIC, manageUsers: true };
  return [
    licenceIssued(),
    ...active('holder@acme.example', holderPermissions),
    ...active('mia.mgr@acme.example', manager),
    ...active('max.mgr@acme.example', manager),
    ...active('ulf@acme.example'),
  ];
}

/**
 * The user changes a delegate may or may not make, at `at`. Permissions are taken as given (also
 * malformed), as a request's body reaches the command.
 */
export function userChangesAt(at: string) {
  return {
    change: (actor: ActorIdentity, email: string, permissions: unknown): LicenceCommand =>
      ({ type: 'ChangeUserPermissions', data: { email, permissions }, actor, at }) as LicenceCommand,
    remove: (actor: ActorIdentity, email: string): LicenceCommand => ({
      type: 'RemoveLicensedUser',
      data: { email },
      actor,
      at,
    }),
    invite: (actor: ActorIdentity, email: string, permissions: unknown): LicenceCommand =>
      ({
        type: 'AssignLicensedUser',
        data: { email, firstName: 'N', lastName: 'U', company: 'Acme', country: 'DE', permissions },
        actor,
        at,
      }) as LicenceCommand,
  };
}
