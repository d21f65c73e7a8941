import { ActorIdentity } from '../accounts/actor-identity';
import { fold } from '../shared/decider';
import { DEFAULT_GROUP_MAILBOX_PATTERNS } from './group-mailbox';
import { seesLicencesOfAccount } from './licence-acquaintance';
import { LicenceCommand } from './licence.commands';
import { licenceDecider } from './licence.decider';
import { LicenceEvent } from './licence.events';
import { BASIC, licenceIssued, userInvited, userRegistered } from './testing/licence-events';

const NOW = '2026-03-05T10:00:00.000Z';
const colleague: ActorIdentity = { email: 'colin@acme.example', roles: [] };

describe('who is shown an account’s licences in its account view', () => {
  const licences = [
    { id: 'lic-1', holderEmail: 'boss@acme.example', expiresAt: '2027-01-01T12:00:00.000Z' },
    { id: 'lic-old', holderEmail: 'old.boss@acme.example', expiresAt: '2026-01-01T12:00:00.000Z' },
  ];

  it('the holder of any of its licences, an expired one included', () => {
    expect(seesLicencesOfAccount('Boss@Acme.example', licences, [], NOW)).toBe(true);
    expect(seesLicencesOfAccount('old.boss@acme.example', licences, [], NOW)).toBe(true);
  });

  it('an active user of one of its licences in force, not of an expired one only', () => {
    expect(seesLicencesOfAccount('colin@acme.example', licences, ['lic-1'], NOW)).toBe(true);
    expect(seesLicencesOfAccount('colin@acme.example', licences, ['lic-old'], NOW)).toBe(false);
    expect(seesLicencesOfAccount('colin@acme.example', licences, [], NOW)).toBe(false);
  });
});

// Given a licence colin is no party to / When he acts on it / Then the refusal depends on whether
// the account view shows him the licence.
describe('a customer who is no party to a licence', () => {
  const history: LicenceEvent[] = [
    licenceIssued({ holderEmail: 'boss@acme.example' }),
    userInvited('ann@acme.example', NOW),
    userRegistered('ann@acme.example', NOW),
  ];
  const state = fold(licenceDecider, history);
  const decide = (command: LicenceCommand, actorSeesAccountLicences?: boolean) => () =>
    licenceDecider.decide(command, state, {
      groupMailboxPatterns: DEFAULT_GROUP_MAILBOX_PATTERNS,
      ...(actorSeesAccountLicences === undefined ? {} : { actorSeesAccountLicences }),
    });
  const invite: LicenceCommand = {
    type: 'AssignLicensedUser',
    data: {
      email: 'new@acme.example',
      firstName: 'N',
      lastName: 'U',
      company: 'Acme',
      country: 'DE',
      permissions: BASIC,
    },
    actor: colleague,
    at: NOW,
  };
  const remove: LicenceCommand = {
    type: 'RemoveLicensedUser',
    data: { email: 'ann@acme.example' },
    actor: colleague,
    at: NOW,
  };

  it('shown it in the account view: 403 saying he is not its user, who manages its users, and whom to ask', () => {
    for (const command of [invite, remove])
      expect(decide(command, true)).toThrow(
        expect.objectContaining({
          code: 'not-a-licensed-user',
          kind: 'forbidden',
          field: 'licenceId',
          message:
            'You are not a user of licence lic-1; only its holder and its users with the manage-users ' +
            'permission manage its users. Ask its holder (boss@acme.example), or one of its users who ' +
            'manage users, to add you to it',
        }),
      );
    expect(
      decide({ type: 'ChangeLicenceTerms', data: { seats: 9 }, actor: colleague, at: NOW }, true),
    ).toThrow(expect.objectContaining({ code: 'licence-terms-change-requires-admin' }));
  });

  it('not shown it (another company, or the lookup not made): 404 as for an id nobody issued', () => {
    expect(decide(invite, false)).toThrow(expect.objectContaining({ code: 'licence-not-found' }));
    expect(decide(remove)).toThrow(expect.objectContaining({ code: 'licence-not-found' }));
  });
});
