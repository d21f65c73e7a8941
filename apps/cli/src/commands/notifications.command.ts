import { Logger } from '@nestjs/common';
import { Command, InvalidArgumentError } from 'commander';
import type { ReadModelStore } from '@casetrail/readmodels';
import { DeliveryJournal } from '../../../api/src/notifications/delivery/delivery-journal';
import {
  deadLetters,
  notificationDeliverySummary,
  type DeadLetter,
  type NotificationDeliverySummary,
} from '../../../api/src/notifications/delivery/delivery-summary';
import { NotificationPipeline } from '../../../api/src/notifications/notification-pipeline';
import { loadNotificationSettings } from '../../../api/src/notifications/notification-settings';
import { openRuntime } from '../../../api/src/runtime/open-runtime';
import { systemClock } from '../../../api/src/runtime/runtime';
import { nestProjectionLogger } from '../../../api/src/shared/nest-projection-logger';

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
    .option('--dead', 'list the dead letters (notifications given up on)', false)
    .option('--limit <n>', 'at most this many dead letters', positiveInteger, 100)
    .option('--requeue <id>', 'put this dead letter back in the queue with fresh attempts')
    .option('--json', 'print JSON', false)
    .action(async (options: NotificationsOptions) => {
      const runtime = await openRuntime();
      try {
        const { readModels } = runtime.storage;
        if (options.requeue) await requeue(readModels, options.requeue);
        const summary = await notificationDeliverySummary(readModels);
        const dead = options.dead ? await deadLetters(readModels, options.limit) : undefined;
        const report = options.json
          ? `${JSON.stringify({ ...summary, ...(dead ? { deadLetters: dead } : {}) }, null, 2)}\n`
          : formatNotificationReport(summary, dead);
        process.stdout.write(report);
      } finally {
        await runtime.storage.close();
      }
    });

  program
    .command('notify')
    .description(
      'Run the notification outbox writer and delivery worker (one active per deployment, by lease)',
    )
    .action(async () => {
      const runtime = await openRuntime();
      const settings = loadNotificationSettings(runtime.config);
      const logger = new Logger('Notifications');
      const pipeline = new NotificationPipeline({
        eventStore: runtime.storage.eventStore,
        readModels: runtime.storage.readModels,
        settings,
        clock: systemClock,
        logger: nestProjectionLogger(logger),
      });
      await pipeline.start();
      logger.log(`Notification pipeline started; delivery via ${pipeline.transport.description}`);
      for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        process.once(signal, () => {
          void pipeline
            .stop()
            .then(() => runtime.storage.close())
            .then(() => process.exit(0));
        });
      }
    });
}

export function formatNotificationReport(summary: NotificationDeliverySummary, dead?: DeadLetter[]): string {
  const lines = [
    `pending ${summary.pending} (of which interrupted by a crash: ${summary.interrupted})`,
    `sent    ${summary.sent}`,
    `dead    ${summary.dead}`,
    `outbox writer at event position ${summary.outboxCheckpoint}; delivery records up to ${summary.adoptedUpTo}`,
  ];
  if (dead) {
    lines.push('', dead.length === 0 ? 'No dead letters.' : 'Dead letters (newest first):');
    for (const letter of dead) {
      lines.push(
        `- ${letter.id}`,
        `  to ${letter.recipient}, case ${letter.caseId}${letter.subject ? `: ${letter.subject}` : ''}`,
        `  ${letter.attempts} attempt(s), given up ${letter.deadAt ?? '?'}: ${letter.lastError ?? 'no error recorded'}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

async function requeue(readModels: ReadModelStore, id: string): Promise<void> {
  const journal = new DeliveryJournal(readModels);
  await journal.ensureCollections();
  const requeued = await journal.requeue(id, systemClock.now().toISOString());
  if (!requeued) throw new Error(`No dead letter with id ${id}`);
  process.stdout.write(`Requeued ${id}\n`);
}

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError('must be a positive integer');
  return parsed;
}
