import { Logger } from '@nestjs/common';
import { Command } from 'commander';
import type { ReadModelStore } from '@casetrail/readmodels';
import { loadConfig } from '../../../api/src/config/app-config';
import { applyLogging } from '../../../api/src/config/log-levels';
import { DeliveryJournal } from '../../../api/src/notifications/delivery/delivery-journal';
import {
  NOTIFICATION_DELIVERIES,
  type DeliveryRecord,
} from '../../../api/src/notifications/delivery/delivery-record';
import {
  deadLetters,
  notificationDeliverySummary,
  type DeadLetter,
  type NotificationDeliverySummary,
} from '../../../api/src/notifications/delivery/delivery-summary';
import {
  isLostWithRestoredLog,
  LOST_EVENT_REASON,
  LOST_WITH_RESTORED_LOG,
} from '../../../api/src/notifications/delivery/lost-with-restored-log';
import { NotificationPipeline } from '../../../api/src/notifications/notification-pipeline';
import { loadNotificationSettings } from '../../../api/src/notifications/notification-settings';
import { openRuntime } from '../../../api/src/runtime/open-runtime';
import { systemClock } from '../../../api/src/runtime/runtime';
import { nestProjectionLogger } from '../../../api/src/shared/nest-projection-logger';
import { DamagedStreams } from '../../../api/src/storage/damaged-streams';
import { recordSetAside, storeDamagedStream } from '../../../api/src/storage/damaged-streams-elsewhere';
import { openStorage } from '../../../api/src/storage/open-storage';
import { requireExistingStores } from './shared/existing-stores';
import { integerOption } from './shared/integer-option';

interface NotificationsOptions {
  dead: boolean;
  limit: number;
  requeue?: string;
  json: boolean;
}

/**
 * `notifications [--dead]`: delivery counts and the dead-letter list; `--requeue <id>` gives a dead
 * letter another round of attempts. `notify`: runs the notification pipeline in its own process,
 * for deployments whose API does not run it (EMBEDDED_PROJECTOR=false or NOTIFY_IN_PROCESS=false).
 */
export function registerNotificationsCommands(program: Command): void {
  program
    .command('notifications')
    .description(
      'Notification delivery: pending, sent and dead-lettered counts (--dead lists the dead letters)',
    )
    .option(
      '--dead',
      'list the dead letters (notifications given up on, and those lost with a restored log)',
      false,
    )
    .option('--limit <n>', 'at most this many dead letters', integerOption({ minimum: 1 }), 100)
    .option(
      '--requeue <id>',
      'put this dead letter back in the queue with fresh attempts (not one lost with a restored log)',
    )
    .option('--json', 'print JSON', false)
    .action(async (options: NotificationsOptions) => {
      const config = loadConfig();
      // A mistyped DATA_DIR would otherwise get empty stores, and "pending 0, dead 0" would reassure.
      requireExistingStores(config);
      // Only the stores: no policy to load, and no token secret to create in DATA_DIR.
      const storage = await openStorage(config);
      try {
        const { readModels } = storage;
        if (options.requeue) await requeue(readModels, options.requeue);
        const summary = await notificationDeliverySummary(
          readModels,
          storage.eventStore,
          undefined,
          new Date().toISOString(),
        );
        const dead = options.dead ? await deadLetters(readModels, options.limit) : undefined;
        const report = options.json
          ? `${JSON.stringify({ ...summary, ...(dead ? { deadLetters: dead } : {}) }, null, 2)}\n`
          : formatNotificationReport(summary, dead);
        process.stdout.write(report);
      } finally {
        await storage.close();
      }
    });

  program
    .command('notify')
    .description(
      'Run the notification outbox writer and delivery worker (one active per deployment, by lease)',
    )
    .action(async () => {
      const config = loadConfig();
      // Before anything logs: a long-running process honours LOG_LEVEL as `serve` does.
      applyLogging(config.logLevel, config.logFormat);
      // Refused before a store is opened, as `serve` refuses them.
      const settings = loadNotificationSettings(config);
      const runtime = await openRuntime(config);
      const logger = new Logger('Notifications');
      // This process serves no /health: the API's lists what it found under storage, as it does the projector's.
      const damagedStreams = new DamagedStreams(systemClock);
      damagedStreams.observe((found) =>
        storeDamagedStream(runtime.storage.readModels, found).catch((error: unknown) =>
          logger.warn(
            `A stream found damaged could not be stored for the API's /health: ${error instanceof Error ? error.message : String(error)}`,
          ),
        ),
      );
      const pipeline = new NotificationPipeline({
        eventStore: runtime.storage.eventStore,
        readModels: runtime.storage.readModels,
        settings,
        clock: systemClock,
        logger: nestProjectionLogger(logger),
        groupMailboxPatterns: runtime.policy.licensing.groupMailboxPatterns,
        onSetAside: (event) => recordSetAside(damagedStreams, event),
      });
      await pipeline.start();
      logger.log(`Notification pipeline started; delivery via ${pipeline.transport.description}`);
      for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        process.once(signal, () => {
          // As `serve` and `project` say it: an operator sees why the process went away.
          const shutdown = new Logger('Shutdown');
          shutdown.log(`${signal} received: stopping (a send in flight finishes, the leases are released)`);
          pipeline
            .stop()
            .then(() => runtime.storage.close())
            .then(() => shutdown.log('Stopped; the stores are closed cleanly'))
            .then(
              () => process.exit(0),
              (error: unknown) => {
                shutdown.error(`Stopping failed: ${error instanceof Error ? error.message : String(error)}`);
                process.exit(1);
              },
            );
        });
      }
    });
}

