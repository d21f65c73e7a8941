import { DEFAULT_GROUP_MAILBOX_PATTERNS } from '../licences/group-mailbox';
import type { LicenceCommand, LicenceDecisionContext } from '../licences/licence.commands';
import { BASIC, licenceIssued } from '../licences/testing/licence-events';
import { givenLicenceWith } from '../licences/testing/given-licence';
import { fold } from '../shared/decider';
import type { AddCaseTeamMember } from './account.commands';
import { accountDecider } from './account.decider';
import type { AccountDecisionContext } from './account.decide';
import type { AccountEvent } from './account.events';
import type { ActorIdentity } from './actor-identity';

/**
 * README "Accounts and licences": known staff addresses are refused as users, holders and
 * case-team members (422 naming the field). Recorded as a customer, an engineer could no longer
 * take a case and their cases' mail would be held back (finding security4 F3). The API says who is
 * known staff (CustomerDirectory.isKnownStaff); the deciders refuse them.
 */
const AT = '2026-03-05T10:00:00.000Z';

describe('known staff where only a customer belongs', () => {
  describe('given an issued licence: assigning a licensed user', () => {
    const policy: LicenceDecisionContext = { groupMailboxPatterns: DEFAULT_GROUP_MAILBOX_PATTERNS };
    const given = givenLicenceWith(policy);
    const assign = (email: string): LicenceCommand => ({
      type: 'AssignLicensedUser',
      data: { email, firstName: 'Ian', lastName: 'Eng', company: 'Acme', country: 'DE', permissions: BASIC },
      actor: { email: 'holder@acme.example', roles: [] },
      at: AT,
    });

    it('rule: an address the records know as vendor staff is refused, naming the email field', () => {
      given(licenceIssued())
        .when(assign('ian@vendor.example'), { ...policy, userKnownStaff: true })
        .thenFails({ code: 'licensed-user-is-staff', kind: 'validation', field: 'email' });
    });

    it('rule: a customer’s address is assigned', () => {
      given(licenceIssued())
        .when(assign('ann@acme.example'), { ...policy, userKnownStaff: false })
        .then([expect.objectContaining({ type: 'LicensedUserAssigned' })]);
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
      data: { email, name: 'Ian', notify: true },
      actor: engineer,
      at: AT,
    });
    const decide = (command: AddCaseTeamMember, context: AccountDecisionContext) =>
      accountDecider.decide(command, fold(accountDecider, [registered]), context);

    it('rule: an address the records know as vendor staff is refused, naming the email field and why', () => {
      expect(() => decide(add('ian@vendor.example'), { memberKnownStaff: true })).toThrow(
        expect.objectContaining({
          code: 'case-team-member-is-staff',
          kind: 'validation',
          field: 'email',
          message: expect.stringMatching(/ian@vendor\.example is known as vendor support staff/),
        }),
      );
    });

    it('rule: a person the records do not know as staff is added', () => {
      expect(decide(add('bianca@partner.example'), { memberKnownStaff: false })).toHaveLength(1);
    });
  });
});
