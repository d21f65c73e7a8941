import { ActorIdentity } from '../accounts/actor-identity';
import { fold } from '../shared/decider';
import { DEFAULT_GROUP_MAILBOX_PATTERNS } from './group-mailbox';
import { requireMayActOnLicence } from './licence-command-access';
import { LicenceCommand } from './licence.commands';
import { licenceDecider } from './licence.decider';
import { LicenceEvent } from './licence.events';
import { BASIC, licenceIssued, userInvited, userRegistered } from './testing/licence-events';

const NOW = '2026-03-05T10:00:00.000Z';
const person = (email: string): ActorIdentity => ({ email, roles: [] });
const admin: ActorIdentity = { email: 'ops@vendor.example', roles: ['admin'] };
const manager = { ...BASIC, manageUsers: true };

const removeBob = (actor: ActorIdentity): LicenceCommand => ({
  type: 'RemoveLicensedUser',
  data: { email: 'bob@acme.example' },
  actor,
  at: NOW,
});
const activate = (email: string, actor: ActorIdentity): LicenceCommand => ({
  type: 'CompleteRegistration',
  data: { email },
  actor,
  at: NOW,
});

const acmeLicence: LicenceEvent[] = [
  licenceIssued(),
  userInvited('bob@acme.example', NOW),
  userInvited('max@acme.example', NOW, manager),
  userRegistered('max@acme.example', NOW),
];

// Given / When / Then: the check refuses with the decider's own refusal, or lets the decider go on.
function given(...history: LicenceEvent[]) {
  const state = fold(licenceDecider, history);
  const decide = (command: LicenceCommand) =>
    licenceDecider.decide(command, state, { groupMailboxPatterns: DEFAULT_GROUP_MAILBOX_PATTERNS });
  return {
    when: (command: LicenceCommand) => ({
      thenRefusedAsTheDecisionIs: (code: string) => {
        expect(() => requireMayActOnLicence(command, state)).toThrow(expect.objectContaining({ code }));
        expect(() => decide(command)).toThrow(expect.objectContaining({ code }));
      },
      thenLetThrough: () => expect(() => requireMayActOnLicence(command, state)).not.toThrow(),
    }),
  };
}

describe('who may act on a licence, decided before anything else', () => {
  it('an unknown licence: not found, whoever asks', () => {
    given().when(removeBob(admin)).thenRefusedAsTheDecisionIs('licence-not-found');
    given()
      .when(removeBob(person('stranger@x.example')))
      .thenRefusedAsTheDecisionIs('licence-not-found');
  });

  it('a customer with no tie to the licence: not found, as if it did not exist', () => {
    const stranger = person('stranger@x.example');
    given(...acmeLicence)
      .when(removeBob(stranger))
      .thenRefusedAsTheDecisionIs('licence-not-found');
    given(...acmeLicence)
      .when({ type: 'ChangeLicenceTerms', data: { seats: 9 }, actor: stranger, at: NOW })
      .thenRefusedAsTheDecisionIs('licence-not-found');
    given(...acmeLicence)
      .when(activate('bob@acme.example', stranger))
      .thenRefusedAsTheDecisionIs('licence-not-found');
  });

  it('staff who may not manage its users: refused, not hidden', () => {
    given(...acmeLicence)
      .when(removeBob({ email: 'eve@vendor.example', roles: ['engineer'] }))
      .thenRefusedAsTheDecisionIs('licensed-user-management-not-allowed');
  });

  it('someone on the licence who may not manage its users: refused', () => {
    given(...acmeLicence)
      .when(removeBob(person('bob@acme.example')))
      .thenRefusedAsTheDecisionIs('licensed-user-management-not-allowed');
  });

  it('an admin token that carries the auditor role too: read-only', () => {
    given(...acmeLicence)
      .when(removeBob({ email: 'ann@vendor.example', roles: ['auditor', 'admin'] }))
      .thenRefusedAsTheDecisionIs('read-only-actor');
  });

  it('the holder, a manager and an admin: let through', () => {
    given(...acmeLicence)
      .when(removeBob(person('holder@acme.example')))
      .thenLetThrough();
    given(...acmeLicence)
      .when(removeBob(person('max@acme.example')))
      .thenLetThrough();
    given(...acmeLicence)
      .when(removeBob(admin))
      .thenLetThrough();
  });

  it('completing a registration: only an invited user’s own, or an admin', () => {
    given(...acmeLicence)
      .when(activate('bob@acme.example', person('bob@acme.example')))
      .thenLetThrough();
    given(...acmeLicence)
      .when(activate('bob@acme.example', person('max@acme.example')))
      .thenRefusedAsTheDecisionIs('registration-completion-not-allowed');
    // Anyone can name their own email: the licence never invited this one, nor knows who asks.
    given(...acmeLicence)
      .when(activate('stranger@x.example', person('stranger@x.example')))
      .thenRefusedAsTheDecisionIs('licence-not-found');
    given(...acmeLicence)
      .when(activate('stranger@x.example', admin))
      .thenRefusedAsTheDecisionIs('licensed-user-not-found');
  });
});
