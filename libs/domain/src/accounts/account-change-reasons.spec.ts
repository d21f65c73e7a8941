import { fold } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import { AccountCommand } from './account.commands';
import type { AccountDecisionContext } from './account.decide';
import { accountDecider } from './account.decider';
import { AccountEvent } from './account.events';
import { requireRegisteredAccount } from './account.queries';
import { ActorIdentity } from './actor-identity';

/**
 * DOMAIN.md: "Every change records who, when and why." Every change of an account takes an optional
 * reason, kept (trimmed) in the event's data only when given; a change of details also records the
 * value each changed field had. Events recorded before either was kept still fold.
 */
const ACCOUNT = 'acc-acme';
const T0 = '2026-03-02T09:00:00.000Z';
const T1 = '2026-03-03T10:30:00.000Z';
const admin: ActorIdentity = { email: 'ops@vendor.example', roles: ['admin'] };
const engineer: ActorIdentity = { email: 'eng@vendor.example', roles: ['engineer'] };
const member: ActorIdentity = { email: 'tom@acme.example', roles: [] };
const calendars: AccountDecisionContext = { calendarNames: ['de-public-holidays'] };

function given(...history: AccountEvent[]) {
  const state = fold(accountDecider, history);
  return {
    when: (command: AccountCommand, context: AccountDecisionContext = calendars) => ({
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
const tomAdded: AccountEvent = {
  type: 'CaseTeamMemberAdded',
  data: { accountId: ACCOUNT, email: 'tom@acme.example', name: 'Tom Team', notify: true, at: T0 },
};

const command = <C extends AccountCommand>(type: C['type'], data: C['data'], actor = admin) =>
  ({ type, data, actor, at: T1 }) as AccountCommand;
const changeDetails = (data: Record<string, unknown>) =>
  command('ChangeAccountDetails', data as AccountCommand['data']);

describe('account decider: reasons and previous values of changes', () => {
  describe('ChangeAccountDetails', () => {
    it('records the reason given and the value each changed field had', () => {
      given(registered)
        .when(changeDetails({ name: 'Acme Ltd', calendar: 'de-public-holidays', reason: '  legal rename  ' }))
        .then([
          {
            type: 'AccountDetailsChanged',
            data: {
              accountId: ACCOUNT,
              name: 'Acme Ltd',
              calendar: 'de-public-holidays',
              previous: { name: 'Acme Corp', calendar: null },
              reason: 'legal rename',
              at: T1,
            },
          },
        ]);
    });

    it('without a reason, records only the previous values; a field named at its value is in neither', () => {
      given(registered)
        .when(changeDetails({ name: 'Acme Corp', timeZone: 'Europe/Kyiv' }))
        .then([
          {
            type: 'AccountDetailsChanged',
            data: {
              accountId: ACCOUNT,
              timeZone: 'Europe/Kyiv',
              previous: { timeZone: 'Europe/Sofia' },
              at: T1,
            },
          },
        ]);
    });

    it('a change back to the default records the value it had (null stays null)', () => {
      const kyiv: AccountEvent = {
        type: 'AccountDetailsChanged',
        data: { accountId: ACCOUNT, timeZone: 'Europe/Kyiv', previous: { timeZone: 'Europe/Sofia' }, at: T1 },
      };
      given(registered, kyiv)
        .when(changeDetails({ timeZone: null, reason: 'Back to UTC' }))
        .then([
          {
            type: 'AccountDetailsChanged',
            data: {
              accountId: ACCOUNT,
              timeZone: null,
              previous: { timeZone: 'Europe/Kyiv' },
              reason: 'Back to UTC',
              at: T1,
            },
          },
        ]);
    });

    it('an event recorded before previous values and reasons were kept still folds', () => {
      const old: AccountEvent = {
        type: 'AccountDetailsChanged',
        data: { accountId: ACCOUNT, name: 'Acme Old', at: T1 },
      };
      const recent: AccountEvent = {
        type: 'AccountDetailsChanged',
        data: {
          accountId: ACCOUNT,
          name: 'Acme New',
          previous: { name: 'Acme Old' },
          reason: 'Rebrand',
          at: T1,
        },
      };
      expect(requireRegisteredAccount(fold(accountDecider, [registered, old])).name).toBe('Acme Old');
      expect(requireRegisteredAccount(fold(accountDecider, [registered, old, recent]))).toMatchObject({
        name: 'Acme New',
        timeZone: 'Europe/Sofia',
        calendar: null,
      });
      given(registered, old)
        .when(changeDetails({ name: 'Acme Ltd' }))
        .then([
          {
            type: 'AccountDetailsChanged',
            data: { accountId: ACCOUNT, name: 'Acme Ltd', previous: { name: 'Acme Old' }, at: T1 },
          },
        ]);
    });
  });

  describe('the CSM and the case team', () => {
    it('assigning and unassigning the CSM record the reason given; without one the events are as before', () => {
      given(registered)
        .when(command('AssignCustomerSuccessManager', { email: 'csm@vendor.example', reason: 'EMEA team' }))
        .then([
          {
            type: 'CustomerSuccessManagerAssigned',
            data: {
              accountId: ACCOUNT,
              email: 'csm@vendor.example',
              previousEmail: null,
              reason: 'EMEA team',
              at: T1,
            },
          },
        ]);
      given(registered, csmAssigned)
        .when(command('UnassignCustomerSuccessManager', { reason: 'Left the company' }))
        .then([
          {
            type: 'CustomerSuccessManagerUnassigned',
            data: { accountId: ACCOUNT, email: 'csm@vendor.example', reason: 'Left the company', at: T1 },
          },
        ]);
      // An unassignment built with no data at all (as before it took a reason) still works.
      given(registered, csmAssigned)
        .when({ type: 'UnassignCustomerSuccessManager', actor: admin, at: T1 } as unknown as AccountCommand)
        .then([
          {
            type: 'CustomerSuccessManagerUnassigned',
            data: { accountId: ACCOUNT, email: 'csm@vendor.example', at: T1 },
          },
        ]);
    });

    it('adding, re-notifying and removing a case-team member record the reason given, and none when none is given', () => {
      given(registered)
        .when(
          command(
            'AddCaseTeamMember',
            { email: 'tom@acme.example', name: 'Tom Team', notify: true, reason: 'Runs the migration' },
            engineer,
          ),
        )
        .then([
          {
            type: 'CaseTeamMemberAdded',
            data: {
              accountId: ACCOUNT,
              email: 'tom@acme.example',
              name: 'Tom Team',
              notify: true,
              reason: 'Runs the migration',
              at: T1,
            },
          },
        ]);
      given(registered, tomAdded)
        .when(
          command(
            'ChangeNotificationPreference',
            { email: 'tom@acme.example', notify: false, reason: 'Reads the weekly summary' },
            member,
          ),
        )
        .then([
          {
            type: 'CaseTeamNotificationPreferenceChanged',
            data: {
              accountId: ACCOUNT,
              email: 'tom@acme.example',
              notify: false,
              reason: 'Reads the weekly summary',
              at: T1,
            },
          },
        ]);
      given(registered, tomAdded)
        .when(
          command('RemoveCaseTeamMember', { email: 'tom@acme.example', reason: 'Project over' }, engineer),
        )
        .then([
          {
            type: 'CaseTeamMemberRemoved',
            data: { accountId: ACCOUNT, email: 'tom@acme.example', reason: 'Project over', at: T1 },
          },
        ]);
      given(registered, tomAdded)
        .when(command('RemoveCaseTeamMember', { email: 'tom@acme.example' }, engineer))
        .then([
          { type: 'CaseTeamMemberRemoved', data: { accountId: ACCOUNT, email: 'tom@acme.example', at: T1 } },
        ]);
    });
  });

  describe('a reason given must be 1 to 2,000 characters of text without control characters', () => {
    it.each([
      ['that is too long', 'x'.repeat(2_001)],
      ['that is blank', '   '],
      ['with a control character', 'legal\u0000rename'],
      ['with a text-direction override', 'legal\u202Erename'],
      ['that is not text', 42],
    ])('refuses a reason %s on every account change, naming reason', (_what, reason) => {
      const fails = {
        code: expect.stringMatching(/^(text-length-out-of-range|unsafe-character)$/),
        field: 'reason',
      };
      const commands: [AccountEvent[], AccountCommand][] = [
        [[registered], changeDetails({ name: 'Acme Ltd', reason })],
        [
          [registered],
          command('AssignCustomerSuccessManager', { email: 'csm@vendor.example', reason } as never),
        ],
        [[registered, csmAssigned], command('UnassignCustomerSuccessManager', { reason } as never)],
        [
          [registered],
          command(
            'AddCaseTeamMember',
            { email: 'ann@acme.example', name: 'Ann', notify: true, reason } as never,
            engineer,
          ),
        ],
        [
          [registered, tomAdded],
          command('ChangeNotificationPreference', {
            email: 'tom@acme.example',
            notify: false,
            reason,
          } as never),
        ],
        [
          [registered, tomAdded],
          command('RemoveCaseTeamMember', { email: 'tom@acme.example', reason } as never),
        ],
      ];
      for (const [history, change] of commands)
        given(...history)
          .when(change)
          .thenFails(fails);
    });
  });
});
