import { mailsSentBy } from './support/notifications/delivery-probe';
import { useMailedWorld } from './support/notifications/mailed-world';
import { NotificationWorld, PEOPLE, samInvitedAs } from './support/notifications/notification-world';
import { TestSmtpServer } from './support/notifications/test-smtp-server';
import { type TestApp } from './support/test-app';

const HOLDER = { email: 'boss@acme.example', name: 'Bo Boss' };

/**
 * The support policy: "Once you invite a user, a notification email is sent. Users need to complete
 * the registration process by following the instructions in the email." End to end: HTTP command,
 * outbox writer, delivery worker, a real SMTP server; and addresses that pass for another refused
 * before anyone is invited (DOMAIN.md: licensed users need an individual address).
 */
describe('invitations to a licence', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let world: NotificationWorld;
  // A Mission Critical account: CSM Carla, case team Tom (notified) and Olga, licensed user Jane.
  useMailedWorld('mission-critical', (setting) => ({ smtp, t, world } = setting), {
    env: { PUBLIC_URL: 'https://support.example' },
  });

  async function send(method: 'POST', url: string, as: { email: string; name?: string }, payload?: object) {
    const token = await t.token(as.email, [], as.name);
    return t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    });
  }

  const invite = (email: string) =>
    send('POST', `/v1/licences/${world.licenceId}/users`, HOLDER, samInvitedAs(email));

  /** The messages `action` causes, once everything is delivered. */
  const mailsOf = (action: () => Promise<unknown>) => mailsSentBy(t.runtime.storage, smtp, action);

  it('emails the invitee once, and nobody else, with the licence, the inviter and how to register', async () => {
    const mails = await mailsOf(async () =>
      expect((await invite('sam.tester@acme.example')).statusCode).toBe(201),
    );

    expect(mails.flatMap((mail) => mail.envelopeTo)).toEqual(['sam.tester@acme.example']);
    const [mail] = mails;
    expect(mail.to).toEqual(['sam.tester@acme.example']);
    expect(mail.subject).toBe(
      '[Casetrail] You are invited to Sitefinity (Online Marketing License): complete your registration',
    );
    expect(mail.text).toContain('Hello Sam Tester,');
    expect(mail.text).toContain(
      'Bo Boss <boss@acme.example> invited you to Sitefinity (Online Marketing License).',
    );
    const activation = `https://support.example/v1/licences/${world.licenceId}/users/sam.tester@acme.example/activation`;
    expect(mail.text).toContain(`POST ${activation}`);
    expect(mail.text).toContain('within 48 hours of this invitation');
    expect(mail.html).toContain(`<pre>POST ${activation}</pre>`);
    expect(mail.messageId).toMatch(/^<[0-9a-f-]{36}\.[0-9a-f]{16}@casetrail>$/);
    expect(mail.inReplyTo).toBe(`<licence-${world.licenceId}@casetrail>`);

    // Following the instructions completes the registration, which mails the licence's holder alone.
    const completed = await mailsOf(async () => {
      const response = await send('POST', new URL(activation).pathname, { email: 'sam.tester@acme.example' });
      expect(response.statusCode).toBe(200);
    });
    expect(completed.map((sent) => [sent.envelopeTo, sent.subject])).toEqual([
      [
        [HOLDER.email],
        '[Casetrail] sam.tester@acme.example completed their registration on Sitefinity (Online Marketing License)',
      ],
    ]);
  });

  it('sends the case team, the CSM and the licensed users of the account nothing about it', async () => {
    const mails = await mailsOf(() => invite('rita.new@acme.example'));
    const others = [
      PEOPLE.csm.email,
      PEOPLE.teamMember.email,
      PEOPLE.optedOutMember.email,
      PEOPLE.opener.email,
      HOLDER.email,
    ];
    expect(mails.flatMap((mail) => mail.envelopeTo).filter((to) => others.includes(to))).toEqual([]);
    expect(mails).toHaveLength(1);
  });

  // The addresses a tester licensed as individuals (201 each) that display as support@ or team@.
  it.each([
    ['sup\u200Bport@zeta.test', 'email-invisible-character', 'U+200B, zero-width space'],
    ['sup\u2060port@zeta.test', 'email-invisible-character', 'U+2060, word joiner'],
    ['support\u200D@zeta.test', 'email-invisible-character', 'U+200D, zero-width joiner'],
    ['supp\u00ADort@zeta.test', 'email-invisible-character', 'U+00AD, soft hyphen'],
    ['team\u034F@zeta.test', 'email-invisible-character', 'U+034F, combining grapheme joiner'],
    ['ｓｕｐｐｏｒｔ@zeta.test', 'email-character-variant', 'a width or style variant of "s"'],
    ['ѕupport@zeta.test', 'email-mixed-scripts', 'mixes letters of Latin and Cyrillic'],
    ['jane\u200B@acme.example', 'email-invisible-character', 'U+200B, zero-width space'],
    // Small capitals are Latin and untouched by NFKC: Unicode's confusables name what they pass for.
    ['ᴜlf@acme.example', 'email-character-variant', '"ᴜ" (U+1D1C), which passes for "u"'],
    ['ꜱupport@acme.example', 'email-character-variant', '"ꜱ" (U+A731), which passes for "s"'],
  ])(
    'refuses %j with a 422 naming the email field and the problem, and invites nobody',
    async (email, code, problem) => {
      const mails = await mailsOf(async () => {
        const response = await invite(email);
        expect(response.statusCode).toBe(422);
        expect(response.headers['content-type']).toContain('application/problem+json');
        const body = response.json();
        expect(body.type).toMatch(new RegExp(`${code}$`));
        expect(body.detail).toContain(problem);
        expect(body.errors).toEqual([expect.objectContaining({ field: 'email' })]);
      });
      expect(mails).toEqual([]);
    },
  );

  it.each([
    'SUPPORT@zeta.test',
    'support+cms@zeta.test',
    'support@mail.zeta.test',
    'ınfo@zeta.test',
    'admın@zeta.test',
  ])('still refuses plain group address %s as one', async (email) => {
    const response = await invite(email);
    expect(response.statusCode).toBe(422);
    expect(response.json().type).toMatch(/group-mailbox-not-allowed$/);
  });

  it.each(['josé@acme.example', 'иван@почта.рф'])(
    'invites %s, an internationalised address in one script',
    async (email) => {
      const mails = await mailsOf(async () => expect((await invite(email)).statusCode).toBe(201));
      expect(mails.flatMap((mail) => mail.envelopeTo)).toEqual([email]);
    },
  );
});
