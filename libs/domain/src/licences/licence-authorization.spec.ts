import { ActorIdentity } from '../accounts/actor-identity';
import { fold } from '../shared/decider';
import { DEFAULT_GROUP_MAILBOX_PATTERNS } from './group-mailbox';
import { requireLicenceCommandAuthorized } from './licence-authorization';
import { LicenceCommand } from './licence.commands';
import { licenceDecider } from './licence.decider';
import { LicenceEvent } from './licence.events';
import { LicensedUserPermissions } from './licensed-user-permissions';
import { BASIC } from './testing/licence-events';
import { licenceWithDelegates, userChangesAt } from './testing/delegated-licence';

const NOW = '2026-03-05T10:00:00.000Z';
const HOLDER = 'holder@acme.example';
const person = (email: string): ActorIdentity => ({ email, roles: [] });
const mia = person('mia.mgr@acme.example'); // a delegate: manage-users, not the holder
const admin: ActorIdentity = { email: 'ops@vendor.example', roles: ['admin'] };
const MANAGER: LicensedUserPermissions = { ...BASIC, manageUsers: true };
const CONTEXT = { groupMailboxPatterns: DEFAULT_GROUP_MAILBOX_PATTERNS };

const licence = licenceWithDelegates(NOW, { ...MANAGER, shareTickets: true });
const { change, remove, invite } = userChangesAt(NOW);

// Given / When / Then: refused (before If-Match is compared) as the decision refuses, or let through.
function given(...history: LicenceEvent[]) {
  const state = fold(licenceDecider, history);
  const authorize = (command: LicenceCommand) => () =>
    requireLicenceCommandAuthorized(command, state, CONTEXT);
  const decide = (command: LicenceCommand) => () => licenceDecider.decide(command, state, CONTEXT);
  return {
    when: (command: LicenceCommand) => ({
      thenRefusedAsTheDecisionIs: (code: string) => {
        expect(authorize(command)).toThrow(expect.objectContaining({ code }));
        expect(decide(command)).toThrow(expect.objectContaining({ code }));
      },
      thenLetThrough: () => expect(authorize(command)).not.toThrow(),
    }),
  };
}

describe('a licence command is refused on who asks (and what a delegate may change) before If-Match', () => {
  it("a delegate's limits: the 403s the decision gives after reading the entry changed", () => {
    given(...licence)
      .when(change(mia, HOLDER, { manageUsers: false }))
      .thenRefusedAsTheDecisionIs('holder-entry-reserved');
    given(...licence)
      .when(remove(mia, HOLDER))
      .thenRefusedAsTheDecisionIs('holder-entry-reserved');
    given(...licence)
      .when(change(mia, mia.email, { shareTickets: true }))
      .thenRefusedAsTheDecisionIs('own-permissions-reserved');
    given(...licence)
      .when(invite(mia, 'new@acme.example', MANAGER))
      .thenRefusedAsTheDecisionIs('manage-users-grant-reserved');
    given(...licence)
      .when(change(mia, 'max.mgr@acme.example', { shareTickets: true }))
      .thenRefusedAsTheDecisionIs('manager-entry-reserved');
  });

  it('who asks: the refusals of requireMayActOnLicence, a stranger’s 404 included', () => {
    given(...licence)
      .when(remove(person('ulf@acme.example'), 'max.mgr@acme.example'))
      .thenRefusedAsTheDecisionIs('licensed-user-management-not-allowed');
    given(...licence)
      .when(remove(person('stranger@x.example'), 'ulf@acme.example'))
      .thenRefusedAsTheDecisionIs('licence-not-found');
  });

  it('a change the caller may make: let through, whatever else the decision would answer', () => {
    given(...licence)
      .when(change(mia, 'ulf@acme.example', { shareTickets: true }))
      .thenLetThrough();
    given(...licence)
      .when(change(admin, HOLDER, { manageUsers: false }))
      .thenLetThrough();
    // Bad input (400) and an unknown entry (404) are the decision's to answer, not refusals of the caller.
    given(...licence)
      .when(invite(mia, 'not-an-email', BASIC))
      .thenLetThrough();
    given(...licence)
      .when(remove(mia, 'nobody@acme.example'))
      .thenLetThrough();
  });
});
