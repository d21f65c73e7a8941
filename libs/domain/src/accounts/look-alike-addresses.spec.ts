import { accountDecider } from './account.decider';
import type { AccountCommand } from './account.commands';
import type { AccountEvent } from './account.events';
import type { ActorIdentity } from './actor-identity';
import type { UnshareCase } from '../cases/commands';
import type { CaseEvent } from '../cases/events';
import { givenCase } from '../cases/testing/given-when-then';
import { commands, context, openedHistory } from '../cases/testing/case-fixtures';
import { DEFAULT_GROUP_MAILBOX_PATTERNS } from '../licences/group-mailbox';
import type { LicenceCommand, LicenceDecisionContext } from '../licences/licence.commands';
import { licenceDecider } from '../licences/licence.decider';
import type { LicenceEvent } from '../licences/licence.events';
import { issueLicenceTo } from '../licences/testing/licence-events';
import { LICENCE_IDS, licenceIssued, userInvited } from '../licences/testing/licence-events';
import { fold } from '../shared/decider';
import { DomainError } from '../shared/domain-error';

/**
 * Every entry point that takes a person's address refuses one that displays as another address
 * (invisible characters, width or style variants, mixed scripts): licensed users, case-team
 * members, CSMs, shares. Given / When / Then over the real deciders.
 */
const policy: LicenceDecisionContext = { groupMailboxPatterns: DEFAULT_GROUP_MAILBOX_PATTERNS };
const holder: ActorIdentity = { email: 'holder@acme.example', roles: [] };
const admin: ActorIdentity = { email: 'ops@vendor.example', roles: ['admin'] };
const engineer: ActorIdentity = { email: 'eng@vendor.example', roles: ['engineer'] };
const AT = '2026-03-05T10:00:00.000Z';

