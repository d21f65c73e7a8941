import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NOTIFICATIONS_OUTBOX_PROJECTION } from '@casetrail/readmodels/notifications';
import type { BackupManifest } from '../apps/cli/src/commands/backup/back-up-stores';
import { untilAllDelivered } from './support/notifications/delivery-probe';
import { NotificationWorld, PEOPLE } from './support/notifications/notification-world';
import { TestSmtpServer } from './support/notifications/test-smtp-server';
import { cli } from './support/run-cli';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * `casetrail backup` while the desk runs, and the restore that goes wrong most easily: an event log
 * older than the read models beside it (copied one after the other with `cp`, or the log taken from
 * an older backup). The API refuses to start on such a pair and sends the operator to `casetrail
 * rebuild`, which must then be enough: the read models, the notification outbox, the delivery
 * cursor and the SLA timers' relay all come back to the restored log, nobody is mailed about the
 * past again, and what happens next is mailed (its events take positions the lost ones had).
 */
describe('backup, and a restore whose event log is older than its read models', () => {
  let smtp: TestSmtpServer;
  let dataDir: string;
  let backupDir: string;
  let t: TestApp | undefined;
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    Object.assign(process.env, { NOTIFY_POLL_MS: '20' });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-restore-'));
    backupDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-backups-')), 'monday');
  });

  afterAll(async () => {
    await t?.close();
    await smtp.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(path.dirname(backupDir), { recursive: true, force: true });
    process.env = savedEnv;
  });

  const start = () => startTestApp({ dataDir, env: { SMTP_URL: smtp.url } });

  it('backs up while running, and `rebuild` brings a restored older log back into service', async () => {
    t = await start();
    const world = await new NotificationWorld(t).setUp('mission-critical');
    const caseId = await world.openCase();
    await untilAllDelivered(t.runtime.storage);

    // Given a backup taken while the API runs.
    const backup = await cli(dataDir, 'backup', backupDir);
    expect(backup).toMatchObject({ code: 0 });
    const manifest = JSON.parse(
      fs.readFileSync(path.join(backupDir, 'backup.json'), 'utf8'),
    ) as BackupManifest;
    // (The secret is copied when DATA_DIR holds it; the test app signs with AUTH_JWT_SECRET.)
    expect(manifest.files.map((file) => file.name)).toEqual(['events.sqlite', 'readmodels.sqlite']);
    for (const file of manifest.files) {
      expect(fs.statSync(path.join(backupDir, file.name)).mode & 0o777).toBe(0o600);
    }
    const head = manifest.eventLog!.head;
    expect(head).toBeGreaterThan(0);
    for (const position of Object.values(manifest.readModels!.checkpoints))
      expect(position).toBeLessThanOrEqual(head);
    // A second backup into the same folder would overwrite the first: refused.
    expect(await cli(dataDir, 'backup', backupDir)).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/not empty/),
    });

    // And more work after it, mailed as usual.
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/comments`, { body: 'Looking into it' });
    await untilAllDelivered(t.runtime.storage);
    const mailedBeforeRestore = smtp.received.length;
    await t.close();
    t = undefined;

    // When only the event log is restored from the backup: the read models are ahead of it.
    for (const suffix of ['', '-wal', '-shm', '.clean-close']) {
      fs.rmSync(path.join(dataDir, `events.sqlite${suffix}`), { force: true });
    }
    fs.copyFileSync(path.join(backupDir, 'events.sqlite'), path.join(dataDir, 'events.sqlite'));
    await expect(start()).rejects.toThrow(/run `casetrail rebuild`/);

    expect((await cli(dataDir, 'notifications')).stdout).toMatch(
      new RegExp(`BEYOND the log, which ends at ${head}.*run \`casetrail rebuild\``),
    );

    // Then the advised command is enough.
    const rebuild = await cli(dataDir, 'rebuild');
    expect(rebuild.code).toBe(0);
    expect(rebuild.stdout).toMatch(`Rebuilt notifications-outbox up to position ${head}`);
    expect(rebuild.stdout).toMatch(
      new RegExp(`Moved the notification delivery cursor back from \\d+ to ${head}`),
    );
    expect(rebuild.stdout).toMatch(
      new RegExp(`Moved the SLA timers' case-event relay back from \\d+ to ${head}`),
    );

    t = await start();
    const stores = t.runtime.storage.readModels;
    for (let waited = 0; (await stores.getCheckpoint(NOTIFICATIONS_OUTBOX_PROJECTION)) < head; waited += 10) {
      if (waited > 10_000) throw new Error('the outbox writer did not catch up');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.received.length).toBe(mailedBeforeRestore);

    // The next change takes a position a lost event had, and is mailed all the same.
    await new NotificationWorld(t).call('engineer', 'POST', `/v1/cases/${caseId}/comments`, {
      body: 'Restored, and back on it',
    });
    await smtp.waitFor((received) =>
      received
        .slice(mailedBeforeRestore)
        .some(
          (mail) =>
            mail.envelopeTo.includes(PEOPLE.opener.email) && mail.text.includes('Restored, and back on it'),
        ),
    );
  });
});
