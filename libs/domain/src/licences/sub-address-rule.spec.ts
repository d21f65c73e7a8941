import type { ActorIdentity } from '../accounts/actor-identity';
import { fold } from '../shared/decider';
import { DEFAULT_GROUP_MAILBOX_PATTERNS } from './group-mailbox';
import type { LicenceCommand } from './licence.commands';
import { licenceDecider } from './licence.decider';
import type { LicenceEvent } from './licence.events';
import type { LicensedUserPermissions } from './licensed-user-permissions';
import { mailboxOf } from './sub-address-rule';
import { BASIC, licenceIssued, userInvited, userRegistered } from './testing/licence-events';

/**
 * One person, one user entry: an invitation of a `+tag` sub-address of a user already on the
 * licence is refused (security F2: a delegate invited `mgr+alias@` with the permissions the
 * "own permissions" rule refuses him, and registered it from his own mailbox).
 */
const NOW = '2026-03-05T10:00:00.000Z';
const SHARING: LicensedUserPermissions = { manageUsers: false, shareTickets: true, seeSharedTickets: true };
const mgr: ActorIdentity = { email: 'mgr@acme.example', roles: [] };
const holder: ActorIdentity = { email: 'holder@acme.example', roles: [] };
const admin: ActorIdentity = { email: 'ops@vendor.example', roles: ['admin'] };

const licence: LicenceEvent[] = [
  licenceIssued(),
  userInvited(mgr.email, NOW, { ...BASIC, manageUsers: true }),
  userRegistered(mgr.email, NOW),
  userInvited('pia@acme.example', NOW), // still pending: on the licence all the same
];

const invite = (actor: ActorIdentity, email: string): LicenceCommand => ({
  type: 'AssignLicensedUser',
  data: { email, firstName: 'N', lastName: 'U', company: 'Acme', country: 'DE', permissions: SHARING },
  actor,
  at: NOW,
});

function given(...history: LicenceEvent[]) {
  const state = fold(licenceDecider, history);
  const decide = (command: LicenceCommand) => () =>
    licenceDecider.decide(command, state, { groupMailboxPatterns: DEFAULT_GROUP_MAILBOX_PATTERNS });
  return {
    when: (command: LicenceCommand) => ({
      thenRefusedAsReaching: (user: string) =>
        expect(decide(command)).toThrow(
          expect.objectContaining({
            code: 'licensed-user-sub-address',
            kind: 'validation',
            field: 'email',
            message: expect.stringContaining(`the mailbox of ${user}, already a user of this licence`),
          }),
        ),
      thenRefusedAsHoldersMailbox: (holderEmail: string) =>
        expect(decide(command)).toThrow(
          expect.objectContaining({
            code: 'licensed-user-sub-address',
            kind: 'validation',
            field: 'email',
            message: expect.stringContaining(`the mailbox of ${holderEmail}, the holder of this licence`),
          }),
        ),
      thenInvited: () =>
        expect(decide(command)().map((event) => event.type)).toEqual(['LicensedUserAssigned']),
    }),
  };
}

describe('mailboxOf', () => {
  it('drops the +tag of the local part and folds case', () => {
    expect(mailboxOf('Mgr+Alias@ACME.example')).toBe('mgr@acme.example');
    expect(mailboxOf('mgr+a+b@acme.example')).toBe('mgr@acme.example');
    expect(mailboxOf('mgr@acme.example')).toBe('mgr@acme.example');
    expect(mailboxOf('+tag@acme.example')).toBe('+tag@acme.example');
  });
});

describe('inviting a sub-address of a user already on the licence', () => {
  it('is refused for a delegate inviting his own sub-address, naming the user it reaches', () => {
    given(...licence)
      .when(invite(mgr, 'mgr+alias@acme.example'))
      .thenRefusedAsReaching('mgr@acme.example');
    given(...licence)
      .when(invite(mgr, 'MGR+Alias@Acme.Example'))
      .thenRefusedAsReaching('mgr@acme.example');
  });

  it('is refused for the holder and admins too (one person, one entry), pending users included', () => {
    given(...licence)
      .when(invite(holder, 'mgr+second@acme.example'))
      .thenRefusedAsReaching('mgr@acme.example');
    given(...licence)
      .when(invite(admin, 'pia+x@acme.example'))
      .thenRefusedAsReaching('pia@acme.example');
  });

  it('is refused when the user on the licence is the sub-address and the plain mailbox is invited', () => {
    given(licenceIssued(), userInvited('kim+work@acme.example', NOW))
      .when(invite(holder, 'kim@acme.example'))
      .thenRefusedAsReaching('kim+work@acme.example');
  });

  it('is refused for a sub-address of the holder who has no user entry, naming the holder', () => {
    // holder@acme.example (licenceIssued) is on no user entry of `licence`.
    given(...licence)
      .when(invite(mgr, 'holder+x@acme.example'))
      .thenRefusedAsHoldersMailbox('holder@acme.example');
    given(...licence)
      .when(invite(holder, 'Holder+Second@ACME.example'))
      .thenRefusedAsHoldersMailbox('holder@acme.example');
    given(...licence)
      .when(invite(admin, 'holder+ops@acme.example'))
      .thenRefusedAsHoldersMailbox('holder@acme.example');
  });

  it('is refused for the plain mailbox of a holder who holds the licence by a sub-address', () => {
    given(licenceIssued({ holderEmail: 'boss+licences@acme.example' }))
      .when(invite(admin, 'boss@acme.example'))
      .thenRefusedAsHoldersMailbox('boss+licences@acme.example');
  });

  it('lets the holder be added by their own address, and names the user when the holder has an entry', () => {
    given(...licence)
      .when(invite(holder, 'holder@acme.example'))
      .thenInvited();
    given(...licence, userInvited('holder@acme.example', NOW))
      .when(invite(mgr, 'holder+x@acme.example'))
      .thenRefusedAsReaching('holder@acme.example');
  });

  it('leaves other mailboxes, and the same local part at another domain, open', () => {
    given(...licence)
      .when(invite(holder, 'mgrx+alias@acme.example'))
      .thenInvited();
    given(...licence)
      .when(invite(holder, 'mgr+alias@acme-labs.example'))
      .thenInvited();
  });
});
