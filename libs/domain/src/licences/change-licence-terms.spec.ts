import { ActorIdentity } from '../accounts/actor-identity';
import { DEFAULT_SUPPORT_POLICY } from '../policy/default-support-policy';
import { planAllowsChannel } from '../policy/policy-lookups';
import { fold } from '../shared/decider';
import { DEFAULT_GROUP_MAILBOX_PATTERNS } from './group-mailbox';
import { ChangeLicenceTerms, LicenceCommand, LicenceDecisionContext } from './licence.commands';
import { licenceDecider } from './licence.decider';
import { LicenceEvent } from './licence.events';
import { IssuedLicence } from './licence.state';
import { isLicenceActive } from './licence-expiry';
import { mayLogCases } from './licensed-user-access';
import { isMissionCriticalAccount } from './mission-critical';
import {
  licenceIssued,
  termsChanged,
  userInvited,
  userRegistered,
  userRemoved,
} from './testing/licence-events';
import { givenLicenceWith } from './testing/given-licence';

/**
 * ChangeLicenceTerms: renewals, seat changes, plan and edition changes, Given / When / Then over the
 * pure decider. The licence of the builders: standard, unlimited seats, active until 2026-12-31
 * (expiring at 2027-01-01T12:00Z), issued 2026-03-01.
 */
const ISSUED_AT = '2026-03-01T00:00:00.000Z';
const NOW = '2026-06-01T09:00:00.000Z';
const AFTER_EXPIRY = '2027-02-01T09:00:00.000Z';
const policy: LicenceDecisionContext = { groupMailboxPatterns: DEFAULT_GROUP_MAILBOX_PATTERNS };

const admin: ActorIdentity = { email: 'ops@vendor.example', roles: ['admin'] };
const person = (email: string): ActorIdentity => ({ email, roles: [] });

const issued = (overrides: Parameters<typeof licenceIssued>[0] = {}) => licenceIssued(overrides);
const invited = (email: string) => userInvited(email, ISSUED_AT);
const registered = (email: string) => userRegistered(email, ISSUED_AT);
const removed = (email: string) => userRemoved(email, ISSUED_AT);

const given = givenLicenceWith(policy);

const change = (
  data: Partial<Record<keyof ChangeLicenceTerms['data'], unknown>>,
  { actor = admin, at = NOW }: { actor?: ActorIdentity; at?: string } = {},
): LicenceCommand => ({ type: 'ChangeLicenceTerms', data, actor, at }) as LicenceCommand;

/** The licence after `history` and the events `command` decides on it. */
function licenceAfter(history: LicenceEvent[], ...commands: LicenceCommand[]): IssuedLicence {
  let events = history;
  for (const command of commands) {
    events = [...events, ...licenceDecider.decide(command, fold(licenceDecider, events), policy)];
  }
  const state = fold(licenceDecider, events);
  if (state.status !== 'issued') throw new Error('expected an issued licence');
  return state;
}

