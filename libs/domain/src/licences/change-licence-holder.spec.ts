import { ActorIdentity } from '../accounts/actor-identity';
import { fold } from '../shared/decider';
import { DEFAULT_GROUP_MAILBOX_PATTERNS } from './group-mailbox';
import { ChangeLicenceHolder, LicenceDecisionContext } from './licence.commands';
import { licenceDecider } from './licence.decider';
import { LicenceEvent } from './licence.events';
import { IssuedLicence } from './licence.state';
import { findLicensedUser, mayManageLicensedUsers } from './licensed-user-access';
import { LICENCE_IDS, licenceIssued, userInvited, userRegistered } from './testing/licence-events';
import { givenLicenceWith } from './testing/given-licence';

/**
 * ChangeLicenceHolder, Given / When / Then over the pure decider. The licence of the builders is
 * held by holder@acme.example; ann@ is an active user of it, pete@ a pending invitee.
 */
const ISSUED_AT = '2026-03-01T00:00:00.000Z';
const NOW = '2026-06-01T09:00:00.000Z';
const context: LicenceDecisionContext = { groupMailboxPatterns: DEFAULT_GROUP_MAILBOX_PATTERNS };

const admin: ActorIdentity = { email: 'ops@vendor.example', roles: ['admin'] };
const holder: ActorIdentity = { email: 'holder@acme.example', roles: [] };
const person = (email: string): ActorIdentity => ({ email, roles: [] });

const history: LicenceEvent[] = [
  licenceIssued(),
  userInvited('ann@acme.example', ISSUED_AT, {
    manageUsers: false,
    shareTickets: true,
    seeSharedTickets: false,
  }),
  userRegistered('ann@acme.example', ISSUED_AT),
  userInvited('pete@acme.example', ISSUED_AT),
];

const handOver = (actor: ActorIdentity, email: string, reason?: string): ChangeLicenceHolder => ({
  type: 'ChangeLicenceHolder',
  data: { email, ...(reason === undefined ? {} : { reason }) },
  actor,
  at: NOW,
});

const changed = (holderEmail: string, previousHolderEmail: string, reason?: string): LicenceEvent => ({
  type: 'LicenceHolderChanged',
  data: {
    ...LICENCE_IDS,
    holderEmail,
    previousHolderEmail,
    ...(reason === undefined ? {} : { reason }),
    at: NOW,
  },
});

const given = givenLicenceWith(context);

describe('ChangeLicenceHolder', () => {
  describe('who may hand the licence over', () => {
    it('an admin, to any individual address (as at issuance)', () => {
      given(...history)
        .when(handOver(admin, ' New.Owner@Acme.example ', 'The owner left'))
        .then([changed('new.owner@acme.example', 'holder@acme.example', 'The owner left')]);
    });

    it('the holder, to an active user of the licence', () => {
      given(...history)
        .when(handOver(holder, 'ann@acme.example'))
        .then([changed('ann@acme.example', 'holder@acme.example')]);
    });

    it('not a user of the licence who is not its holder, even with manage-users', () => {
      given(
        ...history,
        userInvited('mia@acme.example', ISSUED_AT, {
          manageUsers: true,
          shareTickets: false,
          seeSharedTickets: false,
        }),
        userRegistered('mia@acme.example', ISSUED_AT),
      )
        .when(handOver(person('mia@acme.example'), 'mia@acme.example'))
        .thenFails({ code: 'licence-holder-change-not-allowed', kind: 'forbidden' });
    });

    it('not a stranger, who is answered as for an unknown licence', () => {
      given(...history)
        .when(handOver(person('zed@other.example'), 'zed@other.example'))
        .thenFails({ code: 'licence-not-found', kind: 'not-found' });
    });

    it('not the previous holder, once it has passed', () => {
      given(...history, changed('ann@acme.example', 'holder@acme.example'))
        .when(handOver(holder, 'holder@acme.example'))
        .thenFails({ code: 'licence-not-found' });
    });
  });

  describe('to whom', () => {
    it('a holder may not hand over to a pending invitee, nor to someone not on the licence', () => {
      for (const email of ['pete@acme.example', 'someone@acme.example'])
        given(...history)
          .when(handOver(holder, email))
          .thenFails({ code: 'new-holder-not-a-licensed-user', kind: 'validation', field: 'email' });
    });

    it('never a group mailbox or a look-alike address', () => {
      given(...history)
        .when(handOver(admin, 'support@acme.example'))
        .thenFails({ code: 'group-mailbox-not-allowed', field: 'email' });
      given(...history)
        .when(handOver(admin, 'ѕupport@acme.example'))
        .thenFails({ field: 'email', kind: 'validation' });
    });

    it('never an address the records know as vendor staff (the rule of issuance)', () => {
      const state = fold(licenceDecider, history);
      expect(() =>
        licenceDecider.decide(handOver(admin, 'eve@vendor.example'), state, {
          ...context,
          holderKnownStaff: true,
        }),
      ).toThrow(expect.objectContaining({ code: 'licence-holder-is-staff', field: 'email' }));
    });

    it('never a sub-address of a user of the licence, as inviting one is refused; their own address, or the holder’s own sub-address, is', () => {
      for (const actor of [admin, holder])
        given(...history)
          .when(handOver(actor, 'Ann+Second@acme.example'))
          .thenFails({ code: 'licensed-user-sub-address', kind: 'validation', field: 'email' });
      given(...history)
        .when(handOver(admin, 'ann@acme.example'))
        .then([changed('ann@acme.example', 'holder@acme.example')]);
      given(...history)
        .when(handOver(admin, 'holder+licences@acme.example'))
        .then([changed('holder+licences@acme.example', 'holder@acme.example')]);
    });

    it('the current holder again records nothing', () => {
      given(...history)
        .when(handOver(admin, 'HOLDER@acme.example'))
        .then([]);
    });
  });

  describe('once handed over', () => {
    const after = fold(licenceDecider, [
      ...history,
      changed('ann@acme.example', 'holder@acme.example'),
    ]) as IssuedLicence;

    it('the new holder manages users, the previous one no longer does', () => {
      expect(after.holderEmail).toBe('ann@acme.example');
      expect(mayManageLicensedUsers(after, person('ann@acme.example'), NOW)).toBe(true);
      expect(mayManageLicensedUsers(after, holder, NOW)).toBe(false);
    });

    it("the new holder's own user entry is kept as it was", () => {
      expect(findLicensedUser(after, 'ann@acme.example')).toMatchObject({
        status: 'active',
        permissions: { manageUsers: false, shareTickets: true, seeSharedTickets: false },
      });
    });

    it('a previous holder who is a user stays one, without the holder powers', () => {
      const state = fold(licenceDecider, [
        ...history,
        userInvited('holder@acme.example', ISSUED_AT),
        userRegistered('holder@acme.example', ISSUED_AT),
        changed('ann@acme.example', 'holder@acme.example'),
      ]) as IssuedLicence;
      expect(findLicensedUser(state, 'holder@acme.example')?.status).toBe('active');
      expect(mayManageLicensedUsers(state, holder, NOW)).toBe(false);
    });
  });
});
