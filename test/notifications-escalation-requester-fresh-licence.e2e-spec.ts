import type { StaffRole } from '../apps/api/src/auth/actor';
import { mailsSentBy } from './support/notifications/delivery-probe';
import { TestSmtpServer } from './support/notifications/test-smtp-server';
import { startTestApp, type TestApp } from './support/test-app';

interface Someone {
  email: string;
  name: string;
  roles: StaffRole[];
}

const person = (email: string, name: string, roles: StaffRole[] = []): Someone => ({ email, name, roles });
const ADMIN = person('admin@vendor.example', 'Ada Admin', ['admin']);
const CAROL = person('carol@vendor.example', 'Carol CSM', ['csm']);
const DAN = person('dan@vendor.example', 'Dan Engineer', ['engineer']);
const EVE = person('eve@vendor.example', 'Eve Engineer', ['engineer']);
const JANE = person('jane@acme.example', 'Jane X');
const JOE = person('joe@acme.example', 'Joe X');
const PAT = person('pat@acme.example', 'Pat X');

/**
 * The duty-manager tester's steps (findings D1), in their order, on a licence issued by this
 * build: account, Mission Critical licence, CSM, three users (Jane shares and sees shared tickets,
 * Joe only sees them, Pat neither) registered, and only then the case team. Joe escalates Jane's
 * case; he must hear of its acknowledgement, status update and de-escalation. The case team's
 * addition after the users is what made the outbox writer forget who sees shared tickets (fixed
 * with the account-facts change of 9e98310); the tester's log replayed through today's writer mails
 * Joe all three, as this does.
 */
describe('a see-shared colleague who escalated a case on a fresh Mission Critical licence', () => {
  const savedEnv = { ...process.env };
  let smtp: TestSmtpServer;
  let t: TestApp;

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    Object.assign(process.env, { NOTIFY_POLL_MS: '20', SUPPORT_TEAM_EMAIL: 'team@vendor.example' });
    t = await startTestApp({ env: { SMTP_URL: smtp.url } });
  });

  afterAll(async () => {
    await t?.close();
    await smtp?.close();
    process.env = savedEnv;
  });

  async function call(by: Someone, method: 'POST' | 'PUT', url: string, payload: object = {}) {
    const token = await t.token(by.email, by.roles, by.name);
    const response = await t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      payload,
    });
    if (response.statusCode >= 300)
      throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
    return response.body ? response.json() : undefined;
  }

  const mailsToJoe = (action: () => Promise<unknown>) =>
    mailsSentBy(t.runtime.storage, smtp, action, JOE.email);

  it('hears of its acknowledgement, status update and de-escalation', async () => {
    const account = await call(ADMIN, 'POST', '/v1/accounts', { name: 'Acme MC', timeZone: 'Europe/Sofia' });
    const licence = await call(ADMIN, 'POST', `/v1/accounts/${account.id}/licences`, {
      product: 'Sitefinity',
      edition: 'Online Marketing License',
      plan: 'mission-critical',
      activeUntil: '2030-12-31',
      holderEmail: 'boss@acme.example',
    });
    await call(ADMIN, 'PUT', `/v1/accounts/${account.id}/csm`, { email: CAROL.email });
    for (const [user, shareTickets, seeSharedTickets] of [
      [JANE, true, true],
      [JOE, false, true],
      [PAT, false, false],
    ] as const) {
      await call(ADMIN, 'POST', `/v1/licences/${licence.id}/users`, {
        email: user.email,
        firstName: user.name.split(' ')[0],
        lastName: 'X',
        company: 'Acme',
        country: 'BG',
        permissions: { manageUsers: false, shareTickets, seeSharedTickets },
      });
    }
    for (const user of [JANE, JOE, PAT])
      await call(user, 'POST', `/v1/licences/${licence.id}/users/${user.email}/activation`);
    await call(DAN, 'POST', `/v1/accounts/${account.id}/case-team`, {
      email: 'tom@partner.example',
      name: 'Tom Team',
      notify: true,
    });

    const opened = await call(JANE, 'POST', '/v1/cases', {
      licenceId: licence.id,
      title: 'Checkout down for EU',
      description: '500s',
      severity: 2,
      channel: 'web',
    });
    const escalations = `/v1/cases/${opened.id}/escalations`;
    await call(JOE, 'POST', escalations, {
      reason: 'production-impact',
      details: 'All EU checkouts failing',
    });

    const subjects = async (action: () => Promise<unknown>) =>
      (await mailsToJoe(action)).map((mail) => mail.subject);
    expect(
      await subjects(() => call(CAROL, 'POST', `${escalations}/acknowledgement`, { reason: 'CSM on it' })),
    ).toEqual([expect.stringMatching(/: Escalation acknowledged \(level 1\)$/)]);
    expect(
      await subjects(() => call(DAN, 'POST', `${escalations}/status-updates`, { body: 'Root cause found' })),
    ).toEqual([expect.stringMatching(/: Escalation status update \(level 1\)$/)]);
    expect(
      await subjects(() => call(EVE, 'POST', `${escalations}/de-escalation`, { reason: 'Rollback done' })),
    ).toEqual([expect.stringMatching(/: Case de-escalated \(level 1\)$/)]);
  });
});
