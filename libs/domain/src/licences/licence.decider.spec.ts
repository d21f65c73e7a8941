import { ActorIdentity } from '../accounts/actor-identity';
import { fold } from '../shared/decider';
import { DEFAULT_GROUP_MAILBOX_PATTERNS } from './group-mailbox';
import { IssueLicence, LicenceCommand, LicenceDecisionContext } from './licence.commands';
import { licenceDecider } from './licence.decider';
import { LicenceEvent } from './licence.events';
import { LicensedUserPermissions } from './licensed-user-permissions';
import { givenLicenceWith } from './testing/given-licence';

const LICENCE = 'lic-1';
const ACCOUNT = 'acc-acme';
const ISSUED_AT = '2026-03-02T09:00:00.000Z';
const NOW = '2026-03-05T10:00:00.000Z';
const AFTER_EXPIRY = '2027-01-01T12:00:00.000Z';
const ids = { licenceId: LICENCE, accountId: ACCOUNT };
const policy: LicenceDecisionContext = { groupMailboxPatterns: DEFAULT_GROUP_MAILBOX_PATTERNS };

const admin: ActorIdentity = { email: 'ops@vendor.example', roles: ['admin'] };
const engineer: ActorIdentity = { email: 'eng@vendor.example', roles: ['engineer'] };
const person = (email: string): ActorIdentity => ({ email, roles: [] });
const holder = person('holder@acme.example');

const basic: LicensedUserPermissions = { manageUsers: false, shareTickets: false, seeSharedTickets: false };
const manager: LicensedUserPermissions = { manageUsers: true, shareTickets: false, seeSharedTickets: false };

const given = givenLicenceWith(policy);

const issued = (seats: number | 'unlimited' = 5): LicenceEvent => ({
  type: 'LicenceIssued',
  data: {
    ...ids,
    product: 'Sitefinity CMS',
    edition: 'Online Marketing License',
    plan: 'enterprise',
    activeUntil: '2026-12-31',
    expiresAt: '2027-01-01T12:00:00.000Z',
    seats,
    holderEmail: 'holder@acme.example',
    at: ISSUED_AT,
  },
});
const invited = (email: string, permissions = basic): LicenceEvent => ({
  type: 'LicensedUserAssigned',
  data: {
    ...ids,
    email,
    firstName: 'First',
    lastName: 'Last',
    company: 'Acme',
    country: 'BG',
    permissions,
    at: ISSUED_AT,
  },
});
const registered = (email: string): LicenceEvent => ({
  type: 'LicensedUserRegistrationCompleted',
  data: { ...ids, email, at: ISSUED_AT },
});
const removed = (email: string): LicenceEvent => ({
  type: 'LicensedUserRemoved',
  data: { ...ids, email, at: ISSUED_AT },
});

const issue = (
  data: Partial<Record<keyof IssueLicence['data'], unknown>> = {},
  actor = admin,
): LicenceCommand =>
  ({
    type: 'IssueLicence',
    data: {
      ...ids,
      product: 'Sitefinity CMS',
      edition: 'Online Marketing License',
      plan: 'mission-critical',
      activeUntil: '2026-12-31',
      seats: 10,
      holderEmail: 'Holder@Acme.example',
      ...data,
    },
    actor,
    at: ISSUED_AT,
  }) as LicenceCommand;
const assign = (
  email: string,
  actor: ActorIdentity = holder,
  overrides: Record<string, unknown> = {},
  at = NOW,
): LicenceCommand =>
  ({
    type: 'AssignLicensedUser',
    data: {
      email,
      firstName: 'Jane',
      lastName: 'Doe',
      company: 'Acme',
      country: 'Bulgaria',
      permissions: { manageUsers: false, shareTickets: true, seeSharedTickets: true },
      ...overrides,
    },
    actor,
    at,
  }) as LicenceCommand;
const complete = (email: string, actor: ActorIdentity = person(email), at = NOW): LicenceCommand => ({
  type: 'CompleteRegistration',
  data: { email },
  actor,
  at,
});
const changePermissions = (
  email: string,
  permissions: Partial<LicensedUserPermissions>,
  actor = holder,
): LicenceCommand => ({ type: 'ChangeUserPermissions', data: { email, permissions }, actor, at: NOW });
const remove = (email: string, actor = holder): LicenceCommand => ({
  type: 'RemoveLicensedUser',
  data: { email },
  actor,
  at: NOW,
});
const assignedEvent = (email: string): LicenceEvent => ({
  type: 'LicensedUserAssigned',
  data: {
    ...ids,
    email,
    firstName: 'Jane',
    lastName: 'Doe',
    company: 'Acme',
    country: 'Bulgaria',
    permissions: { manageUsers: false, shareTickets: true, seeSharedTickets: true },
    at: NOW,
  },
});

