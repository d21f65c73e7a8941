import { NOTIFICATION_DELIVERIES } from '../apps/api/src/notifications/delivery/delivery-record';
import { NotificationWorld, PEOPLE } from './support/notifications/notification-world';
import { TestSmtpServer } from './support/notifications/test-smtp-server';
import { eventually } from './support/projector-fixture';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * A mail server that greets and then never answers lets no mail out, yet fails an attempt only
 * once per socket timeout (60 s), each time on another notification of the backlog: no failure
 * count ever tells. /health and /metrics say it by how long the oldest due notification has waited.
 * New notifications are taken up (adopted) meanwhile: only sending waits for the server.
 */
describe('/health when mail is not getting out though a delivery worker is at work', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let world: NotificationWorld;
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    smtp = await TestSmtpServer.start({ neverAnswerMailFrom: true });
    Object.assign(process.env, { NOTIFY_POLL_MS: '20' });
    t = await startTestApp({ env: { SMTP_URL: smtp.url } });
    // Invitations and the licence's mail to its holder: the backlog.
    world = await new NotificationWorld(t).setUp('enterprise');
    await eventually(
      async () =>
        (await t.runtime.storage.readModels.count(NOTIFICATION_DELIVERIES)) > 0 &&
        smtp.mailFromsUnanswered > 0,
    );
  });

  afterAll(async () => {
    // The server first: it drops the hung connection, so the worker's send ends and the app stops.
    await smtp?.close();
    await t?.close();
    process.env = savedEnv;
  });

  const health = async () => {
    const authorization = `Bearer ${await t.token(PEOPLE.admin.email, ['admin'])}`;
    return (await t.app.inject({ method: 'GET', url: '/health', headers: { authorization } })).json();
  };

  it('takes up the notifications of a case opened meanwhile though the send in flight waits on the server', async () => {
    const { readModels } = t.runtime.storage;
    const adoptedBefore: number = (await health()).notifications.adoptedUpTo;
    const caseId = await world.openCase('Checkout fails during the mail outage');
    // Well within the 60 s socket timeout the send waits for: adoption does not wait for it.
    await eventually(async () => (await readModels.count(NOTIFICATION_DELIVERIES, { caseId })) > 0, 10_000);
    expect((await health()).notifications.adoptedUpTo).toBeGreaterThan(adoptedBefore);
    // Still the first send, still unanswered.
    expect(smtp.mailFromsUnanswered).toBe(1);
    expect(smtp.received).toHaveLength(0);
  });

  it('stays up while the oldest due notification has waited less than NOTIFY_LATE_AFTER_MS (2 minutes)', async () => {
    t.clock.advance(60_000);
    const report = await health();
    expect(report.status).toBe('up');
    expect(report.notifications.due).toBeGreaterThan(0);
    expect(report.notifications.oldestDueForMs).toBeGreaterThanOrEqual(60_000);
  });

  it('turns degraded once it has waited longer, naming the backlog, since when, and what to check', async () => {
    t.clock.advance(61_000);
    const report = await health();
    expect(report.status).toBe('degraded');
    const due: number = report.notifications.due;
    expect(report.reasons).toEqual([
      `notifications: ${due} notification${due === 1 ? '' : 's'} due and not sent, the oldest waiting since ${report.notifications.oldestDueAt} (over 120 s, NOTIFY_LATE_AFTER_MS): mail is not getting out, or not fast enough; check the mail server (SMTP_URL) and the delivery worker's log`,
    ]);
    expect(report.notifications.leases.delivery.state).toBe('held');

    const metrics = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toContain('casetrail_health_status{status="degraded"} 1');
    expect(metrics).toContain(`casetrail_notifications_due ${due}`);
    const oldest = Number(/^casetrail_notifications_oldest_due_seconds (\S+)$/m.exec(metrics)?.[1]);
    expect(oldest).toBeGreaterThan(120);
  });
});
