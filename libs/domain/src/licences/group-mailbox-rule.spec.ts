import { accountDecider } from '../accounts/account.decider';
import type { AccountCommand, AddCaseTeamMember } from '../accounts/account.commands';
import type { AccountEvent } from '../accounts/account.events';
import type { ActorIdentity } from '../accounts/actor-identity';
import { commands, context, openedHistory } from '../cases/testing/case-fixtures';
import { givenCase } from '../cases/testing/given-when-then';
import { DEFAULT_SUPPORT_POLICY } from '../policy/default-support-policy';
import { fold } from '../shared/decider';
import { DEFAULT_GROUP_MAILBOX_PATTERNS } from './group-mailbox';
import type { LicenceCommand, LicenceDecisionContext } from './licence.commands';
import type { LicenceEvent } from './licence.events';
import { BASIC, issueLicenceTo, LICENCE_IDS, licenceIssued } from './testing/licence-events';
import { givenLicenceWith } from './testing/given-licence';

/**
 * DOMAIN.md "Licences and licensed users": a licensed user needs an individual company email;
 * group addresses and distribution lists are refused with a clear error. The same rule keeps lists
 * out of every place meant for one person: a case's shares ("per-case sharing adds one person to
 * one case") and an account's case team, whose members see and are mailed every case. Given / When
 * / Then over the deciders with the default policy.
 */
const policy: LicenceDecisionContext = { groupMailboxPatterns: DEFAULT_GROUP_MAILBOX_PATTERNS };
const holder: ActorIdentity = { email: 'holder@acme.example', roles: [] };
const AT = '2026-03-05T10:00:00.000Z';

const given = givenLicenceWith(policy);

const assign = (email: string): LicenceCommand => ({
  type: 'AssignLicensedUser',
  data: { email, firstName: 'Sam', lastName: 'Tester', company: 'Acme', country: 'DE', permissions: BASIC },
  actor: holder,
  at: AT,
});

const assigned = (email: string): LicenceEvent => ({
  type: 'LicensedUserAssigned',
  data: {
    ...LICENCE_IDS,
    email,
    firstName: 'Sam',
    lastName: 'Tester',
    company: 'Acme',
    country: 'DE',
    permissions: BASIC,
    at: AT,
  },
});

describe('group mailboxes on a licence', () => {
  describe('given an issued licence: assigning a licensed user', () => {
    // The tester's addresses (F1): separators other than "-", words run together, a country code,
    // and role mailboxes in other European languages and Russian.
    it.each([
      'no_reply@acme.example',
      'no.reply@acme.example',
      'do_not_reply@acme.example',
      'allstaff@acme.example',
      'everyone-de@acme.example',
      'mailinglist@acme.example',
      'distribution@acme.example',
      'groups@acme.example',
      'hotline@acme.example',
      'root@acme.example',
      'soporte@acme.example',
      'supporto@acme.example',
      'kundendienst@acme.example',
      'kontakt@acme.example',
      'vertrieb@acme.example',
      'ventas@acme.example',
      'wsparcie@acme.example',
      'поддержка@acme.example',
    ])('rule: group address %s is refused, naming the email field', (email) => {
      given(licenceIssued())
        .when(assign(email))
        .thenFails({ code: 'group-mailbox-not-allowed', kind: 'validation', field: 'email' });
    });

    it.each([
      'john.smith@acme.example',
      'maria_soporte@acme.example',
      'anna-kontakt@acme.example',
      'ventas.garcia@acme.example',
    ])('rule: personal address %s is assigned', (email) => {
      given(licenceIssued())
        .when(assign(email))
        .then([assigned(email)]);
    });
  });
});

describe('who may hold a licence', () => {
  const admin: ActorIdentity = { email: 'ops@vendor.example', roles: ['admin'] };
  const issue = (holderEmail: string): LicenceCommand => issueLicenceTo(holderEmail, admin, AT);

  describe('given no licence yet: issuing one', () => {
    it.each(['support@acme.example', 'no_reply@acme.example', 'kontakt@acme.example'])(
      'rule: group address %s is refused as holder, naming the holderEmail field',
      (email) => {
        given()
          .when(issue(email))
          .thenFails({ code: 'group-mailbox-not-allowed', kind: 'validation', field: 'holderEmail' });
      },
    );

    it('rule: an address the records know as vendor staff is refused as holder', () => {
      given()
        .when(issue('eve@vendor.example'), { ...policy, holderKnownStaff: true })
        .thenFails({ code: 'licence-holder-is-staff', kind: 'validation', field: 'holderEmail' });
    });

    it("rule: the customer's licence owner holds it", () => {
      given()
        .when(issue('boss@acme.example'))
        .then([licenceIssued({ holderEmail: 'boss@acme.example', at: AT })]);
    });
  });
});

describe('group mailboxes on a case and a case team', () => {
  describe('given an open case: sharing it', () => {
    it.each([
      'support@other.example',
      'all-staff@acme.example',
      'no_reply@acme.example',
      'kontakt@acme.example',
    ])('rule: sharing with group address %s is refused, naming the email field and why', (email) => {
      givenCase(openedHistory(), context())
        .when(commands.share({ email }))
        .thenFails({ code: 'group-mailbox-not-allowed', kind: 'validation', field: 'email' });
    });

    it('rule: sharing follows the policy in force, not a fixed list', () => {
      const lenient = {
        ...DEFAULT_SUPPORT_POLICY,
        licensing: { ...DEFAULT_SUPPORT_POLICY.licensing, groupMailboxPatterns: [] },
      };
      expect(
        givenCase(openedHistory(), context({ policy: lenient }))
          .when(commands.share({ email: 'support@other.example' }))
          .events(),
      ).toHaveLength(1);
    });

    it('rule: sharing with a person is unchanged', () => {
      expect(
        givenCase(openedHistory(), context())
          .when(commands.share({ email: 'maria_soporte@acme.example' }))
          .events(),
      ).toHaveLength(1);
    });
  });

  describe('given a registered account: adding a case-team member', () => {
    const engineer: ActorIdentity = { email: 'eng@vendor.example', roles: ['engineer'] };
    const registered: AccountEvent = {
      type: 'AccountRegistered',
      data: { accountId: 'acc-acme', name: 'Acme', timeZone: null, at: AT },
    };
    const add = (email: string): AddCaseTeamMember => ({
      type: 'AddCaseTeamMember',
      data: { email, name: 'List', notify: true },
      actor: engineer,
      at: AT,
    });
    const decide = (command: AccountCommand, patterns?: readonly string[]) =>
      accountDecider.decide(
        command,
        fold(accountDecider, [registered]),
        patterns === undefined ? {} : { groupMailboxPatterns: patterns },
      );

    it.each(['all-staff@acme.example', 'team@partner.example', 'distribution@acme.example'])(
      'rule: group address %s is refused, naming the email field and why',
      (email) => {
        let thrown: unknown;
        try {
          decide(add(email));
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toMatchObject({
          code: 'group-mailbox-not-allowed',
          kind: 'validation',
          field: 'email',
        });
        expect((thrown as Error).message).toMatch(/case-team member is one person/);
      },
    );

    it('rule: the policy in the context decides, not a fixed list', () => {
      expect(decide(add('all-staff@acme.example'), [])).toHaveLength(1);
      expect(() => decide(add('grp-sales@acme.example'), ['^grp-'])).toThrow(/group address/);
    });

    it('rule: a person from another account is added', () => {
      expect(decide(add('bianca.business@partner.example'))).toHaveLength(1);
    });
  });
});
