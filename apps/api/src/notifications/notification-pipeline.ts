import type { EventStore } from '@casetrail/eventstore';
import {
  ProjectionRunner,
  silentProjectionLogger,
  type OnSetAside,
  type ProjectionLogger,
  type ProjectionStatus,
  type ReadModelStore,
} from '@casetrail/readmodels';
import { licenceCoverFromLog, notificationProjections } from '@casetrail/readmodels/notifications';
import type { Clock } from '../runtime/runtime';
import { readModelsOrigin } from '../storage/read-models-origin';
import { DeliveryJournal } from './delivery/delivery-journal';
import { DeliveryWorker, type DeliveryWorkerState } from './delivery/delivery-worker';
import { openMailTransport } from './mail/open-mail-transport';
import type { MailTransport } from './mail/mail-transport';
import type { NotificationSettings } from './notification-settings';
import { OutboxRetention } from './retention/outbox-retention';
import { rowsNeverSentPastCursor } from './retention/rows-never-sent';

export interface NotificationPipelineOptions {
  eventStore: EventStore;
  readModels: ReadModelStore;
  settings: NotificationSettings;
  clock: Clock;
  logger?: ProjectionLogger;
  /** Defaults to SMTP or .eml files per the settings; tests may pass their own. */
  transport?: MailTransport;
  /** Lease owner for both halves; unique per process by default. */
  runnerId?: string;
  /** The policy's group-mailbox patterns (never mailed a licence change); the built-in ones if absent. */
  groupMailboxPatterns?: readonly string[];
  /** Told of each stored event the outbox writer could not read and went on without (no mail of it is sent). */
  onSetAside?: OnSetAside;
}

/** What the in-process pipeline reports besides the store's counts. */
export interface NotificationPipelineStatus {
  transport: string;
  outbox: ProjectionStatus[];
  delivery: { state: DeliveryWorkerState; lastError?: string };
}

/**
 * The notification process manager, both halves: the outbox writer (a projection with its own
 * checkpoint, in its own runner so rebuilding the read models never touches it) and the delivery
 * worker. Each half is single-active across processes by lease, so every process may run a
 * pipeline: the others stand by and take over when the active one dies.
 */
export class NotificationPipeline {
  readonly runner: ProjectionRunner;
  readonly worker: DeliveryWorker;
  readonly retention: OutboxRetention;
  readonly transport: MailTransport;
  private readonly readModels: ReadModelStore;
  private readonly logger: ProjectionLogger;

  constructor(options: NotificationPipelineOptions) {
    const { eventStore, readModels, settings, clock } = options;
    const logger = options.logger ?? silentProjectionLogger;
    this.readModels = readModels;
    this.logger = logger;
    this.transport = options.transport ?? openMailTransport(settings);
    this.runner = new ProjectionRunner({
      eventStore,
      readModels,
      projections: notificationProjections({
        supportTeam: settings.supportTeam,
        rowsNeverSent: rowsNeverSentPastCursor,
        groupMailboxPatterns: options.groupMailboxPatterns,
        // A rebuild (the CLI's) replays every account's registration, so knows every licence anyway.
        licenceCoverFromLog: licenceCoverFromLog(eventStore),
      }),
      logger,
      runnerId: options.runnerId,
      leaseTtlMs: settings.leaseTtlMs,
      onSetAside: options.onSetAside,
    });
    this.worker = new DeliveryWorker({
      readModels,
      transport: this.transport,
      clock,
      settings,
      logger,
      workerId: options.runnerId,
    });
    this.retention = new OutboxRetention({
      readModels,
      clock,
      retentionDays: settings.retentionDays,
      logger,
      ownerId: options.runnerId,
      leaseTtlMs: settings.leaseTtlMs,
    });
  }

  async start(): Promise<void> {
    await this.beginDelivery();
    await this.runner.start();
    await this.worker.start();
    this.retention.start();
  }

  /**
   * The first start over a read-model store gives delivery its starting point: the store's origin
   * (see read-models-origin.ts), the start of the log unless the store was created over a log
   * already written. A notifier started later than the API still delivers everything since then.
   */
  private async beginDelivery(): Promise<void> {
    const journal = new DeliveryJournal(this.readModels);
    await journal.ensureCollections();
    if (await journal.hasBegun()) return;
    const origin = await readModelsOrigin(this.readModels);
    await journal.skipUpTo(origin);
    if (origin > 0) {
      this.logger.warn(
        'the read models were created over an existing log: notifications begin after it, none is sent about the history again',
        { position: origin },
      );
    }
  }

  async stop(): Promise<void> {
    await Promise.all([this.worker.stop(), this.runner.stop(), this.retention.stop()]);
    await this.transport.close();
  }

  async status(): Promise<NotificationPipelineStatus> {
    const latestError = this.worker.latestError;
    return {
      transport: this.transport.description,
      outbox: await this.runner.status(),
      delivery: { state: this.worker.currentState, ...(latestError ? { lastError: latestError } : {}) },
    };
  }
}
