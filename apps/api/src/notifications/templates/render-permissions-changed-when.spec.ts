import type { LicenceEvent, LicensedUserPermissions } from '@casetrail/domain';
import {
  BASIC,
  licenceIssued,
  termsChanged,
  userInvited,
  userRegistered,
} from '@casetrail/domain/licences/testing/licence-events';
import { ADMIN, HOLDER, licenceChangeRows, renderLicenceChange } from '../testing/licence-change-rows';
import { OutboxFixture } from '../testing/outbox-fixture';

const RIA = 'ria@acme.example';
const SAM = 'sam@acme.example';
const SHARING: LicensedUserPermissions = { ...BASIC, shareTickets: true, seeSharedTickets: true };

const permissionsChanged = (email: string, at: string): LicenceEvent => ({
  type: 'LicensedUserPermissionsChanged',
  data: {
    licenceId: 'lic-1',
    accountId: 'acc-acme',
    email,
    permissions: SHARING,
    previousPermissions: BASIC,
    at,
  },
});

/**
 * Findings F8 and F12: "Your permissions … changed" read as if they applied at once. A pending
 * invitee's apply at their registration, which the mail now reminds them how to complete; on a
 * licence past its end (the builders' licence expires at the start of 2027) nobody's apply until it
 * is renewed, which the mail now says.
 */
describe('renderNotification: when changed permissions apply, told to the user', () => {
  let fixture: OutboxFixture;
  const toUser = async (email: string) =>
    (await licenceChangeRows(fixture, 'LicensedUserPermissionsChanged')).filter(
      (row) => row.recipient === email && row.reasons.includes('licensed-user'),
    );

  beforeAll(async () => {
    fixture = new OutboxFixture();
    await fixture.start();
    await fixture.appendLicence(
      [
        licenceIssued(),
        userInvited(RIA, '2026-03-02T09:00:00.000Z'),
        userInvited(SAM, '2026-03-02T09:00:00.000Z'),
      ],
      HOLDER,
    );
    await fixture.appendLicence([userRegistered(SAM, '2026-03-02T10:00:00.000Z')], { email: SAM });
    await fixture.appendLicence([permissionsChanged(RIA, '2026-03-03T10:00:00.000Z')], HOLDER);
    await fixture.appendLicence(
      [
        permissionsChanged(SAM, '2027-02-01T10:00:00.000Z'),
        permissionsChanged(RIA, '2027-02-01T10:00:00.000Z'),
      ],
      HOLDER,
    );
  });

  afterAll(() => fixture.close());

  it('reminds a pending invitee that they apply once she completes her registration, and how', async () => {
    const [inForce] = await toUser(RIA);
    const { text } = renderLicenceChange(inForce);
    expect(text).toContain(
      'Your registration is still pending: these permissions apply once you complete it.',
    );
    expect(text).toContain(`open the support console at https://x/#/cases, sign in as ${RIA}`);
  });

  it('tells a pending invitee of an ended licence that registration waits for its renewal, not to complete it', async () => {
    const [, ended] = await toUser(RIA);
    const { text } = renderLicenceChange(ended);
    expect(text).toContain('Your registration is still pending, and the licence has ended');
    expect(text).toContain(`(ask the licence's holder (${HOLDER.email}) or your account manager)`);
    expect(text).not.toContain('Complete registration');
  });

  it('tells a pending invitee of an early end that her registration waits for the renewal', async () => {
    await fixture.appendLicence(
      [
        termsChanged(
          { activeUntil: '2026-04-01', expiresAt: '2026-04-02T00:00:00.000Z' },
          { activeUntil: '2026-12-31', expiresAt: '2027-01-01T12:00:00.000Z' },
          '2027-02-02T09:00:00.000Z',
        ),
      ],
      ADMIN,
    );
    const rows = (await licenceChangeRows(fixture, 'LicenceTermsChanged')).filter(
      (row) => row.recipient === RIA,
    );
    expect(rows).toHaveLength(1);
    const { subject, text } = renderLicenceChange(rows[0]);
    expect(subject).toBe('[Casetrail] Sitefinity CMS (Online Marketing License) has ended');
    expect(text).toContain(
      'Your invitation to it waits for its renewal: you cannot complete your registration now',
    );
    expect(text).not.toContain('Complete registration');
  });

  it('tells a registered user of an ended licence that they apply once it is renewed', async () => {
    const [ended] = await toUser(SAM);
    const { text } = renderLicenceChange(ended);
    // Named as the end mails name the holder to ask (before: "ask your account manager" alone).
    expect(text).toContain(
      `The licence has ended: these permissions apply once it is renewed (ask the licence's holder (${HOLDER.email}) ` +
        'or your account manager).',
    );
  });
});