function thrownBy(decide: () => unknown): DomainError {
  try {
    decide();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('the command was accepted');
}

function givenLicence(...history: LicenceEvent[]) {
  const state = fold(licenceDecider, history);
  return {
    when: (command: LicenceCommand) => ({
      then: (expected: LicenceEvent[]) =>
        expect(licenceDecider.decide(command, state, policy)).toEqual(expected),
      thenFails: () => thrownBy(() => licenceDecider.decide(command, state, policy)),
    }),
  };
}

function givenAccount(...history: AccountEvent[]) {
  const state = fold(accountDecider, history);
  return {
    when: (command: AccountCommand) => ({
      thenFails: () => thrownBy(() => accountDecider.decide(command, state, {})),
    }),
  };
}

const assign = (email: string): LicenceCommand => ({
  type: 'AssignLicensedUser',
  data: {
    email,
    firstName: 'Sam',
    lastName: 'Tester',
    company: 'Zeta',
    country: 'BG',
    permissions: { manageUsers: false, shareTickets: false, seeSharedTickets: false },
  },
  actor: holder,
  at: AT,
});

const registered: AccountEvent = {
  type: 'AccountRegistered',
  data: { accountId: 'acc-acme', name: 'Acme', timeZone: null, at: AT },
};

describe('look-alike addresses', () => {
  describe('given an issued licence: assigning a licensed user', () => {
    // The tester's addresses: each one displays as support@ or team@ (or as Jane's own address).
    it.each([
      [
        'sup\u200Bport@zeta.test',
        'email-invisible-character',
        /invisible character \(U\+200B, zero-width space\)/,
      ],
      [
        'sup\u2060port@zeta.test',
        'email-invisible-character',
        /invisible character \(U\+2060, word joiner\)/,
      ],
      [
        'support\u200D@zeta.test',
        'email-invisible-character',
        /invisible character \(U\+200D, zero-width joiner\)/,
      ],
      [
        'supp\u00ADort@zeta.test',
        'email-invisible-character',
        /invisible character \(U\+00AD, soft hyphen\)/,
      ],
      [
        'team\u034F@zeta.test',
        'email-invisible-character',
        /invisible character \(U\+034F, combining grapheme joiner\)/,
      ],
      [
        'ｓｕｐｐｏｒｔ@zeta.test',
        'email-character-variant',
        /"ｓ" \(U\+FF53\), a width or style variant of "s"/,
      ],
      [
        'ѕupport@zeta.test',
        'email-mixed-scripts',
        /mixes letters of Latin and Cyrillic .*\("ѕ" is Cyrillic\)/,
      ],
      [
        'jane\u200B@acme.test',
        'email-invisible-character',
        /invisible character \(U\+200B, zero-width space\)/,
      ],
    ])('rule: %j is refused, naming the problem and the email field', (email, code, message) => {
      const error = givenLicence(licenceIssued()).when(assign(email)).thenFails();
      expect(error).toMatchObject({ code, kind: 'validation', field: 'email' });
      expect(error.message).toMatch(message);
    });

    it.each([
      ['ᴜlf@acme.example', /"ᴜ" \(U\+1D1C\), which passes for "u"/],
      ['ꜱupport@acme.example', /"ꜱ" \(U\+A731\), which passes for "s"/],
    ])(
      'rule: %j, a small capital passing for a plain letter, is refused beside the real address',
      (email, message) => {
        const error = givenLicence(licenceIssued(), userInvited('ulf@acme.example', AT))
          .when(assign(email))
          .thenFails();
        expect(error).toMatchObject({ code: 'email-character-variant', kind: 'validation', field: 'email' });
        expect(error.message).toMatch(message);
      },
    );

    it.each(['ınfo@acme.example', 'admın@acme.example'])(
      'rule: %s, whose dotless i reads as i, is refused as the group address it passes for',
      (email) => {
        expect(givenLicence(licenceIssued()).when(assign(email)).thenFails()).toMatchObject({
          code: 'group-mailbox-not-allowed',
          field: 'email',
        });
      },
    );

    it.each(['SUPPORT@zeta.test', 'support+cms@zeta.test'])(
      'rule: plain group address %s is still refused as one',
      (email) => {
        expect(givenLicence(licenceIssued()).when(assign(email)).thenFails()).toMatchObject({
          code: 'group-mailbox-not-allowed',
        });
      },
    );

    it.each(['josé@zeta.test', 'иван@почта.рф', 'jürgen.müller@bücher.example', '田中たろう@例え.jp'])(
      'rule: internationalised address %s in one script is assigned',
      (email) => {
        givenLicence(licenceIssued())
          .when(assign(email))
          .then([
            {
              type: 'LicensedUserAssigned',
              data: {
                licenceId: 'lic-1',
                accountId: 'acc-acme',
                email,
                firstName: 'Sam',
                lastName: 'Tester',
                company: 'Zeta',
                country: 'BG',
                permissions: { manageUsers: false, shareTickets: false, seeSharedTickets: false },
                at: AT,
              },
            },
          ]);
      },
    );

    it('rule: a holder address that passes for another is refused at issuance', () => {
      const issue = issueLicenceTo('h\u00ADolder@acme.example', admin, AT);
      expect(givenLicence().when(issue).thenFails()).toMatchObject({
        code: 'email-invisible-character',
        field: 'holderEmail',
      });
    });
  });

  describe('given a registered account', () => {
    it('rule: a case-team member whose address passes for another is refused', () => {
      const add: AccountCommand = {
        type: 'AddCaseTeamMember',
        data: { email: 'jane\u200B@acme.test', name: 'Jane', notify: true },
        actor: engineer,
        at: AT,
      };
      expect(givenAccount(registered).when(add).thenFails()).toMatchObject({
        code: 'email-invisible-character',
        field: 'email',
      });
    });

    it('rule: a CSM whose address mixes scripts is refused', () => {
      const assignCsm: AccountCommand = {
        type: 'AssignCustomerSuccessManager',
        data: { email: 'cаrla@vendor.example' },
        actor: admin,
        at: AT,
      };
      expect(givenAccount(registered).when(assignCsm).thenFails()).toMatchObject({
        code: 'email-mixed-scripts',
        field: 'email',
      });
    });
  });

  describe('given such an address stored before the rule refused it', () => {
    const lookAlike = 'sup\u200Bport@zeta.test';

    it('rule: the licensed user can still be removed', () => {
      givenLicence(licenceIssued(), userInvited(lookAlike, AT))
        .when({ type: 'RemoveLicensedUser', data: { email: lookAlike }, actor: holder, at: AT })
        // Never registered: the removal withdraws the invitation (and is mailed as such).
        .then([
          {
            type: 'LicensedUserRemoved',
            data: { ...LICENCE_IDS, email: lookAlike, at: AT, invitationWithdrawn: true },
          },
        ]);
    });

    it('rule: the case-team member can still be removed', () => {
      const added: AccountEvent = {
        type: 'CaseTeamMemberAdded',
        data: { accountId: 'acc-acme', email: lookAlike, name: 'Support', notify: true, at: AT },
      };
      const state = fold(accountDecider, [registered, added]);
      const remove: AccountCommand = {
        type: 'RemoveCaseTeamMember',
        data: { email: lookAlike },
        actor: engineer,
        at: AT,
      };
      expect(accountDecider.decide(remove, state, {})).toEqual([
        { type: 'CaseTeamMemberRemoved', data: { accountId: 'acc-acme', email: lookAlike, at: AT } },
      ]);
    });

    it('rule: the share can still be withdrawn', () => {
      const share = commands.share();
      const shared: CaseEvent = {
        type: 'CaseShared',
        data: { caseId: share.caseId, at: share.at, by: 'eng@vendor.example', email: lookAlike, name: 'S' },
      };
      const unshare: UnshareCase = {
        type: 'UnshareCase',
        caseId: share.caseId,
        actor: share.actor,
        at: share.at,
        email: lookAlike,
      };
      expect(
        givenCase([...openedHistory(), shared], context())
          .when(unshare)
          .events(),
      ).toEqual([{ type: 'CaseUnshared', data: expect.objectContaining({ email: lookAlike }) }]);
    });
  });

  describe('given an open case', () => {
    it('rule: sharing with an address that passes for another is refused', () => {
      givenCase(openedHistory(), context())
        .when(commands.share({ email: 'dora\u2060@acme.example' }))
        .thenFails({ code: 'email-invisible-character', kind: 'validation', field: 'email' });
      givenCase(openedHistory(), context())
        .when(commands.share({ email: 'ｄｏｒａ@acme.example' }))
        .thenFails({ code: 'email-character-variant', kind: 'validation', field: 'email' });
      givenCase(openedHistory(), context())
        .when(commands.share({ email: 'ᴅora@acme.example' }))
        .thenFails({ code: 'email-character-variant', kind: 'validation', field: 'email' });
    });
  });
});
