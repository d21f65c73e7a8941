import { fold } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import { AccountCommand } from './account.commands';
import type { AccountDecisionContext } from './account.decide';
import { accountDecider } from './account.decider';
import { AccountEvent } from './account.events';
import {
  caseTeamNotificationRecipients,
  findCaseTeamMember,
  requireRegisteredAccount,
} from './account.queries';
import { initialAccountState } from './account.state';
import { ActorIdentity } from './actor-identity';

const ACCOUNT = 'acc-acme';
const T0 = '2026-03-02T09:00:00.000Z';
const T1 = '2026-03-03T10:30:00.000Z';
const admin: ActorIdentity = { email: 'ops@vendor.example', roles: ['admin'] };
const engineer: ActorIdentity = { email: 'eng@vendor.example', roles: ['engineer'] };
const csm: ActorIdentity = { email: 'csm@vendor.example', roles: ['csm'] };
const auditor: ActorIdentity = { email: 'audit@vendor.example', roles: ['auditor'] };
const customer = (email: string): ActorIdentity => ({ email, roles: [] });

// Given / When / Then over the pure decider: the state is only ever built by folding events.
function given(...history: AccountEvent[]) {
  const state = fold(accountDecider, history);
  return {
    when: (command: AccountCommand, context: AccountDecisionContext = {}) => ({
      then: (expected: AccountEvent[]) =>
        expect(accountDecider.decide(command, state, context)).toEqual(expected),
      thenFails: (expected: Partial<DomainError>) => {
        let thrown: unknown;
        try {
          accountDecider.decide(command, state, context);
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(DomainError);
        expect(thrown).toMatchObject(expected);
      },
    }),
  };
}

const registered: AccountEvent = {
  type: 'AccountRegistered',
  data: { accountId: ACCOUNT, name: 'Acme Corp', timeZone: 'Europe/Sofia', at: T0 },
};
const csmAssigned: AccountEvent = {
  type: 'CustomerSuccessManagerAssigned',
  data: { accountId: ACCOUNT, email: 'csm@vendor.example', previousEmail: null, at: T0 },
};
const memberAdded = (email: string, notify = true): AccountEvent => ({
  type: 'CaseTeamMemberAdded',
  data: { accountId: ACCOUNT, email, name: `Name of ${email}`, notify, at: T0 },
});

const register = (
  data: Partial<{ accountId: string; name: string; timeZone: string; calendar: string }>,
  actor = admin,
) =>
  ({
    type: 'RegisterAccount',
    data: { accountId: ACCOUNT, name: 'Acme Corp', ...data },
    actor,
    at: T0,
  }) as AccountCommand;
const assignCsm = (email: string, actor = admin): AccountCommand => ({
  type: 'AssignCustomerSuccessManager',
  data: { email },
  actor,
  at: T1,
});
const addMember = (
  email: string,
  actor = engineer,
  notify: unknown = true,
  name = 'Bea Business',
): AccountCommand => ({
  type: 'AddCaseTeamMember',
  data: { email, name, notify: notify as boolean },
  actor,
  at: T1,
});
const changePreference = (email: string, notify: boolean, actor: ActorIdentity): AccountCommand => ({
  type: 'ChangeNotificationPreference',
  data: { email, notify },
  actor,
  at: T1,
});
const removeMember = (email: string, actor = engineer): AccountCommand => ({
  type: 'RemoveCaseTeamMember',
  data: { email },
  actor,
  at: T1,
});

describe('account decider', () => {
  describe('given no account', () => {
    it('registers an account, recording its time zone under the canonical IANA name', () => {
      given()
        .when(register({ timeZone: 'europe/sofia' }))
        .then([
          {
            type: 'AccountRegistered',
            data: { accountId: ACCOUNT, name: 'Acme Corp', timeZone: 'Europe/Sofia', at: T0 },
          },
        ]);
    });

    it('rule: an account without a time zone records none (the calendar then uses UTC)', () => {
      given()
        .when(register({}))
        .then([
          {
            type: 'AccountRegistered',
            data: { accountId: ACCOUNT, name: 'Acme Corp', timeZone: null, at: T0 },
          },
        ]);
    });

    it.each([engineer, csm, auditor, customer('jane.doe@acme.example')])(
      'rule: only an admin registers accounts (refused for $email)',
      (actor) => {
        given()
          .when(register({}, actor))
          .thenFails({ code: 'account-registration-requires-admin', kind: 'forbidden' });
      },
    );

    it.each(['Mars/Olympus_Mons', '+02:00', 'CEST', ''])(
      'rule: the time zone must be an IANA zone (%j refused)',
      (timeZone) => {
        given()
          .when(register({ timeZone }))
          .thenFails({ code: 'invalid-time-zone', kind: 'validation', field: 'timeZone' });
      },
    );

    it('rule: an account needs a name', () => {
      given()
        .when(register({ name: '   ' }))
        .thenFails({ code: 'field-required', kind: 'validation', field: 'name' });
    });

    it.each(['Acme\r\nBcc: evil@evil.example', 'Acme\nCorp', 'Acme\u2028Corp'])(
      'rule: an account name is one line (%j refused, naming name)',
      (name) => {
        given().when(register({ name })).thenFails({ code: 'line-break', kind: 'validation', field: 'name' });
      },
    );

    it('rule: an account needs an id', () => {
      given()
        .when(register({ accountId: '' }))
        .thenFails({ code: 'field-required', kind: 'validation', field: 'accountId' });
    });

    it.each([
      assignCsm('csm@vendor.example'),
      addMember('bea@acme.example'),
      changePreference('bea@acme.example', false, admin),
      removeMember('bea@acme.example'),
    ])('rule: an unregistered account cannot be changed ($type is not found)', (command) => {
      given().when(command).thenFails({ code: 'account-not-found', kind: 'not-found' });
    });
  });

  describe('given a registered account', () => {
    it('rule: a customer is never the CSM (who hears of all activity, internal notes included)', () => {
      for (const role of ['licensed user', 'licence holder', 'case-team member', 'shared user'] as const) {
        given(registered)
          .when(assignCsm('jane.doe@acme.example'), { csmCustomerRole: role })
          .thenFails({ code: 'csm-not-staff', field: 'email', message: expect.stringContaining(role) });
      }
      given(registered, memberAdded('tom@acme.example'))
        .when(assignCsm('Tom@Acme.example'))
        .thenFails({ code: 'csm-not-staff', field: 'email' });
    });

    it('rule: an account is registered only once', () => {
      given(registered)
        .when(register({ name: 'Acme again' }))
        .thenFails({ code: 'account-already-registered', kind: 'conflict' });
    });

    it('assigns a customer success manager, recording that there was none before', () => {
      given(registered)
        .when(assignCsm(' CSM@Vendor.example '))
        .then([
          {
            type: 'CustomerSuccessManagerAssigned',
            data: { accountId: ACCOUNT, email: 'csm@vendor.example', previousEmail: null, at: T1 },
          },
        ]);
    });

    it.each([engineer, csm, customer('jane.doe@acme.example')])(
      'rule: only an admin assigns the customer success manager (refused for $email)',
      (actor) => {
        given(registered)
          .when(assignCsm('csm@vendor.example', actor))
          .thenFails({ code: 'csm-assignment-requires-admin', kind: 'forbidden' });
      },
    );

    it("rule: the customer success manager's email must be valid", () => {
      given(registered)
        .when(assignCsm('not-an-email'))
        .thenFails({ code: 'invalid-email', kind: 'validation', field: 'email' });
    });

    it('adds a case-team member with their notification choice, under the lower-cased email', () => {
      given(registered)
        .when(addMember('Bea.Business@Acme.example', engineer, false))
        .then([
          {
            type: 'CaseTeamMemberAdded',
            data: {
              accountId: ACCOUNT,
              email: 'bea.business@acme.example',
              name: 'Bea Business',
              notify: false,
              at: T1,
            },
          },
        ]);
    });

    it.each(['partner.dev@other-account.example', 'bea.business@other-account.example'])(
      'rule: a case-team member may be anyone, from any account, licensed or not (%s accepted)',
      (email) => {
        given(registered)
          .when(addMember(email, admin))
          .then([
            {
              type: 'CaseTeamMemberAdded',
              data: { accountId: ACCOUNT, email, name: 'Bea Business', notify: true, at: T1 },
            },
          ]);
      },
    );

    it.each([csm, auditor, customer('jane.doe@acme.example')])(
      'rule: only an engineer or an admin adds case-team members (refused for $email)',
      (actor) => {
        given(registered)
          .when(addMember('bea@acme.example', actor))
          .thenFails({ code: 'case-team-management-requires-staff', kind: 'forbidden' });
      },
    );

    it("rule: a case-team member's email must be valid", () => {
      given(registered)
        .when(addMember('bea at acme'))
        .thenFails({ code: 'invalid-email', kind: 'validation', field: 'email' });
    });

    it('rule: a case-team member needs a name', () => {
      given(registered)
        .when(addMember('bea@acme.example', engineer, true, ' '))
        .thenFails({ code: 'field-required', kind: 'validation', field: 'name' });
    });

    it("rule: a case-team member's name is one line", () => {
      given(registered)
        .when(addMember('bea@acme.example', engineer, true, 'Bea\r\nBcc: evil@evil.example'))
        .thenFails({ code: 'line-break', kind: 'validation', field: 'name' });
    });

    it('rule: the notification choice is a yes or no, never guessed', () => {
      given(registered)
        .when(addMember('bea@acme.example', engineer, 'false'))
        .thenFails({ code: 'flag-required', kind: 'validation', field: 'notify' });
    });
  });

  describe('changing the details of a registered account', () => {
    const change = (data: { name?: string; timeZone?: string | null }, actor = admin): AccountCommand => ({
      type: 'ChangeAccountDetails',
      data,
      actor,
      at: T1,
    });

    it('rule: an admin renames the account and moves its time zone; only what changes is recorded', () => {
      given(registered)
        .when(change({ name: 'Acme Ltd', timeZone: 'europe/kyiv' }))
        .then([
          {
            type: 'AccountDetailsChanged',
            data: {
              accountId: ACCOUNT,
              name: 'Acme Ltd',
              timeZone: 'Europe/Kyiv',
              previous: { name: 'Acme Corp', timeZone: 'Europe/Sofia' },
              at: T1,
            },
          },
        ]);
      given(registered)
        .when(change({ name: 'Acme Corp', timeZone: 'Europe/Sofia' }))
        .then([]);
      given(registered)
        .when(change({ timeZone: null }))
        .then([
          {
            type: 'AccountDetailsChanged',
            data: { accountId: ACCOUNT, timeZone: null, previous: { timeZone: 'Europe/Sofia' }, at: T1 },
          },
        ]);
    });

    it('the state follows the change', () => {
      const changed: AccountEvent = {
        type: 'AccountDetailsChanged',
        data: { accountId: ACCOUNT, timeZone: 'America/New_York', at: T1 },
      };
      const state = requireRegisteredAccount(fold(accountDecider, [registered, changed]));
      expect(state).toMatchObject({ name: 'Acme Corp', timeZone: 'America/New_York' });
    });

    it('rule: only an admin changes them, and a zone must be real', () => {
      given(registered)
        .when(change({ name: 'Mine now' }, engineer))
        .thenFails({ code: 'account-change-requires-admin', kind: 'forbidden' });
      given(registered)
        .when(change({ timeZone: 'Mars/Olympus_Mons' }))
        .thenFails({ kind: 'validation', field: 'timeZone' });
      given(registered)
        .when(change({ name: '' }))
        .thenFails({ kind: 'validation', field: 'name' });
    });

    it('rule: a new name is one line', () => {
      given(registered)
        .when(change({ name: 'Acme\nLtd' }))
        .thenFails({ code: 'line-break', kind: 'validation', field: 'name' });
    });

    it('an account named with a line break before the rule still folds, and can be renamed', () => {
      const old: AccountEvent = {
        ...registered,
        data: { ...registered.data, name: 'Acme\r\nCorp' },
      } as AccountEvent;
      expect(requireRegisteredAccount(fold(accountDecider, [old]))).toMatchObject({ name: 'Acme\r\nCorp' });
      given(old)
        .when(change({ name: 'Acme Corp' }))
        .then([
          {
            type: 'AccountDetailsChanged',
            data: { accountId: ACCOUNT, name: 'Acme Corp', previous: { name: 'Acme\r\nCorp' }, at: T1 },
          },
        ]);
    });
  });

  describe("the account's business calendar (one of the policy's named calendars)", () => {
    const calendars: AccountDecisionContext = { calendarNames: ['de-public-holidays', 'us-east'] };
    const change = (calendar: unknown, actor = admin): AccountCommand => ({
      type: 'ChangeAccountDetails',
      data: { calendar: calendar as string | null },
      actor,
      at: T1,
    });
    const onGermanCalendar: AccountEvent = {
      type: 'AccountRegistered',
      data: {
        accountId: ACCOUNT,
        name: 'Acme Corp',
        timeZone: 'Europe/Sofia',
        calendar: 'de-public-holidays',
        at: T0,
      },
    };

    it('rule: an account registered with a calendar of the policy records it', () => {
      given()
        .when(register({ calendar: 'de-public-holidays' }), calendars)
        .then([
          {
            type: 'AccountRegistered',
            data: {
              accountId: ACCOUNT,
              name: 'Acme Corp',
              timeZone: null,
              calendar: 'de-public-holidays',
              at: T0,
            },
          },
        ]);
    });

    it('rule: an account registered with a calendar the policy does not have is refused, naming calendar', () => {
      given()
        .when(register({ calendar: 'fr-public-holidays' }), calendars)
        .thenFails({ code: 'unknown-calendar', kind: 'validation', field: 'calendar' });
      given()
        .when(register({ calendar: 'de-public-holidays' }))
        .thenFails({ code: 'unknown-calendar', kind: 'validation', field: 'calendar' });
    });

    it("rule: an admin sets the account's calendar; the event records it and the state follows", () => {
      given(registered)
        .when(change('de-public-holidays'), calendars)
        .then([
          {
            type: 'AccountDetailsChanged',
            data: {
              accountId: ACCOUNT,
              calendar: 'de-public-holidays',
              previous: { calendar: null },
              at: T1,
            },
          },
        ]);
      const changed: AccountEvent = {
        type: 'AccountDetailsChanged',
        data: { accountId: ACCOUNT, calendar: 'us-east', at: T1 },
      };
      expect(requireRegisteredAccount(fold(accountDecider, [onGermanCalendar, changed]))).toMatchObject({
        calendar: 'us-east',
        timeZone: 'Europe/Sofia',
      });
    });

    it('rule: null takes the account back to the policy default; the same calendar again changes nothing', () => {
      given(onGermanCalendar)
        .when(change(null), calendars)
        .then([
          {
            type: 'AccountDetailsChanged',
            data: {
              accountId: ACCOUNT,
              calendar: null,
              previous: { calendar: 'de-public-holidays' },
              at: T1,
            },
          },
        ]);
      given(onGermanCalendar).when(change('de-public-holidays'), calendars).then([]);
      given(registered).when(change(null), calendars).then([]);
      const reset: AccountEvent = {
        type: 'AccountDetailsChanged',
        data: { accountId: ACCOUNT, calendar: null, at: T1 },
      };
      expect(requireRegisteredAccount(fold(accountDecider, [onGermanCalendar, reset])).calendar).toBeNull();
    });

    it.each(['fr-public-holidays', 'De-Public-Holidays', 'constructor', '', 42])(
      'rule: a calendar the policy does not have is refused, naming calendar (%j)',
      (calendar) => {
        given(registered)
          .when(change(calendar), calendars)
          .thenFails({ code: 'unknown-calendar', kind: 'validation', field: 'calendar' });
      },
    );

    it('rule: only an admin changes the calendar', () => {
      given(registered)
        .when(change('de-public-holidays', engineer), calendars)
        .thenFails({ code: 'account-change-requires-admin', kind: 'forbidden' });
    });

    it('an account registered before there were named calendars is on the policy default', () => {
      expect(requireRegisteredAccount(fold(accountDecider, [registered])).calendar).toBeNull();
    });
  });

  describe('given an account with a customer success manager', () => {
    it('rule: assigning a new customer success manager replaces the previous one, and the event records both', () => {
      given(registered, csmAssigned)
        .when(assignCsm('new.csm@vendor.example'))
        .then([
          {
            type: 'CustomerSuccessManagerAssigned',
            data: {
              accountId: ACCOUNT,
              email: 'new.csm@vendor.example',
              previousEmail: 'csm@vendor.example',
              at: T1,
            },
          },
        ]);
    });

    it('rule: assigning the current customer success manager again changes nothing', () => {
      given(registered, csmAssigned).when(assignCsm('CSM@vendor.example')).then([]);
    });

    it('the state holds the latest customer success manager', () => {
      const state = fold(accountDecider, [
        registered,
        csmAssigned,
        ...accountDecider.decide(
          assignCsm('new.csm@vendor.example'),
          fold(accountDecider, [registered, csmAssigned]),
        ),
      ]);
      expect(requireRegisteredAccount(state).customerSuccessManager).toBe('new.csm@vendor.example');
    });

    const unassignCsm = (actor = admin): AccountCommand => ({
      type: 'UnassignCustomerSuccessManager',
      data: {},
      actor,
      at: T1,
    });

    it('rule: an admin takes the customer success manager off, and the event names who it was', () => {
      const unassigned: AccountEvent = {
        type: 'CustomerSuccessManagerUnassigned',
        data: { accountId: ACCOUNT, email: 'csm@vendor.example', at: T1 },
      };
      given(registered, csmAssigned).when(unassignCsm()).then([unassigned]);
      const state = fold(accountDecider, [registered, csmAssigned, unassigned]);
      expect(requireRegisteredAccount(state).customerSuccessManager).toBeNull();
      given(registered, csmAssigned, unassigned).when(unassignCsm()).then([]);
    });

    it.each([engineer, csm, customer('jane.doe@acme.example')])(
      'rule: only an admin unassigns the customer success manager (refused for $email)',
      (actor) => {
        given(registered, csmAssigned)
          .when(unassignCsm(actor))
          .thenFails({ code: 'csm-assignment-requires-admin', kind: 'forbidden' });
      },
    );
  });

  describe('given an account with a case team', () => {
    const team = [
      registered,
      memberAdded('bea@acme.example'),
      memberAdded('otto.optout@partner.example', false),
    ];

    it('rule: a person is on the case team only once (emails compare case-insensitively)', () => {
      given(...team)
        .when(addMember('BEA@acme.example'))
        .thenFails({ code: 'case-team-member-already-added', kind: 'conflict', field: 'email' });
    });

    it.each([
      ['the member themselves', customer('Bea@acme.example')],
      ['an engineer', engineer],
      ['an admin', admin],
    ])('rule: %s may opt a member out of notifications', (_who, actor) => {
      given(...team)
        .when(changePreference('bea@acme.example', false, actor))
        .then([
          {
            type: 'CaseTeamNotificationPreferenceChanged',
            data: { accountId: ACCOUNT, email: 'bea@acme.example', notify: false, at: T1 },
          },
        ]);
    });

    it('rule: a member may opt back in at any time', () => {
      given(...team)
        .when(changePreference('otto.optout@partner.example', true, customer('otto.optout@partner.example')))
        .then([
          {
            type: 'CaseTeamNotificationPreferenceChanged',
            data: { accountId: ACCOUNT, email: 'otto.optout@partner.example', notify: true, at: T1 },
          },
        ]);
    });

    it.each([
      customer('otto.optout@partner.example'),
      csm,
      auditor,
      // Auditors are read-only everywhere, even under the member's own email.
      { email: 'bea@acme.example', roles: ['auditor'] },
    ])(
      "rule: nobody else changes a member's notification preference (refused for $email, $roles)",
      (actor) => {
        given(...team)
          .when(changePreference('bea@acme.example', false, actor))
          .thenFails({ code: 'notification-preference-change-not-allowed', kind: 'forbidden' });
      },
    );

    it('rule: the notification preference of someone not on the team is not found', () => {
      given(...team)
        .when(changePreference('stranger@acme.example', false, engineer))
        .thenFails({ code: 'case-team-member-not-found', kind: 'not-found', field: 'email' });
    });

    it('rule: setting the preference a member already has changes nothing', () => {
      given(...team)
        .when(changePreference('bea@acme.example', true, engineer))
        .then([]);
    });

    it('removes a case-team member', () => {
      given(...team)
        .when(removeMember('Bea@Acme.example', admin))
        .then([
          { type: 'CaseTeamMemberRemoved', data: { accountId: ACCOUNT, email: 'bea@acme.example', at: T1 } },
        ]);
    });

    it('rule: removing someone not on the case team is not found', () => {
      given(...team)
        .when(removeMember('stranger@acme.example'))
        .thenFails({ code: 'case-team-member-not-found', kind: 'not-found' });
    });

    it.each([csm, customer('bea@acme.example')])(
      'rule: only an engineer or an admin removes case-team members (refused for $email)',
      (actor) => {
        given(...team)
          .when(removeMember('bea@acme.example', actor))
          .thenFails({ code: 'case-team-management-requires-staff', kind: 'forbidden' });
      },
    );

    it('rule: a removed member may be added again', () => {
      const removed: AccountEvent = {
        type: 'CaseTeamMemberRemoved',
        data: { accountId: ACCOUNT, email: 'bea@acme.example', at: T1 },
      };
      given(...team, removed)
        .when(addMember('bea@acme.example'))
        .then([
          {
            type: 'CaseTeamMemberAdded',
            data: {
              accountId: ACCOUNT,
              email: 'bea@acme.example',
              name: 'Bea Business',
              notify: true,
              at: T1,
            },
          },
        ]);
    });

    it('rule: opted-out members stay on the team but are not notification recipients', () => {
      const optedOut: AccountEvent = {
        type: 'CaseTeamNotificationPreferenceChanged',
        data: { accountId: ACCOUNT, email: 'bea@acme.example', notify: false, at: T1 },
      };
      const state = fold(accountDecider, [...team, memberAdded('carla@acme.example'), optedOut]);
      expect(findCaseTeamMember(state, 'BEA@acme.example')).toMatchObject({ notify: false, addedAt: T0 });
      expect(caseTeamNotificationRecipients(state).map((member) => member.email)).toEqual([
        'carla@acme.example',
      ]);
    });
  });

  describe('queries on an unregistered account', () => {
    it('requireRegisteredAccount reports the account as not found', () => {
      expect(() => requireRegisteredAccount(initialAccountState)).toThrow(
        expect.objectContaining({ code: 'account-not-found' }),
      );
    });

    it('has no case team', () => {
      expect(findCaseTeamMember(initialAccountState, 'bea@acme.example')).toBeUndefined();
      expect(caseTeamNotificationRecipients(initialAccountState)).toEqual([]);
    });
  });
});
