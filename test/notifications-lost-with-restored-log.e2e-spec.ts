import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NOTIFICATIONS_OUTBOX_PROJECTION } from '@casetrail/readmodels/notifications';
import {
  NOTIFICATION_DELIVERIES,
  type DeliveryRecord,
} from '../apps/api/src/notifications/delivery/delivery-record';
import { untilAllDelivered } from './support/notifications/delivery-probe';
import { NotificationWorld, PEOPLE } from './support/notifications/notification-world';
import { TestSmtpServer } from './support/notifications/test-smtp-server';
import { cli } from './support/run-cli';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * An event log restored from a backup older than its read models: the notifications still pending
 * for the events the restored log no longer has can never be sent. `casetrail rebuild` sets them
 * aside; then `casetrail notifications` marks them, refuses to requeue them (requeued, they waited
 * for their outbox rows forever, pending), and /health lists them without calling the desk degraded
 * for a day, as it does for real delivery failures.
 */
describe('notifications lost with a restored event log', () => {
  let accepting: TestSmtpServer;
  let refusing: TestSmtpServer;
  let dataDir: string;
  let olderLog: string;
  let t: TestApp | undefined;
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    accepting = await TestSmtpServer.start();
    refusing = await TestSmtpServer.start({ refuseFirst: Number.MAX_SAFE_INTEGER });
    // Refused sends are retried an hour later on the application clock, which stands still here.
    Object.assign(process.env, { NOTIFY_POLL_MS: '20', NOTIFY_RETRY_BASE_MS: '3600000' });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-lost-notifications-'));
    olderLog = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-older-log-')), 'events.sqlite');
  });

  afterAll(async () => {
    await t?.close();
    await Promise.all([accepting.close(), refusing.close()]);
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(path.dirname(olderLog), { recursive: true, force: true });
    process.env = savedEnv;
  });

  const start = (smtp: TestSmtpServer) => startTestApp({ dataDir, env: { SMTP_URL: smtp.url } });
  const lostRecords = async (app: TestApp) =>
    (
      await app.runtime.storage.readModels.find<DeliveryRecord>(NOTIFICATION_DELIVERIES, {
        where: { status: 'lost' },
      })
    ).items;

  it('sets them aside at `rebuild`, marks them, refuses to requeue them, and keeps /health up', async () => {
    // Given a desk whose log is copied aside (the older backup) after everything was mailed.
    t = await start(accepting);
    const world = await new NotificationWorld(t).setUp('mission-critical');
    const caseId = await world.openCase();
    await untilAllDelivered(t.runtime.storage);
    await t.close();
    fs.copyFileSync(path.join(dataDir, 'events.sqlite'), olderLog);

    // And a comment after it whose three notifications the SMTP server keeps refusing.
    t = await start(refusing);
    await new NotificationWorld(t).call('engineer', 'POST', `/v1/cases/${caseId}/comments`, {
      body: 'Looking into it',
    });
    for (let waited = 0; refusing.refusals < 3; waited += 20) {
      if (waited > 15_000) throw new Error(`only ${refusing.refusals} of 3 sends were tried`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await t.close();
    t = undefined;

    // When the log is restored from the older copy, and `rebuild` brings the rest back to it.
    for (const suffix of ['', '-wal', '-shm', '.clean-close'])
      fs.rmSync(path.join(dataDir, `events.sqlite${suffix}`), { force: true });
    fs.copyFileSync(olderLog, path.join(dataDir, 'events.sqlite'));
    const rebuild = await cli(dataDir, 'rebuild');
    expect(rebuild).toMatchObject({ code: 0 });
    expect(rebuild.stdout).toContain(
      'Set aside 3 pending notification(s) of events no longer in the log as lost with the restored log',
    );

    // Then the operator's list marks them, apart from the dead letters.
    const listed = await cli(dataDir, 'notifications', '--dead');
    expect(listed).toMatchObject({ code: 0 });
    expect(listed.stdout).toContain('\ndead    0\n');
    expect(listed.stdout).toMatch(/\nlost {4}3 \(lost with the restored log: /);
    const marked = [...listed.stdout.matchAll(/^- (\S+) \[lost with the restored log\]$/gm)].map(
      (match) => match[1],
    );
    expect(marked).toHaveLength(3);
    expect(listed.stdout.match(/cannot be requeued: its event no longer exists/g)).toHaveLength(3);

    // And a requeue is refused, saying why, with a non-zero exit.
    const requeue = await cli(dataDir, 'notifications', '--requeue', marked[0]);
    expect(requeue.code).toBe(1);
    expect(requeue.stderr).toContain(`Cannot requeue ${marked[0]}: it was lost with the restored log`);
    expect(requeue.stdout).not.toContain('Requeued');

    // And the desk starts, nothing is stuck pending, and /health is up while listing them.
    t = await start(accepting);
    const stores = t.runtime.storage;
    for (let waited = 0; ; waited += 20) {
      const [outbox, head] = await Promise.all([
        stores.readModels.getCheckpoint(NOTIFICATIONS_OUTBOX_PROJECTION),
        stores.eventStore.headPosition(),
      ]);
      if (outbox >= head) break;
      if (waited > 10_000) throw new Error('the outbox writer did not catch up');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect((await lostRecords(t)).map((record) => record.id).sort()).toEqual([...marked].sort());
    const admin = await t.token(PEOPLE.admin.email, ['admin']);
    const health = await t.app.inject({
      method: 'GET',
      url: '/health',
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({
      status: 'up',
      notifications: { pending: 0, dead: 0, lost: 3 },
    });
    expect(health.json()).not.toHaveProperty('reasons');
  });
});
