import {
  isLeaseOwnerProcessGone,
  processLeaseOwner,
  silentProjectionLogger,
  type ProjectionLogger,
  type ReadModelStore,
} from '@casetrail/readmodels';
import {
  NOTIFICATION_OUTBOX,
  NOTIFICATIONS_OUTBOX_PROJECTION,
  type OutboxNotification,
} from '@casetrail/readmodels/notifications';
import type { Clock } from '../../runtime/runtime';
import { MailDeliveryError, type MailTransport, type OutgoingMail } from '../mail/mail-transport';
import type { NotificationSettings } from '../notification-settings';
import { renderNotification } from '../templates/render-notification';
import { DeliveryJournal } from './delivery-journal';
import { NOTIFICATION_DELIVERIES, type DeliveryRecord } from './delivery-record';
import { UnvouchedAssigneeCheck } from './unvouched-assignee-check';
import { DeliveryLogSummary } from './delivery-log-summary';
import { isLostWithRestoredLog } from './lost-with-restored-log';
import { AdoptionSchedule } from './adoption-schedule';
import { prioritizeUnprioritized } from './priority-backfill';
import { afterFailure } from './retry-schedule';
import { OutageRecovery } from './outage-recovery';

export const DELIVERY_LEASE = 'notifications:delivery';

/**
 * The most urgent first, then the longest due, then in event order: one adoption makes a whole
 * backlog due at the same instant. Served by the delivery records' index of these fields.
 */
const SEND_ORDER: { field: string; direction: 'asc' }[] = [
  { field: 'priority', direction: 'asc' },
  { field: 'nextAttemptAt', direction: 'asc' },
  { field: 'position', direction: 'asc' },
];

export type DeliveryWorkerSettings = Pick<
  NotificationSettings,
  | 'from'
  | 'publicUrl'
  | 'maxAttempts'
  | 'retryBaseMs'
  | 'retryMaxMs'
  | 'pollIntervalMs'
  | 'batchSize'
  | 'leaseTtlMs'
  | 'staffEmailDomains'
>;

export interface DeliveryWorkerOptions {
  readModels: ReadModelStore;
  transport: MailTransport;
  clock: Clock;
  settings: DeliveryWorkerSettings;
  logger?: ProjectionLogger;
  /** Lease owner; unique per process by default. */
  workerId?: string;
  /** At most how often the info line counting what was sent is logged (default 60 s; each mail is a debug line). */
  summaryIntervalMs?: number;
}

/** `standby`: another process holds the delivery lease. `failed`: the last round hit a store error (retried next poll). */
export type DeliveryWorkerState = 'idle' | 'standby' | 'active' | 'failed' | 'stopped';

export interface DeliveryRound {
  adopted: number;
  sent: number;
  failed: number;
  dead: number;
  /** Not sent: the assignee it was for is not vouched for as staff on the case (see unvouched-assignee-check.ts). */
  withheld: number;
}

/**
 * Sends what the outbox holds. One worker is active across all processes (by lease); each poll it
 * adopts new outbox rows (giving each a delivery record, also in the middle of a long round and
 * while a send waits for the server, see adoption-schedule.ts) and sends the due ones, one at a
 * time, the most urgent first and, within a priority, the oldest due first (see
 * delivery-priority.ts): attempt counted, message sent, outcome recorded. A failure is retried with exponential backoff
 * until `maxAttempts`, then the notification is dead-lettered; an SMTP 5xx refusal is dead at once.
 *
 * Delivery is at least once: a crash after the server accepted a message and before the outcome
 * is recorded sends it again on restart, with the same Message-ID, so it is recognisably the same
 * message (the record's history shows the interrupted attempt).
 */
export class DeliveryWorker {
  readonly workerId: string;
  private readonly journal: DeliveryJournal;
  private readonly assigneeCheck: UnvouchedAssigneeCheck;
  private readonly logger: ProjectionLogger;
  private state: DeliveryWorkerState = 'idle';
  private lastError?: string;
  private running = false;
  /** Set by stop(): the round in progress finishes its current notification and sends no more. */
  private stopping = false;
  private timer?: NodeJS.Timeout;
  private current: Promise<unknown> = Promise.resolve();
  private leaseRenewDueAt = 0;
  private collectionsReady = false;
  private readonly summary: DeliveryLogSummary;
  private readonly adoption: AdoptionSchedule;
  private readonly recovery: OutageRecovery;
  /** Set by a send that ended an outage and made the mail waiting on backoff due (see sendDue). */
  private backoffReleased = false;

