import { ActorIdentity } from '../accounts/actor-identity';
import { fold } from '../shared/decider';
import { DEFAULT_GROUP_MAILBOX_PATTERNS } from './group-mailbox';
import { LicenceCommand, LicenceDecisionContext } from './licence.commands';
import { licenceDecider } from './licence.decider';
import { LicenceEvent } from './licence.events';
import { IssuedLicence } from './licence.state';
import { BASIC, LICENCE_IDS, licenceIssued, userInvited, userRegistered } from './testing/licence-events';
import { givenLicenceWith } from './testing/given-licence';

/**
 * DOMAIN.md: "Every change records who, when and why." Assigning, re-permissioning and removing a
 * licensed user take an optional reason (as a change of terms does), kept trimmed in the event's data
 * only when given, and held to the same rules. Events without one fold as before.
 */
const AT = '2026-06-01T09:00:00.000Z';
const policy: LicenceDecisionContext = { groupMailboxPatterns: DEFAULT_GROUP_MAILBOX_PATTERNS };
const holder: ActorIdentity = { email: 'holder@acme.example', roles: [] };
const admin: ActorIdentity = { email: 'ops@vendor.example', roles: ['admin'] };
const USER = 'uma@acme.example';
const issued = licenceIssued();
const active = [issued, userInvited(USER, AT), userRegistered(USER, AT)];

const given = givenLicenceWith(policy);

const assign = (reason?: unknown, actor = holder): LicenceCommand =>
  ({
    type: 'AssignLicensedUser',
    data: {
      email: 'ned@acme.example',
      firstName: 'Ned',
      lastName: 'New',
      company: 'Acme',
      country: 'BG',
      permissions: BASIC,
      ...(reason !== undefined ? { reason } : {}),
    },
    actor,
    at: AT,
  }) as LicenceCommand;
const repermission = (reason?: unknown): LicenceCommand =>
  ({
    type: 'ChangeUserPermissions',
    data: { email: USER, permissions: { shareTickets: true }, ...(reason !== undefined ? { reason } : {}) },
    actor: holder,
    at: AT,
  }) as LicenceCommand;
const remove = (reason?: unknown): LicenceCommand =>
  ({
    type: 'RemoveLicensedUser',
    data: { email: USER, ...(reason !== undefined ? { reason } : {}) },
    actor: admin,
    at: AT,
  }) as LicenceCommand;

describe('licence decider: reasons of changes to licensed users', () => {
  it('assigning a user records the reason given, trimmed; without one the event is as before', () => {
    given(issued)
      .when(assign('  New developer on the web team '))
      .then([
        {
          type: 'LicensedUserAssigned',
          data: {
            ...LICENCE_IDS,
            email: 'ned@acme.example',
            firstName: 'Ned',
            lastName: 'New',
            company: 'Acme',
            country: 'BG',
            permissions: BASIC,
            reason: 'New developer on the web team',
            at: AT,
          },
        },
      ]);
    const [plain] = licenceDecider.decide(assign(), given(issued).state, policy);
    expect(plain.data).not.toHaveProperty('reason');
  });

  it('changing permissions records the reason given, with the permissions before', () => {
    given(...active)
      .when(repermission('Now shares tickets with the team'))
      .then([
        {
          type: 'LicensedUserPermissionsChanged',
          data: {
            ...LICENCE_IDS,
            email: USER,
            permissions: { ...BASIC, shareTickets: true },
            previousPermissions: BASIC,
            reason: 'Now shares tickets with the team',
            at: AT,
          },
        },
      ]);
  });

  it('removing a user records the reason given, and none when none is given', () => {
    given(...active)
      .when(remove('Left the company'))
      .then([
        {
          type: 'LicensedUserRemoved',
          data: { ...LICENCE_IDS, email: USER, reason: 'Left the company', at: AT },
        },
      ]);
    given(...active)
      .when(remove())
      .then([{ type: 'LicensedUserRemoved', data: { ...LICENCE_IDS, email: USER, at: AT } }]);
  });

  it.each([
    ['that is too long', 'x'.repeat(2_001), 'text-length-out-of-range'],
    ['that is blank', ' \n ', 'text-length-out-of-range'],
    ['that is not text', false, 'text-length-out-of-range'],
    ['with a control character', 'left\u001Bthe company', 'unsafe-character'],
  ])('refuses a reason %s on each of them, naming reason', (_what, reason, code) => {
    const expected = { code, kind: 'validation' as const, field: 'reason' };
    given(issued).when(assign(reason)).thenFails(expected);
    given(...active)
      .when(repermission(reason))
      .thenFails(expected);
    given(...active)
      .when(remove(reason))
      .thenFails(expected);
  });

  it('a reasoned history folds to the licence an unreasoned one gives', () => {
    const reasoned = [
      ...active,
      ...licenceDecider.decide(repermission('Shares now'), given(...active).state, policy),
    ];
    expect(reasoned.at(-1)?.data).toMatchObject({ reason: 'Shares now' });
    const plain = [...active, ...licenceDecider.decide(repermission(), given(...active).state, policy)];
    const licence = (events: LicenceEvent[]) => fold(licenceDecider, events) as IssuedLicence;
    expect(licence(reasoned)).toEqual(licence(plain));
  });
});
