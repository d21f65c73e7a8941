import { ActorIdentity } from '../accounts/actor-identity';
import { fold } from '../shared/decider';
import { DEFAULT_GROUP_MAILBOX_PATTERNS } from './group-mailbox';
import { LicenceCommand } from './licence.commands';
import { licenceDecider } from './licence.decider';
import { LicenceEvent } from './licence.events';
import { LicensedUserPermissions } from './licensed-user-permissions';
import { BASIC } from './testing/licence-events';
import { licenceWithDelegates, userChangesAt } from './testing/delegated-licence';

const NOW = '2026-03-05T10:00:00.000Z';
const HOLDER = 'holder@acme.example';
const EVERYTHING: LicensedUserPermissions = { manageUsers: true, shareTickets: true, seeSharedTickets: true };
const person = (email: string): ActorIdentity => ({ email, roles: [] });
const mia = person('mia.mgr@acme.example'); // a delegate: manage-users, not the holder
const holder = person(HOLDER);
const admin: ActorIdentity = { email: 'ops@vendor.example', roles: ['admin'] };

const licence = licenceWithDelegates(NOW, EVERYTHING);
const { change, remove, invite } = userChangesAt(NOW);

function given(...history: LicenceEvent[]) {
  const state = fold(licenceDecider, history);
  return {
    when: (command: LicenceCommand) => {
      const decide = () =>
        licenceDecider.decide(command, state, { groupMailboxPatterns: DEFAULT_GROUP_MAILBOX_PATTERNS });
      return {
        thenRefused: (code: string, field: string, message: string) =>
          expect(decide).toThrow(expect.objectContaining({ code, kind: 'forbidden', field, message })),
        thenRecorded: (type: LicenceEvent['type']) =>
          expect(decide().map((event) => event.type)).toEqual([type]),
      };
    },
  };
}

describe('a delegate (manage-users, not the holder) manages ordinary users, not the holder, the managers or themselves', () => {
  it("may not strip or remove the holder's own user entry", () => {
    given(...licence)
      .when(change(mia, HOLDER, { manageUsers: false, shareTickets: false, seeSharedTickets: false }))
      .thenRefused(
        'holder-entry-reserved',
        'email',
        `${HOLDER} holds this licence; only they or an admin may change the permissions of their own user entry`,
      );
    given(...licence)
      .when(remove(mia, HOLDER))
      .thenRefused(
        'holder-entry-reserved',
        'email',
        `${HOLDER} holds this licence; only they or an admin may remove their own user entry`,
      );
  });

  it('may not change their own permissions (the holder decides them), but may leave the licence', () => {
    given(...licence)
      .when(change(mia, mia.email, { shareTickets: true, seeSharedTickets: true }))
      .thenRefused(
        'own-permissions-reserved',
        'email',
        `You may not change your own permissions on this licence; ask its holder (${HOLDER}) or an admin`,
      );
    given(...licence)
      .when(remove(mia, mia.email))
      .thenRecorded('LicensedUserRemoved');
  });

  it('may not give manage-users, by invitation or by a change', () => {
    const refusal = `Only the licence holder (${HOLDER}) or an admin may give the manage-users permission; ask them`;
    given(...licence)
      .when(change(mia, 'ulf@acme.example', { manageUsers: true }))
      .thenRefused('manage-users-grant-reserved', 'permissions.manageUsers', refusal);
    given(...licence)
      .when(invite(mia, 'new@acme.example', EVERYTHING))
      .thenRefused('manage-users-grant-reserved', 'permissions.manageUsers', refusal);
  });

  it('may not change or remove another user who manages users', () => {
    given(...licence)
      .when(change(mia, 'max.mgr@acme.example', { manageUsers: false }))
      .thenRefused(
        'manager-entry-reserved',
        'email',
        `max.mgr@acme.example manages this licence's users; only its holder (${HOLDER}) or an admin may change the permissions of a user who manages users`,
      );
    given(...licence)
      .when(remove(mia, 'max.mgr@acme.example'))
      .thenRefused(
        'manager-entry-reserved',
        'email',
        `max.mgr@acme.example manages this licence's users; only its holder (${HOLDER}) or an admin may remove a user who manages users`,
      );
  });

  it('adds, re-permissions and removes ordinary users as before', () => {
    given(...licence)
      .when(invite(mia, 'new@acme.example', { ...BASIC, shareTickets: true }))
      .thenRecorded('LicensedUserAssigned');
    given(...licence)
      .when(change(mia, 'ulf@acme.example', { shareTickets: true, seeSharedTickets: true }))
      .thenRecorded('LicensedUserPermissionsChanged');
    given(...licence)
      .when(remove(mia, 'ulf@acme.example'))
      .thenRecorded('LicensedUserRemoved');
  });
});

describe('the holder and admins are not limited', () => {
  it.each([
    ['the holder', holder],
    ['an admin', admin],
  ])('%s grants manage-users, re-permissions a manager and the holder entry, removes them', (_who, actor) => {
    given(...licence)
      .when(change(actor, 'ulf@acme.example', { manageUsers: true }))
      .thenRecorded('LicensedUserPermissionsChanged');
    given(...licence)
      .when(change(actor, mia.email, { manageUsers: false }))
      .thenRecorded('LicensedUserPermissionsChanged');
    given(...licence)
      .when(change(actor, HOLDER, { shareTickets: false }))
      .thenRecorded('LicensedUserPermissionsChanged');
    given(...licence)
      .when(remove(actor, HOLDER))
      .thenRecorded('LicensedUserRemoved');
  });
});
