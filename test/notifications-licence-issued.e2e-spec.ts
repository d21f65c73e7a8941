import { mailsSentBy } from './support/notifications/delivery-probe';
import { useMailedWorld } from './support/notifications/mailed-world';
import { NotificationWorld, PEOPLE } from './support/notifications/notification-world';
import { TestSmtpServer } from './support/notifications/test-smtp-server';
import { type TestApp } from './support/test-app';

/**
 * A licence's holder is mailed when it is issued: its id (which inviting users and opening cases
 * ask for), its terms, how to invite users, how they open cases and where the holder finds their
 * licences again. Before, nobody was told, and a new holder had nothing unless the vendor sent the
 * id by hand. End to end: HTTP command, outbox writer, delivery worker, a real SMTP server.
 */
describe('the holder is mailed when a licence is issued', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let world: NotificationWorld;
  useMailedWorld('enterprise', (setting) => ({ smtp, t, world } = setting), {
    env: { PUBLIC_URL: 'https://support.example' },
  });

  const issue = () =>
    world.call('admin', 'POST', `/v1/accounts/${world.accountId}/licences`, {
      product: 'Sitefinity',
      edition: 'Online Marketing License',
      plan: 'standard',
      activeUntil: '2027-12-31',
      seats: 3,
      holderEmail: 'Kim.Holder@Acme.example',
    }) as Promise<{ id: string }>;

  it('mails the holder once, and nobody else, with the licence id, its terms and the next steps', async () => {
    let licenceId = '';
    const mails = await mailsSentBy(t.runtime.storage, smtp, async () => {
      licenceId = (await issue()).id;
    });

    expect(mails.flatMap((mail) => mail.envelopeTo)).toEqual(['kim.holder@acme.example']);
    const [mail] = mails;
    expect(mail.subject).toBe(
      `[Casetrail] Your licence for Sitefinity (Online Marketing License) is issued: licence id ${licenceId}`,
    );
    expect(mail.text).toContain(`Its licence id is ${licenceId}`);
    expect(mail.text).toContain(`POST https://support.example/v1/licences/${licenceId}/users  {"email": `);
    expect(mail.text).toContain(`POST https://support.example/v1/cases  {"licenceId": "${licenceId}"`);
    expect(mail.text).toContain('GET https://support.example/v1/licences');
    for (const fact of [
      `Licence id: ${licenceId}\n`,
      // The account by the name people know it by, its id beside it for support (before: the id alone).
      `Account: Acme\nAccount id: ${world.accountId}\n`,
      'Plan: standard\n',
      'Active until: 2027-12-31\n',
      'Seats: 3\n',
    ])
      expect(mail.text).toContain(fact);
    expect(mail.text).toContain('You receive this because you hold this licence.');
    expect(mail.html).toContain(`<pre>GET https://support.example/v1/licences</pre>`);
    expect(mail.inReplyTo).toBe(`<licence-${licenceId}@casetrail>`);
    expect(mails.some((sent) => sent.envelopeTo.includes(PEOPLE.csm.email))).toBe(false);
  });
});