describe('licence decider', () => {
  describe('given no licence', () => {
    it('issues a licence; a date-only activeUntil covers that whole day anywhere on Earth', () => {
      given()
        .when(issue())
        .then([
          {
            type: 'LicenceIssued',
            data: {
              ...ids,
              product: 'Sitefinity CMS',
              edition: 'Online Marketing License',
              plan: 'mission-critical',
              activeUntil: '2026-12-31',
              expiresAt: '2027-01-01T12:00:00.000Z',
              seats: 10,
              holderEmail: 'holder@acme.example',
              at: ISSUED_AT,
            },
          },
        ]);
    });

    it('rule: an activeUntil instant with an offset expires at exactly that instant', () => {
      const [event] = licenceDecider.decide(
        issue({ activeUntil: '2026-12-31T18:00:00+02:00' }),
        fold(licenceDecider, []),
        policy,
      );
      expect(event.data).toMatchObject({
        activeUntil: '2026-12-31T18:00:00+02:00',
        expiresAt: '2026-12-31T16:00:00.000Z',
      });
    });

    it('rule: a licence issued without seats has unlimited seats', () => {
      const [event] = licenceDecider.decide(issue({ seats: undefined }), fold(licenceDecider, []), policy);
      expect(event.data).toMatchObject({ seats: 'unlimited' });
    });

    it.each([engineer, holder, { email: 'csm@vendor.example', roles: ['csm'] }])(
      'rule: only an admin issues licences (refused for $email)',
      (actor) => {
        given()
          .when(issue({}, actor))
          .thenFails({ code: 'licence-issuance-requires-admin', kind: 'forbidden' });
      },
    );

    it.each(['gold', 'Enterprise', undefined])(
      'rule: the plan is standard, enterprise or mission-critical (%j refused)',
      (plan) => {
        given()
          .when(issue({ plan }))
          .thenFails({ code: 'invalid-support-plan', kind: 'validation', field: 'plan' });
      },
    );

    it.each([0, -3, 2.5, '10', 'lots', Number.POSITIVE_INFINITY])(
      'rule: seats are a whole number of at least 1 or "unlimited" (%j refused)',
      (seats) => {
        given()
          .when(issue({ seats }))
          .thenFails({ code: 'invalid-seats', kind: 'validation', field: 'seats' });
      },
    );

    it.each(['2026-02-30', '2026-12-31T18:00:00', 'next year', '31/12/2026', 20261231])(
      'rule: activeUntil is a date or an instant with an offset (%j refused)',
      (activeUntil) => {
        given()
          .when(issue({ activeUntil }))
          .thenFails({ code: 'invalid-active-until', kind: 'validation', field: 'activeUntil' });
      },
    );

    it('rule: a licence cannot be issued already expired', () => {
      given()
        .when(issue({ activeUntil: '2026-03-01T00:00:00Z' }))
        .thenFails({ code: 'active-until-in-past', kind: 'validation', field: 'activeUntil' });
    });

    it("rule: the holder's email must be valid", () => {
      given()
        .when(issue({ holderEmail: 'holder' }))
        .thenFails({ code: 'invalid-email', kind: 'validation', field: 'holderEmail' });
    });

    it.each(['licenceId', 'accountId', 'product', 'edition'])('rule: a licence needs a %s', (field) => {
      given()
        .when(issue({ [field]: ' ' }))
        .thenFails({ code: 'field-required', kind: 'validation', field });
    });

    it.each([
      ['product', 'Sitefinity\r\nBcc: evil@evil.example'],
      ['edition', 'Online Marketing\nLicense'],
      ['product', 'Sitefinity\u2029CMS'],
    ])('rule: a licence %s is one line (%j refused)', (field, value) => {
      given()
        .when(issue({ [field]: value }))
        .thenFails({ code: 'line-break', kind: 'validation', field });
    });

    it.each([
      assign('jane.doe@acme.example', admin),
      complete('jane.doe@acme.example'),
      remove('jane.doe@acme.example', admin),
    ])('rule: users of a licence that was never issued are not found ($type)', (command) => {
      given().when(command).thenFails({ code: 'licence-not-found', kind: 'not-found' });
    });
  });

  describe('given an issued licence', () => {
    it('rule: a licence is issued only once', () => {
      given(issued()).when(issue()).thenFails({ code: 'licence-already-issued', kind: 'conflict' });
    });

    it('assigns a licensed user, who is pending until registration completes', () => {
      given(issued())
        .when(assign('Jane.Doe@Acme.example'))
        .then([assignedEvent('jane.doe@acme.example')]);
    });

    it.each([
      ['the licence holder', holder],
      ['an admin', admin],
    ])('rule: %s may assign licensed users', (_who, actor) => {
      given(issued())
        .when(assign('jane.doe@acme.example', actor))
        .then([assignedEvent('jane.doe@acme.example')]);
    });

    it('rule: an active licensed user with manage users may assign licensed users', () => {
      given(issued(), invited('mia.manager@acme.example', manager), registered('mia.manager@acme.example'))
        .when(assign('jane.doe@acme.example', person('mia.manager@acme.example')))
        .then([assignedEvent('jane.doe@acme.example')]);
    });

    it('rule: a pending user with manage users may not manage users until registered', () => {
      given(issued(), invited('mia.manager@acme.example', manager))
        .when(assign('jane.doe@acme.example', person('mia.manager@acme.example')))
        .thenFails({ code: 'licensed-user-management-not-allowed', kind: 'forbidden' });
    });

    it.each([
      ['an active user without manage users', person('ben.basic@acme.example')],
      ['a support engineer', engineer],
      ["an auditor's token for the holder's email", { email: 'holder@acme.example', roles: ['auditor'] }],
    ])('rule: %s may not assign licensed users', (_who, actor) => {
      given(issued(), invited('ben.basic@acme.example'), registered('ben.basic@acme.example'))
        .when(assign('jane.doe@acme.example', actor))
        .thenFails({ code: 'licensed-user-management-not-allowed', kind: 'forbidden' });
    });

    it('rule: a stranger to the licence is told it does not exist, as for an unissued id', () => {
      given(issued(), invited('ben.basic@acme.example'), registered('ben.basic@acme.example'))
        .when(assign('jane.doe@acme.example', person('stranger@elsewhere.example')))
        .thenFails({ code: 'licence-not-found', kind: 'not-found' });
    });

    it.each([
      'sitefinityteam@acme.example',
      'support@acme.example',
      'all-devs@acme.example',
      'sales@acme.example',
      'noreply@acme.example',
    ])('rule: a licensed user needs an individual email; group address %s is refused', (email) => {
      given(issued())
        .when(assign(email))
        .thenFails({ code: 'group-mailbox-not-allowed', kind: 'validation', field: 'email' });
    });

    it('rule: group-address detection follows the policy in the context, not a fixed list', () => {
      const lenient: LicenceDecisionContext = { groupMailboxPatterns: [] };
      const strict: LicenceDecisionContext = { groupMailboxPatterns: ['^contractors?$'] };
      given(issued())
        .when(assign('support@acme.example'), lenient)
        .then([assignedEvent('support@acme.example')]);
      given(issued())
        .when(assign('contractors@acme.example'), strict)
        .thenFails({ code: 'group-mailbox-not-allowed' });
    });

    it("rule: a licensed user's email must be valid", () => {
      given(issued())
        .when(assign('jane.doe@'))
        .thenFails({ code: 'invalid-email', kind: 'validation', field: 'email' });
    });

    it.each(['firstName', 'lastName', 'company', 'country'])('rule: a licensed user needs a %s', (field) => {
      given(issued())
        .when(assign('jane.doe@acme.example', holder, { [field]: '' }))
        .thenFails({ code: 'field-required', kind: 'validation', field });
    });

    it.each(['firstName', 'lastName', 'company', 'country'])(
      "rule: a licensed user's %s is one line (it greets them in the invitation email)",
      (field) => {
        for (const value of ['Jane\r\nBcc: evil@evil.example', 'Jane\nDoe', 'Jane\u0085Doe']) {
          given(issued())
            .when(assign('jane.doe@acme.example', holder, { [field]: value }))
            .thenFails({ code: 'line-break', kind: 'validation', field });
        }
      },
    );

    it('a licensed user recorded with a line break in a name before the rule still folds, and can be removed', () => {
      const old = invited('jane.doe@acme.example');
      const withBreak = {
        ...old,
        data: { ...old.data, firstName: 'Jane\r\nBcc: x@evil.example' },
      } as LicenceEvent;
      given(issued(), withBreak)
        .when(remove('jane.doe@acme.example'))
        .then([
          {
            type: 'LicensedUserRemoved',
            data: { ...ids, email: 'jane.doe@acme.example', invitationWithdrawn: true, at: NOW },
          },
        ]);
    });

    it('rule: each permission is a yes or no, never guessed', () => {
      given(issued())
        .when(
          assign('jane.doe@acme.example', holder, {
            permissions: { manageUsers: 'yes', shareTickets: false },
          }),
        )
        .thenFails({ code: 'flag-required', kind: 'validation', field: 'permissions.manageUsers' });
    });

    it('rule: nobody is assigned to an expired licence', () => {
      given(issued())
        .when(assign('jane.doe@acme.example', holder, {}, AFTER_EXPIRY))
        .thenFails({
          code: 'licence-expired',
          kind: 'forbidden',
          field: 'licenceId',
          // Its last day as set (not the instant it ended everywhere), as the case side says it.
          message:
            'The licence for Sitefinity CMS (Online Marketing License) expired (active until 2026-12-31, licence id lic-1); users can be assigned to it again once it is ' +
            'renewed (ask your account manager)',
        });
    });

    it('rule: unlimited seats admit any number of users', () => {
      const many = Array.from({ length: 40 }, (_, index) => invited(`user${index}@acme.example`));
      given(issued('unlimited'), ...many)
        .when(assign('jane.doe@acme.example'))
        .then([assignedEvent('jane.doe@acme.example')]);
    });
  });

  describe('given a licence with all seats taken', () => {
    const full = [
      issued(2),
      invited('ann@acme.example'),
      registered('ann@acme.example'),
      invited('pete.pending@acme.example'),
    ];

    it('rule: pending and active users together count against the seats', () => {
      given(...full)
        .when(assign('jane.doe@acme.example'))
        .thenFails({ code: 'seat-limit-reached', kind: 'conflict', field: 'email' });
    });

    it('rule: removing a user frees their seat', () => {
      given(...full, removed('pete.pending@acme.example'))
        .when(assign('jane.doe@acme.example'))
        .then([assignedEvent('jane.doe@acme.example')]);
    });

    it('rule: a duplicate is reported as such, even when the seats are also full', () => {
      given(...full)
        .when(assign('ANN@acme.example'))
        .thenFails({ code: 'licensed-user-already-assigned', kind: 'conflict', field: 'email' });
    });
  });

  describe('given a pending licensed user', () => {
    const pending = [issued(), invited('jane.doe@acme.example')];

    it('rule: a user is assigned to a licence only once, pending or not', () => {
      given(...pending)
        .when(assign('jane.doe@acme.example'))
        .thenFails({ code: 'licensed-user-already-assigned', kind: 'conflict' });
    });

    it.each([
      ['the user themselves', person('Jane.Doe@acme.example')],
      ['an admin', admin],
    ])('rule: %s completes the registration', (_who, actor) => {
      given(...pending)
        .when(complete('jane.doe@acme.example', actor))
        .then([
          {
            type: 'LicensedUserRegistrationCompleted',
            data: { ...ids, email: 'jane.doe@acme.example', at: NOW },
          },
        ]);
    });

    it.each([
      holder,
      engineer,
      // Auditors are read-only everywhere, even under the invited person's email.
      { email: 'jane.doe@acme.example', roles: ['auditor'] },
    ])('rule: nobody else completes the registration (refused for $email, $roles)', (actor) => {
      given(...pending)
        .when(complete('jane.doe@acme.example', actor))
        .thenFails({ code: 'registration-completion-not-allowed', kind: 'forbidden' });
    });

    it.each([
      ['the user themselves', person('jane.doe@acme.example')],
      ['an admin', admin],
    ])(
      'rule: %s cannot complete a registration on an expired licence (it would grant no access)',
      (_who, actor) => {
        given(...pending)
          .when(complete('jane.doe@acme.example', actor, AFTER_EXPIRY))
          .thenFails({ code: 'licence-expired', kind: 'forbidden', field: 'licenceId' });
      },
    );

    it('rule: registration of someone not assigned to the licence is not found', () => {
      given(...pending)
        .when(complete('stranger@acme.example', admin))
        .thenFails({ code: 'licensed-user-not-found', kind: 'not-found' });
    });

    it.each([person('stranger@acme.example'), person('other@acme.example')])(
      'rule: a stranger to the licence is told it does not exist, whoever they name ($email)',
      (actor) => {
        given(...pending)
          .when(complete(actor.email, actor))
          .thenFails({ code: 'licence-not-found', kind: 'not-found' });
        given(...pending)
          .when(complete('jane.doe@acme.example', actor))
          .thenFails({ code: 'licence-not-found', kind: 'not-found' });
      },
    );

    it('rule: a pending invitation may be withdrawn, recorded as such (the mail then speaks of no cases)', () => {
      given(...pending)
        .when(remove('jane.doe@acme.example'))
        .then([
          {
            type: 'LicensedUserRemoved',
            data: { ...ids, email: 'jane.doe@acme.example', invitationWithdrawn: true, at: NOW },
          },
        ]);
    });
  });

  describe('given an active licensed user', () => {
    const active = [issued(), invited('jane.doe@acme.example'), registered('jane.doe@acme.example')];

    it('rule: completing a registration twice changes nothing', () => {
      given(...active)
        .when(complete('jane.doe@acme.example'))
        .then([]);
    });

    it('rule: once the licence expired, following the link again does not say the user is registered', () => {
      given(...active)
        .when(complete('jane.doe@acme.example', person('jane.doe@acme.example'), AFTER_EXPIRY))
        .thenFails({ code: 'licence-expired', kind: 'forbidden' });
    });

    it('changes permissions, recording the previous ones', () => {
      given(...active)
        .when(changePermissions('jane.doe@acme.example', { shareTickets: true, seeSharedTickets: true }))
        .then([
          {
            type: 'LicensedUserPermissionsChanged',
            data: {
              ...ids,
              email: 'jane.doe@acme.example',
              permissions: { manageUsers: false, shareTickets: true, seeSharedTickets: true },
              previousPermissions: basic,
              at: NOW,
            },
          },
        ]);
    });

    it('rule: permissions left out of a change keep their value', () => {
      const [event] = licenceDecider.decide(
        changePermissions('jane.doe@acme.example', { manageUsers: true }),
        fold(licenceDecider, [
          issued(),
          invited('jane.doe@acme.example', { ...basic, seeSharedTickets: true }),
        ]),
        policy,
      );
      expect(event.data).toMatchObject({
        permissions: { manageUsers: true, shareTickets: false, seeSharedTickets: true },
      });
    });

    it('rule: setting the permissions a user already has changes nothing', () => {
      given(...active)
        .when(changePermissions('jane.doe@acme.example', { manageUsers: false }))
        .then([]);
    });

    it('rule: a changed permission must be a yes or no', () => {
      given(...active)
        .when(changePermissions('jane.doe@acme.example', { shareTickets: 'on' as unknown as boolean }))
        .thenFails({ code: 'flag-required', field: 'permissions.shareTickets' });
    });

    it('rule: permissions of someone not on the licence are not found', () => {
      given(...active)
        .when(changePermissions('stranger@acme.example', { manageUsers: true }))
        .thenFails({ code: 'licensed-user-not-found', kind: 'not-found' });
    });

    it('rule: a user may not raise their own permissions without manage users', () => {
      given(...active)
        .when(
          changePermissions('jane.doe@acme.example', { manageUsers: true }, person('jane.doe@acme.example')),
        )
        .thenFails({ code: 'licensed-user-management-not-allowed', kind: 'forbidden' });
    });

    it('removes a licensed user', () => {
      given(...active)
        .when(remove('jane.doe@acme.example', admin))
        .then([{ type: 'LicensedUserRemoved', data: { ...ids, email: 'jane.doe@acme.example', at: NOW } }]);
    });

    it('rule: removing someone not on the licence is not found', () => {
      given(...active)
        .when(remove('stranger@acme.example'))
        .thenFails({ code: 'licensed-user-not-found', kind: 'not-found' });
    });

    it("rule: a user with manage users no longer manages an expired licence's users, and is told the licence expired; its holder still does", () => {
      const withManager = [...active, invited('mia@acme.example', manager), registered('mia@acme.example')];
      const mia = person('mia@acme.example');
      const afterExpiry = <C extends LicenceCommand>(command: C): C => ({ ...command, at: AFTER_EXPIRY });
      // Their permission lapsed with the licence: the refusal says so, and who can still act.
      const lapsed = {
        code: 'licence-expired',
        kind: 'forbidden',
        field: 'licenceId',
        message:
          'The licence for Sitefinity CMS (Online Marketing License) expired (active until 2026-12-31, licence id lic-1); your manage-users permission applies again once ' +
          "it is renewed (ask the licence's holder (holder@acme.example) or your account manager). Until then, its " +
          'holder (holder@acme.example) or an admin can change ' +
          'or remove its users',
      } as const;
      given(...withManager)
        .when(afterExpiry(changePermissions('jane.doe@acme.example', { manageUsers: true }, mia)))
        .thenFails(lapsed);
      // Refused before the roster is looked at: whether someone is on it is not theirs to learn.
      given(...withManager)
        .when(afterExpiry(remove('nobody@acme.example', mia)))
        .thenFails(lapsed);
      // An invitation is nobody's until renewal: the holder is not sent to, who cannot either.
      given(...withManager)
        .when(afterExpiry(assign('new@acme.example', mia)))
        .thenFails({
          ...lapsed,
          message: expect.stringMatching(
            /Until then nobody can invite users to it or send an invitation again, its holder \(holder@acme\.example\) and admins neither$/,
          ),
        });
      // Without the permission, or through an auditor's token, the answer stays who may manage users,
      // naming the holder to ask.
      given(...withManager)
        .when(afterExpiry(remove('mia@acme.example', person('jane.doe@acme.example'))))
        .thenFails({
          code: 'licensed-user-management-not-allowed',
          kind: 'forbidden',
          message: expect.stringMatching(
            /; ask its holder \(holder@acme\.example\) or a colleague who manages its users$/,
          ),
        });
      given(...withManager)
        .when(afterExpiry(remove('jane.doe@acme.example', { email: 'mia@acme.example', roles: ['auditor'] })))
        .thenFails({ code: 'licensed-user-management-not-allowed', kind: 'forbidden' });
      given(...withManager)
        .when(afterExpiry(remove('jane.doe@acme.example')))
        .then([
          { type: 'LicensedUserRemoved', data: { ...ids, email: 'jane.doe@acme.example', at: AFTER_EXPIRY } },
        ]);
    });

    it('rule: only those who manage users remove them', () => {
      given(...active)
        .when(remove('jane.doe@acme.example', engineer))
        .thenFails({ code: 'licensed-user-management-not-allowed', kind: 'forbidden' });
    });

    it('rule: users may be removed and changed after the licence expired (clean-up stays possible)', () => {
      const later = (command: LicenceCommand): LicenceCommand => ({ ...command, at: AFTER_EXPIRY });
      const state = fold(licenceDecider, active);
      const changed = licenceDecider.decide(
        later(changePermissions('jane.doe@acme.example', { shareTickets: true })),
        state,
        policy,
      );
      const removal = licenceDecider.decide(later(remove('jane.doe@acme.example')), state, policy);
      expect([...changed, ...removal].map((event) => event.type)).toEqual([
        'LicensedUserPermissionsChanged',
        'LicensedUserRemoved',
      ]);
    });
  });

  describe('given a removed licensed user', () => {
    it('rule: a previously removed user may be re-invited, and is pending again', () => {
      const history = [
        issued(),
        invited('jane.doe@acme.example'),
        registered('jane.doe@acme.example'),
        removed('jane.doe@acme.example'),
      ];
      given(...history)
        .when(assign('jane.doe@acme.example'))
        .then([assignedEvent('jane.doe@acme.example')]);
      const state = fold(licenceDecider, [...history, assignedEvent('jane.doe@acme.example')]);
      expect(state.status === 'issued' && [...state.users.values()]).toEqual([
        expect.objectContaining({ status: 'pending', invitedAt: NOW }),
      ]);
    });
  });

  describe("given the holder's own user record", () => {
    const holderIsUser = [issued(), invited('holder@acme.example'), registered('holder@acme.example')];

    it('rule: the holder may remove their own user record, and still manages users afterwards', () => {
      given(...holderIsUser)
        .when(remove('holder@acme.example'))
        .then([{ type: 'LicensedUserRemoved', data: { ...ids, email: 'holder@acme.example', at: NOW } }]);
      given(...holderIsUser, removed('holder@acme.example'))
        .when(assign('holder@acme.example'))
        .then([assignedEvent('holder@acme.example')]);
    });
  });
});