function outboxStanding(summary: NotificationDeliverySummary): string {
  if (summary.logEndsAt !== undefined) {
    return ` (BEYOND the log, which ends at ${summary.logEndsAt}: the event store lost events it had applied; run \`casetrail rebuild\`)`;
  }
  return summary.outboxLag === undefined ? '' : ` (${summary.outboxLag} events behind the log)`;
}

export function formatNotificationReport(summary: NotificationDeliverySummary, dead?: DeadLetter[]): string {
  const lines = [
    `pending ${summary.pending} (of which not yet taken up by the delivery worker: ${summary.unadopted}; interrupted by a crash: ${summary.interrupted})`,
    // Only while deliveries fail: the retries' backoff hides a refusing mail server for an hour otherwise.
    ...(summary.retrying
      ? [
          `  retrying after failed attempts: ${summary.retrying.count} (one after ${summary.retrying.mostAttempts}; last error: ${summary.retrying.lastError ?? 'none recorded'})`,
        ]
      : []),
    `sent    ${summary.sent}`,
    `dead    ${summary.dead}`,
    // Only after a restore: an installation that never had one sees the lines it always did.
    ...(summary.lost
      ? [
          `lost    ${summary.lost} (${LOST_WITH_RESTORED_LOG}: pending when the log was restored from an older backup; their events are gone, so they can never be sent)`,
        ]
      : []),
    ...(summary.withheld
      ? [
          `withheld ${summary.withheld} (not sent to a case's assignee the records do not vouch for as staff who may see it: known as a customer, only another account's CSM, or vouched for by nothing; reassign those cases; --dead lists them, each with why)`,
        ]
      : []),
    `outbox writer at event position ${summary.outboxCheckpoint}${outboxStanding(summary)}; delivery records up to ${summary.adoptedUpTo}`,
  ];
  if (dead) {
    lines.push('', dead.length === 0 ? 'No dead letters.' : 'Dead letters (newest first):');
    for (const letter of dead) lines.push(...deadLetterLines(letter));
  }
  return `${lines.join('\n')}\n`;
}

function deadLetterLines(letter: DeadLetter): string[] {
  const about = letter.caseId === null ? `licence ${letter.licenceId}` : `case ${letter.caseId}`;
  const lines = [
    `- ${letter.id}${markOf(letter)}`,
    `  to ${letter.recipient}, ${about}${letter.subject ? `: ${letter.subject}` : ''}`,
    `  ${letter.attempts} attempt(s), given up ${letter.deadAt ?? '?'}: ${letter.lastError ?? 'no error recorded'}`,
  ];
  if (letter.lostWithRestoredLog) lines.push('  cannot be requeued: its event no longer exists');
  return lines;
}

function markOf(letter: DeadLetter): string {
  if (letter.lostWithRestoredLog) return ` [${LOST_WITH_RESTORED_LOG}]`;
  // Why this assignee is not vouched for (a customer, another account's CSM, nobody vouches) is
  // the record's own line below (lastError): the mark says only what all three have in common.
  return letter.withheld ? ' [withheld: the assignee is not vouched for as staff on the case]' : '';
}

async function requeue(readModels: ReadModelStore, id: string): Promise<void> {
  const journal = new DeliveryJournal(readModels);
  await journal.ensureCollections();
  const requeued = await journal.requeue(id, systemClock.now().toISOString());
  if (!requeued) throw new Error(await whyNotRequeued(readModels, id));
  process.stdout.write(`Requeued ${id}\n`);
}

/** The refusal, in words: which id is not a dead letter that can be sent again, and why. */
async function whyNotRequeued(readModels: ReadModelStore, id: string): Promise<string> {
  const record = await readModels.get<DeliveryRecord>(NOTIFICATION_DELIVERIES, id);
  if (record && isLostWithRestoredLog(record)) {
    return (
      `Cannot requeue ${id}: it was ${LOST_WITH_RESTORED_LOG}: ${LOST_EVENT_REASON}, so it can ` +
      'never be sent (requeued, it would stay pending for good). It stays listed under --dead'
    );
  }
  if (record) return `Cannot requeue ${id}: it is ${record.status}, not a dead letter`;
  return `No dead letter with id ${id}`;
}
