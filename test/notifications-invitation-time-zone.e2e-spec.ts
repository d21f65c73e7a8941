import { PEOPLE } from './support/notifications/notification-world';
import { TestSmtpServer, type ReceivedMail } from './support/notifications/test-smtp-server';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * An invitation to a licence shows its times as a case's messages do: in the business time zone of
 * the licence's account, named, with UTC beside them (the invitee reads "by when" in their own
 * working day, and anyone elsewhere still has the exact time). The zone is the account's at the
 * invitation: a later change of the account's zone applies to the invitations after it.
 */
describe('invitation emails in the account’s time zone', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    Object.assign(process.env, { NOTIFY_POLL_MS: '20' });
    t = await startTestApp({ env: { SMTP_URL: smtp.url } });
  });

  afterAll(async () => {
    await t.close();
    await smtp.close();
    process.env = savedEnv;
  });

  async function asAdmin(method: 'POST' | 'PATCH', url: string, payload: object) {
    const token = await t.token(PEOPLE.admin.email, ['admin']);
    const response = await t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      payload,
    });
    expect(response.statusCode).toBeLessThan(300);
    return response.json();
  }

  async function invite(licenceId: string, email: string): Promise<ReceivedMail> {
    await asAdmin('POST', `/v1/licences/${licenceId}/users`, {
      email,
      firstName: 'Sam',
      lastName: 'Smith',
      company: 'Acme',
      country: 'BG',
      permissions: { manageUsers: false, shareTickets: false, seeSharedTickets: false },
    });
    await smtp.waitFor((received) => received.some((mail) => mail.envelopeTo.includes(email)));
    return smtp.received.find((mail) => mail.envelopeTo.includes(email))!;
  }

  it('shows when the invitation was made and the access promise in local time with UTC beside them', async () => {
    t.clock.set('2026-03-02T09:00:00.000Z');
    const account = await asAdmin('POST', '/v1/accounts', { name: 'Acme', timeZone: 'Europe/Sofia' });
    const licence = await asAdmin('POST', `/v1/accounts/${account.id}/licences`, {
      product: 'Sitefinity',
      edition: 'Online Marketing License',
      plan: 'enterprise',
      activeUntil: '2030-12-31',
      holderEmail: 'boss@acme.example',
    });

    const inSofia = await invite(licence.id, 'sam@acme.example');
    expect(inSofia.text).toContain('Invited: Mon 2 Mar 2026, 11:00 EET (09:00 UTC)\n');
    expect(inSofia.text).toContain(
      'Support promises you access within 48 hours of this invitation, by Wed 4 Mar 2026, 11:00 EET (09:00 UTC).',
    );
    expect(inSofia.html).toContain('Mon 2 Mar 2026, 11:00 EET (09:00 UTC)');

    // The account moves; the next invitation follows it.
    await asAdmin('PATCH', `/v1/accounts/${account.id}`, { timeZone: 'America/Los_Angeles' });
    const inLosAngeles = await invite(licence.id, 'tia@acme.example');
    expect(inLosAngeles.text).toContain('Invited: Mon 2 Mar 2026, 01:00 PST (09:00 UTC)\n');
    expect(inLosAngeles.text).toContain('by Wed 4 Mar 2026, 01:00 PST (09:00 UTC).');
  });
});
