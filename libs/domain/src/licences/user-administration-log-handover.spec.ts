import type { LicenceEvent } from './licence.events';
import { userAdministrationLog } from './user-administration-log';
import { BASIC, LICENCE_IDS, licenceIssued, userInvited } from './testing/licence-events';

const AT = '2026-03-05T10:00:00.000Z';
const recorded = (actor: string, event: LicenceEvent, revision: number) => ({ revision, actor, event });

/**
 * Security F5: the hand-over moves the power over the licence's users (who may grant manage-users,
 * whose entry is reserved), so whoever answers for the users reads it; an invitation resent is a
 * mail sent in someone's name, so it is listed too.
 */
describe("a licence's user-administration log lists hand-overs and resent invitations", () => {
  it('given a hand-over, shows who handed the licence from whom to whom, and why', () => {
    const handOver: LicenceEvent = {
      type: 'LicenceHolderChanged',
      data: {
        ...LICENCE_IDS,
        holderEmail: 'jane@acme.example',
        previousHolderEmail: 'holder@acme.example',
        reason: 'handover',
        at: AT,
      },
    };
    expect(
      userAdministrationLog([
        recorded('admin@vendor.example', licenceIssued(), 0),
        recorded('holder@acme.example', handOver, 1),
      ]),
    ).toEqual([
      {
        revision: 1,
        at: AT,
        by: 'holder@acme.example',
        change: 'holder-changed',
        email: 'jane@acme.example',
        previousHolderEmail: 'holder@acme.example',
        reason: 'handover',
      },
    ]);
  });

  it('given an invitation resent, shows who resent it to whom, with the permissions it offers', () => {
    const resent: LicenceEvent = {
      type: 'LicensedUserInvitationResent',
      data: {
        ...LICENCE_IDS,
        email: 'pia@acme.example',
        firstName: 'F',
        lastName: 'L',
        company: 'Acme',
        country: 'BG',
        permissions: BASIC,
        invitedAt: AT,
        accessPromisedWithinHours: 48,
        at: '2026-03-07T10:00:00.000Z',
      },
    };
    const log = userAdministrationLog([
      recorded('holder@acme.example', userInvited('pia@acme.example', AT), 1),
      recorded('mia@acme.example', resent, 2),
    ]);
    expect(log[1]).toEqual({
      revision: 2,
      at: '2026-03-07T10:00:00.000Z',
      by: 'mia@acme.example',
      change: 'invitation-resent',
      email: 'pia@acme.example',
      permissions: BASIC,
    });
  });
});
