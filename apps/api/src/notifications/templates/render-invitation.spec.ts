import { licenceIssued, userInvited } from '@casetrail/domain/licences/testing/licence-events';
import { NOTIFICATION_OUTBOX, type InvitationNotification } from '@casetrail/readmodels/notifications';
import { OutboxFixture } from '../testing/outbox-fixture';
import { renderNotification } from './render-notification';

const HOLDER = { email: 'holder@acme.example', name: 'Hannah Holder' };

describe('renderNotification: an invitation to a licence', () => {
  let fixture: OutboxFixture;

  beforeAll(async () => {
    fixture = new OutboxFixture();
    await fixture.start();
    await fixture.appendLicence(
      [
        licenceIssued(),
        userInvited('sam@acme.example', '2026-03-05T10:00:00.000Z', {
          manageUsers: false,
          shareTickets: true,
          seeSharedTickets: true,
        }),
        userInvited('holder@acme.example', '2026-03-05T11:00:00.000Z'),
        userInvited('josé@acme.example', '2026-03-05T12:00:00.000Z'),
      ],
      HOLDER,
    );
  });

  afterAll(() => fixture.close());

  const invitationOf = async (recipient: string) =>
    (
      await fixture.readModels.find<InvitationNotification>(NOTIFICATION_OUTBOX, {
        // The holder is also told of the licence's issue (test/notifications-licence-issued.e2e-spec.ts).
        where: { recipient, kind: 'invitation' },
      })
    ).items[0];

  it('names the licence and who invited, and says how to complete the registration and by when access comes', async () => {
    const { subject, text, html } = renderNotification(await invitationOf('sam@acme.example'), {
      publicUrl: 'https://support.example',
    });
    expect(subject).toBe(
      '[Casetrail] You are invited to Sitefinity CMS (Online Marketing License): complete your registration',
    );
    expect(text).toContain('Hello F L,\n\nHannah Holder <holder@acme.example> invited you to Sitefinity CMS');
    expect(text).toContain('Your registration is pending');
    expect(text).toContain('sign in as sam@acme.example');
    // The console's Complete registration first, the API request for integrators (newcomer review 2, N6).
    expect(text).toContain(
      'To complete it, open the support console at https://support.example/#/cases, sign in as ' +
        'sam@acme.example and choose Complete registration on My cases.',
    );
    expect(text).toContain(
      'From a program of your own, send this request instead (no body) with your bearer token as sam@acme.example:',
    );
    expect(text).toContain(
      '  POST https://support.example/v1/licences/lic-1/users/sam@acme.example/activation\n',
    );
    expect(text).toContain(
      'Support promises you access within 48 hours of this invitation, by Sat 7 Mar 2026, 10:00 UTC. ' +
        // Support's promise, support's help, as the reminder says it (before, the first invitation named the inviter).
        'If you cannot log cases by then, contact support.',
    );
    expect(text).toContain('Licence: Sitefinity CMS (Online Marketing License)\n');
    expect(text).toContain('Licence id: lic-1\n');
    expect(text).toContain('Invited by: Hannah Holder <holder@acme.example>\n');
    expect(text).toContain('Invited: Thu 5 Mar 2026, 10:00 UTC\n');
    expect(text).toContain('Permissions: basic, share tickets, see shared tickets\n');
    expect(text).toContain('You receive this because you were invited as a user of this licence.');
    expect(html).toContain(
      '<pre>POST https://support.example/v1/licences/lic-1/users/sam@acme.example/activation</pre>',
    );
    expect(html).toContain('Hannah Holder &lt;holder@acme.example&gt; invited you');
    expect(html).not.toContain('<a href');
  });

  it('tells a holder who added themselves that they did, and to contact support if access is late', async () => {
    const { text } = renderNotification(await invitationOf('holder@acme.example'), {
      publicUrl: 'https://x',
    });
    expect(text).toContain('You added yourself as a user of Sitefinity CMS (Online Marketing License).');
    expect(text).toContain('If you cannot log cases by then, contact support.');
    expect(text).toContain('Permissions: basic\n');
  });

  it('says when the licence ends, not a promise of access, when it ends before the promised time; its reminder too', async () => {
    const row = await invitationOf('sam@acme.example');
    // The writer kept the licence's end (licenceIssued: 2027-01-01T12:00Z); the promise runs to 7 Mar 2026.
    expect(row.licenceExpiresAt).toBe('2027-01-01T12:00:00.000Z');
    const ending = { ...row, licenceExpiresAt: '2026-03-05T10:01:20.000Z' };
    const first = renderNotification(ending, { publicUrl: 'https://x' }).text;
    const ends =
      'The licence ends Thu 5 Mar 2026, 10:01 UTC, before the 48 hours within which support promises access: ' +
      'complete your registration before then. Once it has ended you cannot complete it, nor log cases on it, ' +
      "until it is renewed: ask the licence's holder or your account manager to have it renewed.";
    // Before, "Support promises you access within 48 hours ..., by Sat 7 Mar 2026, 10:00 UTC" all the same.
    expect(first).toContain(ends);
    expect(first).not.toContain('promises you access');
    expect(first).toContain('Licence ends: Thu 5 Mar 2026, 10:01 UTC\n');
    const reminder: InvitationNotification = {
      ...ending,
      change: {
        ...ending.change,
        type: 'LicensedUserInvitationResent',
        data: { ...ending.change.data, invitedAt: ending.occurredAt },
      } as InvitationNotification['change'],
      invitedBy: ending.actor,
    };
    const again = renderNotification(reminder, { publicUrl: 'https://x' }).text;
    expect(again).toContain(ends);
    expect(again).not.toContain('promises you access');
  });

  it('encodes what an internationalised address needs in the activation path', async () => {
    const { text } = renderNotification(await invitationOf('josé@acme.example'), { publicUrl: 'https://x' });
    expect(text).toContain('POST https://x/v1/licences/lic-1/users/jos%C3%A9@acme.example/activation');
  });

  it('names the licence by id when the outbox never saw it issued', async () => {
    const row = await invitationOf('sam@acme.example');
    const older = { ...row, licence: { ...row.licence, product: null, edition: null } };
    const { subject, text } = renderNotification(older, { publicUrl: 'https://x' });
    expect(subject).toBe('[Casetrail] You are invited to licence lic-1: complete your registration');
    expect(text).toContain('Licence: licence lic-1\n');
  });

  it('shows names, product and edition recorded with line breaks (before they were refused) on one line', async () => {
    const row = await invitationOf('sam@acme.example');
    const old: InvitationNotification = {
      ...row,
      recipientName: 'Sam\r\nBcc: evil@evil.example',
      actor: { ...row.actor, name: 'Hannah\nHolder' },
      licence: { ...row.licence, product: 'Sitefinity\r\nCMS', edition: 'Online\u2028Marketing License' },
    };
    const { subject, text } = renderNotification(old, { publicUrl: 'https://x' });
    expect(subject).toBe(
      '[Casetrail] You are invited to Sitefinity CMS (Online Marketing License): complete your registration',
    );
    expect(text).toMatch(/^Hello Sam Bcc: evil@evil\.example,\n/);
    expect(text).toContain('Invited by: Hannah Holder <holder@acme.example>\n');
    expect(text).not.toMatch(/^(Bcc|Holder|CMS|Marketing)/m);
  });

  it("shows its times in the account's business time zone, with UTC beside them, as case messages do", async () => {
    const row = await invitationOf('sam@acme.example');
    const inLosAngeles = { ...row, licence: { ...row.licence, timeZone: 'America/Los_Angeles' } };
    const { text, html } = renderNotification(inLosAngeles, { publicUrl: 'https://x' });
    expect(text).toContain('Invited: Thu 5 Mar 2026, 02:00 PST (10:00 UTC)\n');
    expect(text).toContain('by Sat 7 Mar 2026, 02:00 PST (10:00 UTC). If you cannot log cases by then');
    expect(html).toContain('<td>Thu 5 Mar 2026, 02:00 PST (10:00 UTC)</td>');
  });

  it('renders the same message every time (a resend is the same message)', async () => {
    const row = await invitationOf('sam@acme.example');
    expect(renderNotification(row, { publicUrl: 'https://x' })).toEqual(
      renderNotification(structuredClone(row), { publicUrl: 'https://x' }),
    );
  });
});
