import { LicenceEvent } from './licence.events';
import { userAdministrationLog } from './user-administration-log';
import {
  BASIC,
  LICENCE_IDS,
  licenceIssued,
  termsChanged,
  userInvited,
  userRegistered,
} from './testing/licence-events';

const AT = '2026-03-05T10:00:00.000Z';
const recorded = (actor: string, event: LicenceEvent, revision: number) => ({ revision, actor, event });

describe("a licence's user-administration log: who did what to whom, when and why", () => {
  it('lists the changes to users with their actor and reason, and leaves out issuance and terms', () => {
    const log = userAdministrationLog([
      recorded('admin@vendor.example', licenceIssued(), 0),
      recorded('boss@acme.example', userInvited('ulf@acme.example', AT), 1),
      recorded('ulf@acme.example', userRegistered('ulf@acme.example', AT), 2),
      recorded(
        'mia@acme.example',
        {
          type: 'LicensedUserPermissionsChanged',
          data: {
            ...LICENCE_IDS,
            email: 'ulf@acme.example',
            permissions: { ...BASIC, shareTickets: true },
            previousPermissions: BASIC,
            reason: 'runs partner cases',
            at: AT,
          },
        },
        3,
      ),
      recorded('admin@vendor.example', termsChanged({ seats: 9 }, { seats: 5 }, AT), 4),
      recorded(
        'mia@acme.example',
        {
          type: 'LicensedUserRemoved',
          data: { ...LICENCE_IDS, email: 'ulf@acme.example', reason: 'left', at: AT },
        },
        5,
      ),
    ]);
    expect(log).toEqual([
      {
        revision: 1,
        at: AT,
        by: 'boss@acme.example',
        change: 'invited',
        email: 'ulf@acme.example',
        permissions: BASIC,
      },
      { revision: 2, at: AT, by: 'ulf@acme.example', change: 'registered', email: 'ulf@acme.example' },
      {
        revision: 3,
        at: AT,
        by: 'mia@acme.example',
        change: 'permissions-changed',
        email: 'ulf@acme.example',
        permissions: { ...BASIC, shareTickets: true },
        previousPermissions: BASIC,
        reason: 'runs partner cases',
      },
      {
        revision: 5,
        at: AT,
        by: 'mia@acme.example',
        change: 'removed',
        email: 'ulf@acme.example',
        reason: 'left',
      },
    ]);
  });

  it('lists a pending invitation taken back as withdrawn, not as a user removed', () => {
    const log = userAdministrationLog([
      recorded('boss@acme.example', userInvited('lee@acme.example', AT), 1),
      recorded(
        'boss@acme.example',
        {
          type: 'LicensedUserRemoved',
          data: {
            ...LICENCE_IDS,
            email: 'lee@acme.example',
            invitationWithdrawn: true,
            reason: 'never joined',
            at: AT,
          },
        },
        2,
      ),
    ]);
    expect(log[1]).toEqual({
      revision: 2,
      at: AT,
      by: 'boss@acme.example',
      change: 'withdrawn',
      email: 'lee@acme.example',
      reason: 'never joined',
    });
  });
});
