import { join } from 'node:path';
import { openSqliteEventStore } from '@casetrail/eventstore';
import { openSqliteReadModelStore, ProjectionRunner } from '@casetrail/readmodels';
import {
  NOTIFICATION_CASE_FACTS,
  NOTIFICATION_OUTBOX,
  NOTIFICATIONS_OUTBOX_PROJECTION,
  notificationProjections,
} from '@casetrail/readmodels/notifications';
import { loadConfig } from '../apps/api/src/config/app-config';
import { POLICY_ARCHIVE_STREAM } from '../apps/api/src/policy-archive/policy-archive-stream';
import { DeliveryJournal } from '../apps/api/src/notifications/delivery/delivery-journal';
import { adoptNewNotifications } from '../apps/api/src/notifications/delivery/outbox-adopter';
import { NotificationPipeline } from '../apps/api/src/notifications/notification-pipeline';
import { loadNotificationSettings } from '../apps/api/src/notifications/notification-settings';
import { RecordingTransport } from '../apps/api/src/notifications/testing/outbox-fixture';
import { tempDir } from './support/fault/temp-dir';
import { spawnTs } from './support/spawn-ts';

/** Runs `casetrail demo-data <args>` on `dataDir`; resolves with its exit code and output. */
function demoData(dataDir: string, ...args: string[]): Promise<{ code: number | null; stdout: string }> {
  const child = spawnTs('apps/cli/src/main.ts', ['demo-data', ...args], {
    env: { DATA_DIR: dataDir, LOG_LEVEL: 'error' },
  });
  let stdout = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout })));
}

describe('casetrail demo-data', () => {
  const dir = tempDir('demo-data-cli');
  afterAll(() => dir.remove());

  it('writes a history no one is notified of: delivery starts after it', async () => {
    const run = await demoData(dir.path, '--cases', '12', '--days', '3');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Wrote \d+ events \(12 cases\).*no one is notified of this history/);

    const eventStore = openSqliteEventStore(join(dir.path, 'events.sqlite'));
    const readModels = openSqliteReadModelStore(join(dir.path, 'readmodels.sqlite'));
    try {
      // The policy the simulated targets were computed under is recorded after the history, in
      // force (adoptedAt) from the history's first instant, not from its last.
      const [first] = await eventStore.readAll({ after: 0, maxCount: 1 });
      const [adoption] = await eventStore.readStream(POLICY_ARCHIVE_STREAM);
      expect(adoption.position).toBe(await eventStore.headPosition());
      expect((adoption.data as { adoptedAt?: string }).adoptedAt).toBe(first.recordedAt);
      // The outbox still works out what each event of the history would have sent...
      const runner = new ProjectionRunner({
        eventStore,
        readModels,
        projections: notificationProjections({ supportTeam: [] }),
      });
      await runner.start();
      expect(await runner.catchUp(30_000)).toBe(true);
      await runner.stop();
      expect(await readModels.count(NOTIFICATION_OUTBOX, {})).toBeGreaterThan(0);
      // ...and the delivery worker adopts none of it.
      const journal = new DeliveryJournal(readModels);
      expect(await adoptNewNotifications(readModels, journal, new Date().toISOString(), 500)).toBe(0);
    } finally {
      await Promise.all([eventStore.close(), readModels.close()]);
    }
  });

  it('leaves no outbox row of that history once the notification pipeline has followed it, and mails no one', async () => {
    const fresh = tempDir('demo-data-pipeline');
    try {
      expect((await demoData(fresh.path, '--cases', '12', '--days', '3')).code).toBe(0);
      const eventStore = openSqliteEventStore(join(fresh.path, 'events.sqlite'));
      const readModels = openSqliteReadModelStore(join(fresh.path, 'readmodels.sqlite'));
      const transport = new RecordingTransport();
      const pipeline = new NotificationPipeline({
        eventStore,
        readModels,
        settings: loadNotificationSettings(loadConfig({ DATA_DIR: fresh.path }), { NOTIFY_POLL_MS: '20' }),
        clock: { now: () => new Date() },
        transport,
      });
      try {
        await pipeline.start();
        const head = await eventStore.headPosition();
        for (let waited = 0; waited < 30_000; waited += 50) {
          if ((await readModels.getCheckpoint(NOTIFICATIONS_OUTBOX_PROJECTION)) >= head) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        expect(await readModels.getCheckpoint(NOTIFICATIONS_OUTBOX_PROJECTION)).toBe(head);
        // It followed the cases (it must, to tell the right people of what happens next)...
        expect(await readModels.count(NOTIFICATION_CASE_FACTS, {})).toBe(12);
        // ...without storing what it would have sent about them: nothing is to be sent.
        expect(await readModels.count(NOTIFICATION_OUTBOX, {})).toBe(0);
        await pipeline.worker.runOnce();
        expect(transport.sent).toEqual([]);
      } finally {
        await pipeline.stop();
        await Promise.all([eventStore.close(), readModels.close()]);
      }
    } finally {
      fresh.remove();
    }
  });
});
