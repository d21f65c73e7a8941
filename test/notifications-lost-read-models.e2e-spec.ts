import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NOTIFICATIONS_OUTBOX_PROJECTION } from '@casetrail/readmodels/notifications';
import { untilAllDelivered } from './support/notifications/delivery-probe';
import { NotificationWorld, PEOPLE } from './support/notifications/notification-world';
import { TestSmtpServer } from './support/notifications/test-smtp-server';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * The read models are the only record of what was mailed, and the message for a damaged
 * readmodels.sqlite says to move it away. Started again without it, the desk must not mail every
 * opener, team member and CSM about the whole history once more: delivery begins where the log
 * stood when the new read models were created, and what happens next is mailed as usual.
 */
describe('notifications after the read models are lost', () => {
  let smtp: TestSmtpServer;
  let dataDir: string;
  let t: TestApp | undefined;
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    Object.assign(process.env, { NOTIFY_POLL_MS: '20' });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-lost-read-models-'));
  });

  afterAll(async () => {
    await t?.close();
    await smtp.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    process.env = savedEnv;
  });

  const start = () => startTestApp({ dataDir, env: { SMTP_URL: smtp.url } });

  it('mails nobody about the history again, and mails what happens next', async () => {
    t = await start();
    const world = await new NotificationWorld(t).setUp('mission-critical');
    const caseId = await world.openCase();
    await untilAllDelivered(t.runtime.storage);
    const mailedBefore = smtp.received.length;
    expect(mailedBefore).toBeGreaterThan(0);
    await t.close();

    const readModels = path.join(dataDir, 'readmodels.sqlite');
    for (const suffix of ['', '-wal', '-shm', '.clean-close']) {
      fs.rmSync(`${readModels}${suffix}`, { force: true });
    }

    t = await start();
    const { eventStore, readModels: stores } = t.runtime.storage;
    const head = await eventStore.headPosition();
    // The outbox writer has been through the whole history, and delivery has had its chance.
    for (let waited = 0; (await stores.getCheckpoint(NOTIFICATIONS_OUTBOX_PROJECTION)) < head; waited += 10) {
      if (waited > 10_000) throw new Error('the outbox writer did not catch up');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.received.length).toBe(mailedBefore);

    await new NotificationWorld(t).call('engineer', 'POST', `/v1/cases/${caseId}/comments`, {
      body: 'We are looking into it',
    });
    await smtp.waitFor((received) =>
      received.slice(mailedBefore).some((mail) => mail.envelopeTo.includes(PEOPLE.opener.email)),
    );
  });
});