describe('changing the terms of a licence', () => {
  describe('given no licence', () => {
    it('rule: the terms of a licence that was never issued are not found', () => {
      given()
        .when(change({ seats: 5 }))
        .thenFails({ code: 'licence-not-found', kind: 'not-found' });
    });
  });

  describe('given an issued licence', () => {
    it('renews it: the new activeUntil and the expiry it gives, with the previous ones', () => {
      given(issued())
        .when(change({ activeUntil: '2027-12-31' }))
        .then([
          termsChanged(
            { activeUntil: '2027-12-31', expiresAt: '2028-01-01T12:00:00.000Z' },
            { activeUntil: '2026-12-31', expiresAt: '2027-01-01T12:00:00.000Z' },
            NOW,
          ),
        ]);
    });

    it('changes several terms at once, recording each old and new value, and the reason given', () => {
      given(issued())
        .when(
          change({
            seats: 25,
            plan: 'mission-critical',
            edition: ' Enterprise License ',
            reason: '  Order 4711: upgrade  ',
          }),
        )
        .then([
          termsChanged(
            { seats: 25, plan: 'mission-critical', edition: 'Enterprise License' },
            { seats: 'unlimited', plan: 'standard', edition: 'Online Marketing License' },
            NOW,
            'Order 4711: upgrade',
          ),
        ]);
    });

    it.each([
      ['an engineer', { email: 'eng@vendor.example', roles: ['engineer'] }],
      ['a CSM', { email: 'csm@vendor.example', roles: ['csm'] }],
      ['an auditor', { email: 'audit@vendor.example', roles: ['auditor'] }],
      ['the licence holder', person('holder@acme.example')],
      ['a licensed user', person('ann@acme.example')],
    ])('rule: only an admin changes the terms (refused for %s)', (_who, actor) => {
      given(issued(), invited('ann@acme.example'), registered('ann@acme.example'))
        .when(change({ seats: 10 }, { actor }))
        .thenFails({ code: 'licence-terms-change-requires-admin', kind: 'forbidden' });
    });

    it.each([
      ['no term at all', {}],
      ['a reason alone', { reason: 'Renewal' }],
      ['terms left out (undefined)', { seats: undefined, plan: undefined }],
    ])('rule: a change names at least one term (refused: %s)', (_what, data) => {
      given(issued()).when(change(data)).thenFails({ code: 'licence-terms-required', kind: 'validation' });
    });

    it.each(['gold', 'Enterprise', null, 3])(
      'rule: the plan is standard, enterprise or mission-critical, as at issuance (%j refused)',
      (plan) => {
        given(issued())
          .when(change({ plan }))
          .thenFails({ code: 'invalid-support-plan', kind: 'validation', field: 'plan' });
      },
    );

    it.each([0, -3, 2.5, '10', 'lots', null, 1_000_001, Number.POSITIVE_INFINITY])(
      'rule: seats are a whole number from 1 to 1,000,000 or "unlimited", as at issuance (%j refused)',
      (seats) => {
        given(issued())
          .when(change({ seats }))
          .thenFails({ code: 'invalid-seats', kind: 'validation', field: 'seats' });
      },
    );

    it.each(['2026-02-30', '2027-12-31T18:00:00', 'next year', '31/12/2027', 20271231, null])(
      'rule: activeUntil is a date or an instant with an offset, as at issuance (%j refused)',
      (activeUntil) => {
        given(issued())
          .when(change({ activeUntil }))
          .thenFails({ code: 'invalid-active-until', kind: 'validation', field: 'activeUntil' });
      },
    );

    it.each([
      ['blank', '  ', 'field-required'],
      ['not text', 7, 'field-required'],
      ['null', null, 'field-required'],
      ['longer than 200 characters', 'E'.repeat(201), 'text-too-long'],
    ])(
      'rule: an edition is text of 1 to 200 characters, as at issuance (%s refused)',
      (_what, edition, code) => {
        given(issued()).when(change({ edition })).thenFails({ code, kind: 'validation', field: 'edition' });
      },
    );

    it('rule: a new edition is one line, as at issuance; the reason may have lines', () => {
      given(issued())
        .when(change({ edition: 'Enterprise\r\nLicense' }))
        .thenFails({ code: 'line-break', kind: 'validation', field: 'edition' });
      given(issued())
        .when(change({ seats: 5, reason: 'Order 4711\r\nSigned by Jane' }))
        .then([termsChanged({ seats: 5 }, { seats: 'unlimited' }, NOW, 'Order 4711\r\nSigned by Jane')]);
    });

    it.each([
      ['blank', ' '],
      ['not text', 42],
      ['null', null],
      ['longer than 2,000 characters', 'r'.repeat(2_001)],
    ])('rule: a reason, when given, is text of 1 to 2,000 characters (%s refused)', (_what, reason) => {
      given(issued())
        .when(change({ seats: 5, reason }))
        .thenFails({ code: 'text-length-out-of-range', kind: 'validation', field: 'reason' });
    });

    it('rule: a bad value is refused even beside a good one, and nothing is recorded', () => {
      given(issued())
        .when(change({ activeUntil: '2027-12-31', seats: 0 }))
        .thenFails({ code: 'invalid-seats', field: 'seats' });
    });

    it('rule: terms named at the values they have change nothing, and record nothing', () => {
      given(issued({ seats: 10, plan: 'enterprise' }))
        .when(
          change({
            activeUntil: '2026-12-31',
            seats: 10,
            plan: 'enterprise',
            edition: 'Online Marketing License',
          }),
        )
        .then([]);
    });

    it('rule: the same expiry written another way is no renewal', () => {
      given(issued())
        .when(change({ activeUntil: '2027-01-01T12:00:00Z' }))
        .then([]);
    });

    it('rule: of the terms named, only those that differ are recorded', () => {
      given(issued({ plan: 'enterprise' }))
        .when(change({ plan: 'enterprise', seats: 50 }))
        .then([termsChanged({ seats: 50 }, { seats: 'unlimited' }, NOW)]);
    });

    it('rule: a change after a change starts from the terms the first one left', () => {
      given(issued(), termsChanged({ seats: 20 }, { seats: 'unlimited' }, NOW))
        .when(change({ seats: 30 }))
        .then([termsChanged({ seats: 30 }, { seats: 20 }, NOW)]);
    });
  });

  describe('given users holding seats (one active, two pending)', () => {
    const holding = [
      issued({ seats: 5 }),
      invited('ann@acme.example'),
      registered('ann@acme.example'),
      invited('pete@acme.example'),
      invited('paula@acme.example'),
    ];

    it('rule: seats cannot drop below the users holding them; pending invitations hold seats too', () => {
      given(...holding)
        .when(change({ seats: 2 }))
        .thenFails({
          code: 'seats-below-holders',
          kind: 'conflict',
          field: 'seats',
          message: expect.stringContaining('3 users hold seats') as unknown as string,
        });
    });

    it('rule: seats may drop to exactly the users holding them', () => {
      given(...holding)
        .when(change({ seats: 3 }))
        .then([termsChanged({ seats: 3 }, { seats: 5 }, NOW)]);
    });

    it('rule: a removed user (or a withdrawn invitation) holds no seat', () => {
      given(...holding, removed('paula@acme.example'))
        .when(change({ seats: 2 }))
        .then([termsChanged({ seats: 2 }, { seats: 5 }, NOW)]);
    });

    it('rule: from unlimited to a number, the same floor applies', () => {
      const unlimited = [issued(), ...holding.slice(1)];
      given(...unlimited)
        .when(change({ seats: 2 }))
        .thenFails({ code: 'seats-below-holders', kind: 'conflict' });
      given(...unlimited)
        .when(change({ seats: 3 }))
        .then([termsChanged({ seats: 3 }, { seats: 'unlimited' }, NOW)]);
    });

    it('rule: to unlimited is always allowed', () => {
      given(...holding)
        .when(change({ seats: 'unlimited' }))
        .then([termsChanged({ seats: 'unlimited' }, { seats: 5 }, NOW)]);
    });

    it('rule: the new seats are what assignments count against, down and up', () => {
      const assignJane = (): LicenceCommand => ({
        type: 'AssignLicensedUser',
        data: {
          email: 'jane@acme.example',
          firstName: 'Jane',
          lastName: 'Doe',
          company: 'Acme',
          country: 'BG',
          permissions: { manageUsers: false, shareTickets: false, seeSharedTickets: false },
        },
        actor: admin,
        at: NOW,
      });
      const full = licenceAfter(holding, change({ seats: 3 }));
      expect(() => licenceDecider.decide(assignJane(), full, policy)).toThrow(
        expect.objectContaining({ code: 'seat-limit-reached' }),
      );
      const grown = licenceAfter(holding, change({ seats: 3 }), change({ seats: 4 }));
      expect(licenceDecider.decide(assignJane(), grown, policy).map((event) => event.type)).toEqual([
        'LicensedUserAssigned',
      ]);
    });
  });

  describe('given an expired licence with an active user', () => {
    const expired = [issued(), invited('ann@acme.example'), registered('ann@acme.example')];

    it('renews it: moving activeUntil to the future is recorded like any renewal', () => {
      given(...expired)
        .when(change({ activeUntil: '2027-12-31' }, { at: AFTER_EXPIRY }))
        .then([
          termsChanged(
            { activeUntil: '2027-12-31', expiresAt: '2028-01-01T12:00:00.000Z' },
            { activeUntil: '2026-12-31', expiresAt: '2027-01-01T12:00:00.000Z' },
            AFTER_EXPIRY,
          ),
        ]);
    });

    it("rule: a renewal restores its users' right to log cases", () => {
      const before = licenceAfter(expired);
      expect(mayLogCases(before, 'ann@acme.example', AFTER_EXPIRY)).toBe(false);
      const renewed = licenceAfter(expired, change({ activeUntil: '2027-12-31' }, { at: AFTER_EXPIRY }));
      expect(isLicenceActive(renewed, AFTER_EXPIRY)).toBe(true);
      expect(mayLogCases(renewed, 'ann@acme.example', AFTER_EXPIRY)).toBe(true);
    });

    it('rule: users may be assigned to it again once renewed', () => {
      const assign: LicenceCommand = {
        type: 'AssignLicensedUser',
        data: {
          email: 'jane@acme.example',
          firstName: 'Jane',
          lastName: 'Doe',
          company: 'Acme',
          country: 'BG',
          permissions: { manageUsers: false, shareTickets: false, seeSharedTickets: false },
        },
        actor: admin,
        at: AFTER_EXPIRY,
      };
      given(...expired)
        .when(assign)
        .thenFails({ code: 'licence-expired' });
      const renewed = licenceAfter(expired, change({ activeUntil: '2027-12-31' }, { at: AFTER_EXPIRY }));
      expect(licenceDecider.decide(assign, renewed, policy).map((event) => event.type)).toEqual([
        'LicensedUserAssigned',
      ]);
    });
  });

  describe('given an active licence an admin ends early', () => {
    const active = [issued(), invited('ann@acme.example'), registered('ann@acme.example')];

    it('rule: an admin may move activeUntil into the past, which ends the licence at once', () => {
      given(...active)
        .when(change({ activeUntil: '2026-05-30', reason: 'Contract terminated' }))
        .then([
          termsChanged(
            { activeUntil: '2026-05-30', expiresAt: '2026-05-31T12:00:00.000Z' },
            { activeUntil: '2026-12-31', expiresAt: '2027-01-01T12:00:00.000Z' },
            NOW,
            'Contract terminated',
          ),
        ]);
      const ended = licenceAfter(active, change({ activeUntil: '2026-05-01T00:00:00Z' }));
      expect(isLicenceActive(ended, NOW)).toBe(false);
      expect(mayLogCases(ended, 'ann@acme.example', NOW)).toBe(false);
    });

    it('rule: an ended licence keeps its users, so a renewal restores them', () => {
      const ended = licenceAfter(active, change({ activeUntil: '2026-05-01T00:00:00Z' }));
      expect([...ended.users.keys()]).toEqual(['ann@acme.example']);
      const renewed = licenceAfter(
        active,
        change({ activeUntil: '2026-05-01T00:00:00Z' }),
        change({ activeUntil: '2027-06-30' }),
      );
      expect(mayLogCases(renewed, 'ann@acme.example', NOW)).toBe(true);
    });
  });

  describe('the plan in force', () => {
    it('rule: phone support follows the plan: an upgrade from standard brings it, a downgrade takes it away', () => {
      const standard = licenceAfter([issued()]);
      expect(planAllowsChannel(DEFAULT_SUPPORT_POLICY, standard.plan, 'phone')).toBe(false);
      const upgraded = licenceAfter([issued()], change({ plan: 'enterprise' }));
      expect(planAllowsChannel(DEFAULT_SUPPORT_POLICY, upgraded.plan, 'phone')).toBe(true);
      const downgraded = licenceAfter(
        [issued()],
        change({ plan: 'enterprise' }),
        change({ plan: 'standard' }),
      );
      expect(planAllowsChannel(DEFAULT_SUPPORT_POLICY, downgraded.plan, 'phone')).toBe(false);
    });

    it('rule: Mission Critical cover follows the plan, and ends when the licence is ended early', () => {
      const enterprise = [issued({ plan: 'enterprise' })];
      expect(isMissionCriticalAccount([licenceAfter(enterprise)], NOW)).toBe(false);
      const upgraded = licenceAfter(enterprise, change({ plan: 'mission-critical' }));
      expect(isMissionCriticalAccount([upgraded], NOW)).toBe(true);
      const downgraded = licenceAfter(
        enterprise,
        change({ plan: 'mission-critical' }),
        change({ plan: 'enterprise' }),
      );
      expect(isMissionCriticalAccount([downgraded], NOW)).toBe(false);
      const ended = licenceAfter(
        enterprise,
        change({ plan: 'mission-critical' }),
        change({ activeUntil: '2026-05-30' }),
      );
      expect(isMissionCriticalAccount([ended], NOW)).toBe(false);
    });
  });

  describe('evolve', () => {
    it('applies the new terms and leaves everything else, users included, as it was', () => {
      const before = licenceAfter([issued({ seats: 5 }), invited('ann@acme.example')]);
      const after = licenceDecider.evolve(
        before,
        termsChanged(
          { seats: 8, plan: 'enterprise', activeUntil: '2027-12-31', expiresAt: '2028-01-01T12:00:00.000Z' },
          { seats: 5, plan: 'standard', activeUntil: '2026-12-31', expiresAt: '2027-01-01T12:00:00.000Z' },
          NOW,
        ),
      );
      expect(after).toEqual({
        ...before,
        seats: 8,
        plan: 'enterprise',
        activeUntil: '2027-12-31',
        expiresAt: '2028-01-01T12:00:00.000Z',
      });
      expect(after.status === 'issued' && after.users).toBe(before.users);
    });
  });
});
