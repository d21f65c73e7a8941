/**
 * Fault-test child: runs the counting projection over a SQLite event store into a SQLite
 * read-model store, and prints one JSON line per runner log entry ({ level, message, ... }) and
 * `{ "message": "holding" }` when it reaches the hold point, so the test can kill it mid-batch.
 *
 *   projector-child.ts --events <db> --readmodels <db> --runner-id <id>
 *                      [--hold-flag <file> --hold-at <position>]   (wait at that event while the file exists)
 *                      [--until-caught-up]                          (catch up, stop gracefully, exit 0)
 */
import { openSqliteEventStore } from '@casetrail/eventstore';
import { openSqliteReadModelStore, ProjectionRunner, type ProjectionLogger } from '@casetrail/readmodels';
import { parseArgs } from 'node:util';
import { countingProjection } from './projector-counting.projection';

/** Short lease so a test waits about a second for a killed runner's lease to expire. */
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
      events: { type: 'string' },
      readmodels: { type: 'string' },
      'runner-id': { type: 'string' },
      'hold-flag': { type: 'string' },
      'hold-at': { type: 'string' },
      'until-caught-up': { type: 'boolean', default: false },
    },
  });
  if (!values.events || !values.readmodels || !values['runner-id']) {
    throw new Error('--events, --readmodels and --runner-id are required');
  }
  const eventStore = openSqliteEventStore(values.events, { pollIntervalMs: 20 });
  const readModels = openSqliteReadModelStore(values.readmodels);
  const projection = countingProjection({
    flagFile: values['hold-flag'],
    holdAt: values['hold-at'] === undefined ? undefined : Number(values['hold-at']),
    onHold: () => print({ message: 'holding' }),
  });
  const runner = new ProjectionRunner({
    eventStore,
    readModels,
    projections: [projection],
    runnerId: values['runner-id'],
    logger,
    leaseTtlMs: CHILD_LEASE_TTL_MS,
    leaseRenewIntervalMs: 200,
    standbyRetryMs: 100,
    batchSize: 100,
  });

  const shutdown = async () => {
    await runner.stop();
    await Promise.all([eventStore.close(), readModels.close()]);
  };
  process.once('SIGTERM', () => void shutdown().then(() => process.exit(0)));

  await runner.start();
  print({ message: 'started', state: (await runner.status())[0].state });
  if (values['until-caught-up']) {
    const caughtUp = await runner.catchUp(60_000);
    await shutdown();
    print({ message: caughtUp ? 'caught up' : 'timed out' });
    process.exit(caughtUp ? 0 : 1);
  }
}

main().catch((error: unknown) => {
  print({ level: 'fatal', message: error instanceof Error ? error.stack : String(error) });
  process.exit(2);
});
