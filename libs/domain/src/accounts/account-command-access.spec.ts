import { fold } from '../shared/decider';
import { requireMayActOnAccount } from './account-command-access';
import { AccountCommand } from './account.commands';
import { accountDecider } from './account.decider';
import { AccountEvent } from './account.events';
import { ActorIdentity } from './actor-identity';

const ACCOUNT = 'acc-acme';
const T0 = '2026-03-02T09:00:00.000Z';
const admin: ActorIdentity = { email: 'ops@vendor.example', roles: ['admin'] };
const engineer: ActorIdentity = { email: 'eng@vendor.example', roles: ['engineer'] };
const customer = (email: string): ActorIdentity => ({ email, roles: [] });

const acme: AccountEvent[] = [
  { type: 'AccountRegistered', data: { accountId: ACCOUNT, name: 'Acme Corp', timeZone: null, at: T0 } },
  {
    type: 'CaseTeamMemberAdded',
    data: { accountId: ACCOUNT, email: 'tina@partner.example', name: 'Tina', notify: true, at: T0 },
  },
];

const nameCsm = (actor: ActorIdentity): AccountCommand => ({
  type: 'AssignCustomerSuccessManager',
  data: { email: 'csm@vendor.example' },
  actor,
  at: T0,
});
const mute = (email: string, actor: ActorIdentity): AccountCommand => ({
  type: 'ChangeNotificationPreference',
  data: { email, notify: false },
  actor,
  at: T0,
});

// Given / When / Then: the check refuses with the decider's own refusal, or lets the decider go on.
function given(...history: AccountEvent[]) {
  const state = fold(accountDecider, history);
  return {
    when: (command: AccountCommand) => ({
      thenRefusedAsTheDecisionIs: (code: string) => {
        expect(() => requireMayActOnAccount(command, state)).toThrow(expect.objectContaining({ code }));
        expect(() => accountDecider.decide(command, state, {})).toThrow(expect.objectContaining({ code }));
      },
      thenLetThrough: () => expect(() => requireMayActOnAccount(command, state)).not.toThrow(),
    }),
  };
}

describe('who may act on an account, decided before anything else', () => {
  it('an unknown account: not found, whoever asks', () => {
    given().when(nameCsm(admin)).thenRefusedAsTheDecisionIs('account-not-found');
    given()
      .when(nameCsm(customer('x@x.example')))
      .thenRefusedAsTheDecisionIs('account-not-found');
  });

  it('a staff token that carries the auditor role too changes nothing', () => {
    given(...acme)
      .when(nameCsm({ email: 'ann@vendor.example', roles: ['auditor', 'admin'] }))
      .thenRefusedAsTheDecisionIs('read-only-actor');
    given(...acme)
      .when(mute('tina@partner.example', { email: 'carl@vendor.example', roles: ['auditor', 'engineer'] }))
      .thenRefusedAsTheDecisionIs('read-only-actor');
  });

  it('naming the CSM: admins only', () => {
    given(...acme)
      .when(nameCsm(admin))
      .thenLetThrough();
    given(...acme)
      .when(nameCsm(engineer))
      .thenRefusedAsTheDecisionIs('csm-assignment-requires-admin');
  });

  it('a case-team member’s notifications: the member themselves or staff', () => {
    given(...acme)
      .when(mute('tina@partner.example', customer('tina@partner.example')))
      .thenLetThrough();
    given(...acme)
      .when(mute('tina@partner.example', engineer))
      .thenLetThrough();
    given(...acme)
      .when(mute('tina@partner.example', customer('x@x.example')))
      .thenRefusedAsTheDecisionIs('notification-preference-change-not-allowed');
    // Anyone can name their own email: this account's case team does not hold this one.
    given(...acme)
      .when(mute('x@x.example', customer('x@x.example')))
      .thenRefusedAsTheDecisionIs('case-team-member-not-found');
  });
});
