import type { LicenceEvent } from '@casetrail/domain';
import {
  BASIC,
  licenceIssued,
  termsChanged,
  userInvited,
  userRegistered,
  userRemoved,
} from '@casetrail/domain/licences/testing/licence-events';
import { ADMIN, HOLDER, licenceChangeRows, renderLicenceChange } from '../testing/licence-change-rows';
import { OutboxFixture } from '../testing/outbox-fixture';

const MIA = { email: 'mia@acme.example', name: 'Mia Manager' };
const ULF = { email: 'ulf@acme.example' };
const MANAGER = { ...BASIC, manageUsers: true };

/** With a reason, as the API records one given with the change. */
const because = (event: LicenceEvent, reason: string): LicenceEvent =>
  ({ ...event, data: { ...event.data, reason } }) as LicenceEvent;

/**
 * A licence's administration after its issue was silent (findings F8): its holder now hears of a
 * user's registration, permission change and removal and of a change of its terms (an early end
 * above all), and the user a change is about hears of it too; nobody hears of their own change, no
 * group mailbox and nobody else is mailed.
 */
describe('renderNotification: a change of a licence after its issue', () => {
  let fixture: OutboxFixture;
  const rows = () => licenceChangeRows(fixture);
  const rowsOf = (type: string) => licenceChangeRows(fixture, type);
  const render = renderLicenceChange;

  beforeAll(async () => {
    fixture = new OutboxFixture();
    await fixture.start();
    await fixture.appendLicence(
      [
        licenceIssued(),
        userInvited(ULF.email, '2026-03-02T09:00:00.000Z'),
        userInvited(MIA.email, '2026-03-02T09:00:00.000Z', MANAGER),
        // Accepted before the group-mailbox rule caught it.
        userInvited('soporte@acme.example', '2026-03-02T09:00:00.000Z'),
        userInvited(HOLDER.email, '2026-03-02T09:00:00.000Z'),
      ],
      HOLDER,
    );
    await fixture.appendLicence([userRegistered(ULF.email, '2026-03-02T10:00:00.000Z')], ULF);
    await fixture.appendLicence([userRegistered(MIA.email, '2026-03-02T10:00:00.000Z')], MIA);
    await fixture.appendLicence(
      [
        because(
          {
            type: 'LicensedUserPermissionsChanged',
            data: {
              licenceId: 'lic-1',
              accountId: 'acc-acme',
              email: ULF.email,
              permissions: { ...BASIC, shareTickets: true },
              previousPermissions: BASIC,
              at: '2026-03-03T10:00:00.000Z',
            },
          },
          'Shares with the agency',
        ),
        because(userRemoved(ULF.email, '2026-03-04T10:00:00.000Z'), 'left the company'),
        userRemoved(HOLDER.email, '2026-03-04T11:00:00.000Z'),
      ],
      MIA,
    );
    await fixture.appendLicence([userRemoved('soporte@acme.example', '2026-03-04T12:00:00.000Z')], HOLDER);
    await fixture.appendLicence(
      [
        termsChanged(
          { activeUntil: '2026-11-20', expiresAt: '2026-11-21T00:00:00.000Z' },
          { activeUntil: '2026-12-31', expiresAt: '2027-01-01T12:00:00.000Z' },
          '2026-11-01T09:00:00.000Z',
          'ended early',
        ),
        termsChanged({ seats: 4 }, { seats: 'unlimited' }, '2026-11-02T09:00:00.000Z'),
      ],
      ADMIN,
    );
  });

  afterAll(() => fixture.close());

  it('writes rows for the holder and the user changed only, never to whoever made the change or a group mailbox', async () => {
    expect((await rows()).map((row) => [row.change.type, row.recipient, row.reasons])).toEqual([
      ['LicensedUserRegistrationCompleted', HOLDER.email, ['holder']],
      ['LicensedUserRegistrationCompleted', HOLDER.email, ['holder']],
      ['LicensedUserPermissionsChanged', HOLDER.email, ['holder']],
      ['LicensedUserPermissionsChanged', ULF.email, ['licensed-user']],
      ['LicensedUserRemoved', HOLDER.email, ['holder']],
      ['LicensedUserRemoved', ULF.email, ['licensed-user']],
      // The holder removed as a user by a delegate: one mail, as the one removed.
      ['LicensedUserRemoved', HOLDER.email, ['holder', 'licensed-user']],
      ['LicenceTermsChanged', HOLDER.email, ['holder']],
      // The early end is told to the licence's users too (Mia, the one left); the seats change is not.
      ['LicenceTermsChanged', MIA.email, ['licensed-user']],
      ['LicenceTermsChanged', HOLDER.email, ['holder']],
    ]);
  });

  it('tells the holder a user completed their registration, and how to change or remove them', async () => {
    const [ulfRegistered] = await rowsOf('LicensedUserRegistrationCompleted');
    const { subject, text } = render(ulfRegistered);
    expect(subject).toBe(
      '[Casetrail] ulf@acme.example completed their registration on Sitefinity CMS (Online Marketing License)',
    );
    expect(text).toContain('ulf@acme.example completed their registration on Sitefinity CMS');
    expect(text).toContain('  DELETE https://x/v1/licences/lic-1/users/ulf@acme.example\n');
    expect(text).toContain('You receive this because you hold this licence.');
  });

  it('tells the user their new permissions, and the holder who changed whose, with the reason', async () => {
    const [toHolder, toUlf] = await rowsOf('LicensedUserPermissionsChanged');
    const mine = render(toUlf).text;
    expect(render(toUlf).subject).toBe(
      '[Casetrail] Your permissions on Sitefinity CMS (Online Marketing License) changed',
    );
    expect(mine).toContain(
      'Your permissions on Sitefinity CMS (Online Marketing License) changed: basic, share tickets.',
    );
    expect(mine).toContain('Permissions: basic, share tickets\nBefore: basic\n');
    expect(mine).toContain('Changed by: Mia Manager <mia@acme.example>\n');
    expect(mine).toContain('Reason: Shares with the agency\n');
    expect(mine).toContain('because the change is to your own access to this licence');
    expect(render(toHolder).text).toContain(
      'Mia Manager <mia@acme.example> changed the permissions of ulf@acme.example on Sitefinity CMS',
    );
    // The console first, and a sample that keeps what Ulf now holds (before: all false, which sent as
    // is took his share tickets away).
    expect(render(toHolder).text).toContain(
      "To change them again, open the licence on the support console's Licences page, https://x/#/licences/lic-1;",
    );
    expect(render(toHolder).text).toContain(
      'PATCH https://x/v1/licences/lic-1/users/ulf@acme.example  ' +
        '{"permissions": {"manageUsers": false, "shareTickets": true, "seeSharedTickets": false}}',
    );
  });

  it('leads the registration mail with the console, its sample to be filled in rather than all false', async () => {
    const [ulfRegistered] = await rowsOf('LicensedUserRegistrationCompleted');
    const { text } = render(ulfRegistered);
    expect(text).toContain('https://x/#/licences/lic-1');
    expect(text).toContain('"manageUsers": true|false');
    expect(text).not.toContain('"manageUsers": false, "shareTickets": false, "seeSharedTickets": false');
  });

  it('tells a removed user they can no longer open cases and what becomes of the cases they opened', async () => {
    const [toHolder, toUlf] = await rowsOf('LicensedUserRemoved');
    const { subject, text } = render(toUlf);
    expect(subject).toBe('[Casetrail] You were removed from Sitefinity CMS (Online Marketing License)');
    expect(text).toContain(
      'You were removed from Sitefinity CMS (Online Marketing License): you can no longer open cases on it.',
    );
    expect(text).toContain(
      'The cases you opened stay yours: you can still read them and comment on those not yet closed. ' +
        'You can no longer open cases on this licence, nor escalate or share the ones you opened.',
    );
    // The holder named, whom Ulf knew (before: "ask the licence's holder", no address).
    expect(text).toContain(
      "If this is a mistake, ask the licence's holder (holder@acme.example) or a colleague who manages its users",
    );
    expect(text).toContain('Reason: left the company\n');
    expect(render(toHolder).text).toContain(
      'Mia Manager <mia@acme.example> removed ulf@acme.example from Sitefinity CMS (Online Marketing License).',
    );
  });

  it('tells the holder the licence ends early, from when, and what its users lose; other term changes as from and to', async () => {
    const [endedEarly, toMia, seats] = await rowsOf('LicenceTermsChanged');
    const early = render(endedEarly);
    expect(early.subject).toBe(
      '[Casetrail] Sitefinity CMS (Online Marketing License) ends early: active until 2026-11-20',
    );
    expect(early.text).toContain('Active until: 2026-11-20 (was 2026-12-31)\n');
    expect(early.text).toContain(
      'From Sat 21 Nov 2026, 00:00 UTC, its users can no longer open, share or reopen cases on it until it is ' +
        'renewed. They can still comment on its cases not yet closed, and those who are also users of another ' +
        'licence of the account that is in force can still escalate them.',
    );
    expect(early.text).toContain(
      "Users who see colleagues' shared cases through this licence no longer see them, unless they hold see " +
        'shared tickets on another licence of the account that is in force.',
    );
    // Not yet ended when the change was made: "Ends".
    expect(early.text).toContain('Ends: Sat 21 Nov 2026, 00:00 UTC\n');
    expect(early.text).toContain('Changed by: adam@vendor.example\n');
    expect(early.text).toContain('Reason: ended early\n');
    // Dated back, already past when the admin made it: "Ended" (before, "Ends:" with a past instant).
    const past = render({
      ...endedEarly,
      occurredAt: '2026-11-29T21:00:00.000Z',
      change: { ...endedEarly.change, data: { ...endedEarly.change.data, at: '2026-11-29T21:00:00.000Z' } },
    } as typeof endedEarly);
    expect(past.subject).toBe('[Casetrail] Sitefinity CMS (Online Marketing License) was ended early');
    expect(past.text).toContain('Ended: Sat 21 Nov 2026, 00:00 UTC\n');
    expect(past.text).not.toContain('Ends:');
    expect(early.text).toContain('Its users and pending invitees are told of it by mail too.');
    // A licence issued before the writer kept its users: none is mailed, and the holder is told so.
    const unknownUsers = render({ ...endedEarly, usersNotMailed: true });
    expect(unknownUsers.text).toContain(
      'Its users and pending invitees are not told of it by mail: this desk does not know them (the licence was ' +
        'issued before it kept them). Please tell them yourself.',
    );
    expect(unknownUsers.text).not.toContain('told of it by mail too');
    // Mia, a user: what she can no longer do and who renews it (before, users were mailed nothing).
    const mia = render(toMia);
    expect(mia.subject).toBe(
      '[Casetrail] Sitefinity CMS (Online Marketing License) ends early: active until 2026-11-20',
    );
    expect(mia.text).toContain(
      'From then on you can no longer open, share or reopen cases on it until it is renewed.',
    );
    expect(mia.text).toContain("If you see colleagues' shared cases through it, you no longer do");
    expect(mia.text).toContain(
      "ask the licence's holder (holder@acme.example) or your account manager to have it renewed",
    );
    // Mia manages its users: that waits for the renewal too.
    expect(mia.text).toContain(
      'Your manage-users permission on it is suspended from then until it is renewed',
    );
    expect(mia.text).toContain('Ends: Sat 21 Nov 2026, 00:00 UTC\n');
    // Renewed after its end: in force again, said so (before: "The terms … changed" alone).
    const renewed = render({
      ...seats,
      occurredAt: '2026-11-29T21:00:00.000Z',
      change: {
        type: 'LicenceTermsChanged',
        data: {
          ...endedEarly.change.data,
          terms: { activeUntil: '2027-12-31', expiresAt: '2028-01-01T00:00:00.000Z' },
          previousTerms: { activeUntil: '2026-11-20', expiresAt: '2026-11-21T00:00:00.000Z' },
          at: '2026-11-29T21:00:00.000Z',
        },
      },
    } as typeof seats);
    expect(renewed.subject).toBe('[Casetrail] Sitefinity CMS (Online Marketing License) is in force again');
    expect(renewed.text).toContain('Its users can open, share and reopen cases on it again');
    expect(renewed.text).toContain('Active until: 2027-12-31 (was 2026-11-20)\n');
    const other = render(seats);
    expect(other.subject).toBe('[Casetrail] The terms of Sitefinity CMS (Online Marketing License) changed');
    expect(other.text).toContain('Seats: 4 (was unlimited)\n');
  });
});