  constructor(private readonly options: DeliveryWorkerOptions) {
    this.workerId = options.workerId ?? processLeaseOwner();
    this.journal = new DeliveryJournal(options.readModels);
    this.assigneeCheck = new UnvouchedAssigneeCheck(options.readModels, options.settings.staffEmailDomains);
    this.recovery = new OutageRecovery(this.journal);
    this.logger = options.logger ?? silentProjectionLogger;
    this.adoption = new AdoptionSchedule(options.readModels, this.journal, {
      now: () => this.nowIso(),
      intervalMs: options.settings.pollIntervalMs,
      onError: (error) =>
        this.log('warn', 'adopting new notifications failed; will retry', { error: describe(error) }),
    });
    this.summary = new DeliveryLogSummary(
      (message, context) => this.log('info', message, context),
      options.summaryIntervalMs,
    );
  }

  get currentState(): DeliveryWorkerState {
    return this.state;
  }

  get latestError(): string | undefined {
    return this.lastError;
  }

  /** Starts polling, the first round at once; resolves without waiting for it (see below). */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.stopping = false;
    this.state = 'standby';
    // The first round runs in the background like the others: a backlog (after downtime, or a
    // history loaded at once) takes minutes to send, and must not hold up whoever starts the
    // worker, such as the API, which listens only once its modules have started.
    this.current = this.tick();
  }

  /** Finishes the notification in flight, stops, and gives the lease up so a standby takes over at once. */
  async stop(): Promise<void> {
    this.running = false;
    this.stopping = true;
    clearTimeout(this.timer);
    await this.current;
    this.summary.flush(true);
    await this.options.readModels.releaseLease(DELIVERY_LEASE, this.workerId).catch(() => undefined);
    this.state = 'stopped';
  }

  /** One round now, if this worker can hold the lease (undefined when another one does). */
  async runOnce(): Promise<DeliveryRound | undefined> {
    const round = (async () => ((await this.renewLease()) ? this.round() : undefined))();
    this.current = round.catch(() => undefined);
    return round;
  }

  private async tick(): Promise<void> {
    try {
      if (await this.renewLease()) {
        if (this.state !== 'active') this.log('info', 'delivery worker active');
        this.state = 'active';
        await this.round();
        this.lastError = undefined;
      } else {
        this.state = 'standby';
      }
    } catch (error) {
      this.state = 'failed';
      this.lastError = describe(error);
      this.log('error', 'delivery round failed; will retry', { error: this.lastError });
    } finally {
      this.summary.flush();
      if (this.running) {
        this.timer = setTimeout(
          () => void (this.current = this.tick()),
          this.options.settings.pollIntervalMs,
        );
      }
    }
  }

  private async round(): Promise<DeliveryRound> {
    if (!this.collectionsReady) {
      await this.journal.ensureCollections();
      this.collectionsReady = true;
    }
    const totals: DeliveryRound = { adopted: 0, sent: 0, failed: 0, dead: 0, withheld: 0 };
    try {
      await this.adoption.adoptAll();
      totals.adopted += this.adoption.takeAdopted();
      await prioritizeUnprioritized(this.options.readModels, this.journal);
      await this.sendDue(totals);
    } finally {
      // An adoption begun alongside the last send finishes within the round, counted in it.
      await this.adoption.settled();
      totals.adopted += this.adoption.takeAdopted();
    }
    return totals;
  }

  /** Walks the due notifications in SEND_ORDER, sending each; adds the outcomes to `totals`. */
  private async sendDue(totals: DeliveryRound): Promise<void> {
    const { readModels, settings } = this.options;
    // Records this round left pending without an attempt (their outbox row is being rebuilt): a
    // walk that starts again from the top passes them by instead of trying them again and again.
    const passedBy = new Set<string>();
    // Keyset paging in SEND_ORDER (see delivery-priority.ts).
    let cursor: string | undefined;
    let morePages = true;
    while (morePages) {
      const page = await readModels.find<DeliveryRecord>(NOTIFICATION_DELIVERIES, {
        where: { status: 'pending', nextAttemptAt: { lte: this.nowIso() } },
        orderBy: SEND_ORDER,
        limit: settings.batchSize,
        cursor,
      });
      cursor = page.nextCursor;
      morePages = cursor !== undefined;
      for (const record of page.items) {
        if (this.stopping) return;
        if (!(await this.stillHoldsLease())) return;
        if (passedBy.has(record.id)) continue;
        // A round walks every due notification, which takes minutes under a backlog: new outbox
        // rows are adopted along the way, each poll interval, between sends and during them (see
        // adoption-schedule.ts), rather than only once it ends (they waited 8 minutes unadopted). An
        // urgent one among them goes before the routine backlog still ahead of this walk, so the
        // walk starts again from the top.
        await this.adoption.adoptIfDue();
        const adopted = this.adoption.takeAdopted();
        if (adopted > 0) {
          totals.adopted += adopted;
          cursor = undefined;
          morePages = true;
          break;
        }
        const outcome = await this.deliver(record);
        if (outcome === 'skipped') {
          passedBy.add(record.id);
          continue;
        }
        // Set aside, its condition not holding: nothing was sent, nothing failed.
        if (outcome === 'unneeded') continue;
        totals[outcome] += 1;
        this.summary.count(outcome);
        this.summary.flush();
        // The server answers again after an outage: the mail that waited out a backoff is due
        // now, urgent first, so the walk starts again from the top (see outage-recovery.ts).
        if (this.backoffReleased) {
          this.backoffReleased = false;
          cursor = undefined;
          morePages = true;
          break;
        }
      }
    }
  }

  private async deliver(
    record: DeliveryRecord,
  ): Promise<'sent' | 'failed' | 'dead' | 'withheld' | 'unneeded' | 'skipped'> {
    const { readModels, transport, clock, settings } = this.options;
    const row = await readModels.get<OutboxNotification>(NOTIFICATION_OUTBOX, record.id);
    if (!row) return this.rowMissing(record);
    if (await this.withheldFromAssignee(record, row)) return 'withheld';
    const unvouchedOwer = await this.assigneeCheck.unvouchedOwer(row);
    const unneeded = UnvouchedAssigneeCheck.whyUnneeded(row, unvouchedOwer);
    if (unneeded) {
      await this.journal.setAsideUnneeded(record.id, this.nowIso(), unneeded);
      this.log('debug', 'notification not needed', {
        id: record.id,
        recipient: row.recipient,
        reason: unneeded,
      });
      return 'unneeded';
    }
    const unvouchedAssignee = await this.assigneeCheck.unvouchedAssigneeOnAcknowledgementAlert(row);
    let mail: OutgoingMail;
    try {
      mail = this.compose(row, { unvouchedOwer, unvouchedAssignee });
    } catch (error) {
      await this.journal.recordFailure(record.id, this.nowIso(), {
        error: `cannot render: ${describe(error)}`,
        giveUp: true,
        nextAttemptAt: this.nowIso(),
      });
      return 'dead';
    }
    const started = await this.journal.startAttempt(record.id, this.nowIso());
    if (!started) return 'skipped';
    const context = {
      id: record.id,
      messageId: row.messageId,
      recipient: row.recipient,
      attempt: started.attempts,
    };
    try {
      // New notifications are adopted while the server takes its time (up to its socket timeout).
      await this.adoption.alongside(() => this.keepingLease(() => transport.send(mail)));
    } catch (error) {
      const permanent = error instanceof MailDeliveryError && error.permanent;
      const next = afterFailure(started.attempts, permanent, clock.now(), settings);
      const message = describe(error);
      if (permanent) this.recovery.refused();
      else this.recovery.failedForNow();
      await this.journal.recordFailure(record.id, this.nowIso(), {
        error: message,
        giveUp: next.giveUp,
        nextAttemptAt: next.giveUp ? this.nowIso() : next.nextAttemptAt,
      });
      this.log(
        next.giveUp ? 'error' : 'warn',
        next.giveUp ? 'notification dead-lettered' : 'notification send failed; will retry',
        {
          ...context,
          error: message,
          ...(next.giveUp ? {} : { nextAttemptAt: next.nextAttemptAt }),
        },
      );
      return next.giveUp ? 'dead' : 'failed';
    }
    await this.journal.recordSent(record.id, this.nowIso());
    this.backoffReleased = await this.recovery.accepted(record.id, this.nowIso());
    this.log('debug', 'notification sent', { ...context, afterInterruption: record.inFlightSince !== null });
    return 'sent';
  }

  /**
   * Judged at each attempt, not once at the event: the records may have learnt since that the
   * assignee is a customer, or no longer vouch for them as staff on the case (see
   * unvouched-assignee-check.ts). True when the notification is withheld.
   */
  private async withheldFromAssignee(record: DeliveryRecord, row: OutboxNotification): Promise<boolean> {
    const reason = await this.assigneeCheck.whyWithheld(row);
    if (!reason) return false;
    await this.journal.withhold(record.id, this.nowIso(), reason);
    this.log('warn', 'notification withheld', {
      id: record.id,
      caseId: record.caseId,
      recipient: row.recipient,
      reason,
    });
    return true;
  }

  /**
   * The outbox row is missing while the outbox is being rebuilt (it comes back, same id). Once the
   * outbox has passed the event again without it, the recipient rules changed: give up on it.
   * A notification lost with a restored log that was requeued before requeue refused such ones
   * never gets its row back: it is set aside as lost at once, rather than left pending for good.
   */
  private async rowMissing(record: DeliveryRecord): Promise<'dead' | 'skipped'> {
    if (isLostWithRestoredLog(record)) {
      await this.journal.markLost(record.id, this.nowIso());
      return 'skipped';
    }
    const checkpoint = await this.options.readModels.getCheckpoint(NOTIFICATIONS_OUTBOX_PROJECTION);
    if (checkpoint < record.position) return 'skipped';
    await this.journal.abandon(
      record.id,
      this.nowIso(),
      'the notification is no longer in the outbox (recipient rules changed)',
    );
    return 'dead';
  }

  /**
   * `judged`: the send-time judgements of the assignee an alert names (see UnvouchedAssigneeCheck's
   * unvouchedOwer and unvouchedAssigneeOnAcknowledgementAlert).
   */
  private compose(
    row: OutboxNotification,
    judged: { unvouchedOwer?: string | undefined; unvouchedAssignee?: string | undefined } = {},
  ): OutgoingMail {
    const { settings } = this.options;
    const { unvouchedOwer, unvouchedAssignee } = judged;
    const rendered = renderNotification(row, {
      publicUrl: settings.publicUrl,
      ...(unvouchedOwer ? { unvouchedOwer } : {}),
      ...(unvouchedAssignee ? { unvouchedAssignee } : {}),
    });
    return {
      messageId: row.messageId,
      threadId: row.threadId,
      from: settings.from,
      to: { address: row.recipient, ...(row.recipientName ? { name: row.recipientName } : {}) },
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      date: new Date(row.occurredAt),
    };
  }

  private async renewLease(): Promise<boolean> {
    const requestedAt = Date.now();
    const { leaseTtlMs } = this.options.settings;
    const held = await this.options.readModels.tryAcquireLease(
      DELIVERY_LEASE,
      this.workerId,
      leaseTtlMs,
      isLeaseOwnerProcessGone,
    );
    this.leaseRenewDueAt = held ? requestedAt + Math.floor(leaseTtlMs / 3) : 0;
    return held;
  }

  /**
   * Runs a send with the lease renewed on a timer meanwhile. An SMTP server may take up to the
   * transport's socket timeout (60 s) to answer, longer than the lease (15 s): a standby took the
   * lapsed lease and sent the same message again while the first send waited (each of three
   * recipients got their mail twice from a server answering in 18 s). A renewal that finds the
   * lease lost leaves the next check (stillHoldsLease) to stand this worker by.
   */
  private async keepingLease<T>(send: () => Promise<T>): Promise<T> {
    const every = Math.max(1, Math.floor(this.options.settings.leaseTtlMs / 3));
    const heartbeat = setInterval(() => void this.renewLease().catch(() => undefined), every);
    try {
      return await send();
    } finally {
      clearInterval(heartbeat);
    }
  }

  /** Renews the lease when due (a long round outlasts it); false once another worker has it. */
  private async stillHoldsLease(): Promise<boolean> {
    if (Date.now() < this.leaseRenewDueAt) return true;
    if (await this.renewLease()) return true;
    this.log('warn', 'delivery lease lost to another worker; standing by');
    this.state = 'standby';
    return false;
  }

  private nowIso(): string {
    return this.options.clock.now().toISOString();
  }

  private log(level: keyof ProjectionLogger, message: string, context: Record<string, unknown> = {}): void {
    this.logger[level](message, { worker: this.workerId, ...context });
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
