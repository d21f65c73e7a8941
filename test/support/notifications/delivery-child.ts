/**
 * Fault-test child: runs the notification pipeline (outbox writer + delivery worker) over the
 * embedded SQLite stores of a DATA_DIR, sending to an SMTP server, and prints one JSON line per
 * log entry ({ level, message, ... }), `{ "message": "started" }` first. SIGTERM stops it gracefully.
 *
 *   delivery-child.ts --data-dir <dir> --smtp-url <url> --worker-id <id>
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { openSqliteEventStore } from '@casetrail/eventstore';
import { openSqliteReadModelStore, type ProjectionLogger } from '@casetrail/readmodels';
import { loadConfig } from '../../../apps/api/src/config/app-config';
import { NotificationPipeline } from '../../../apps/api/src/notifications/notification-pipeline';
import { loadNotificationSettings } from '../../../apps/api/src/notifications/notification-settings';
import { systemClock } from '../../../apps/api/src/runtime/runtime';

/** Short lease, so the test waits about a second for a killed worker's lease to lapse. */
export const CHILD_LEASE_TTL_MS = 1_000;

function print(line: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ pid: process.pid, ...line })}\n`);
}

const logger: ProjectionLogger = {
  debug: () => undefined,
  info: (message, context) => print({ level: 'info', message, ...context }),
  warn: (message, context) => print({ level: 'warn', message, ...context }),
  error: (message, context) => print({ level: 'error', message, ...context }),
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      'smtp-url': { type: 'string' },
      'worker-id': { type: 'string' },
    },
  });
  const dataDir = values['data-dir'];
  if (!dataDir || !values['smtp-url'] || !values['worker-id']) {
    throw new Error('--data-dir, --smtp-url and --worker-id are required');
  }
  const config = loadConfig({
    DATA_DIR: dataDir,
    SMTP_URL: values['smtp-url'],
    // Unused here, but judged like any other: HS256 wants 32 characters or more.
    AUTH_JWT_SECRET: 'unused-in-this-child-but-long-enough',
  });
  const settings = loadNotificationSettings(config, {
    NOTIFY_POLL_MS: '20',
    NOTIFY_RETRY_BASE_MS: '100',
    NOTIFY_LEASE_TTL_MS: String(CHILD_LEASE_TTL_MS),
  });
  const eventStore = openSqliteEventStore(path.join(dataDir, 'events.sqlite'), { pollIntervalMs: 20 });
  const readModels = openSqliteReadModelStore(path.join(dataDir, 'readmodels.sqlite'));
  const pipeline = new NotificationPipeline({
    eventStore,
    readModels,
    settings,
    clock: systemClock,
    logger,
    runnerId: values['worker-id'],
  });

  process.once('SIGTERM', () => {
    void pipeline
      .stop()
      .then(() => Promise.all([eventStore.close(), readModels.close()]))
      .then(() => process.exit(0));
  });
  await pipeline.start();
  print({ message: 'started', delivery: pipeline.worker.currentState });
}

main().catch((error: unknown) => {
  print({ level: 'fatal', message: error instanceof Error ? error.stack : String(error) });
  process.exit(2);
});
