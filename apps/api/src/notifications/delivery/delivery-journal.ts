import type { ProjectionTransaction, ReadModelStore } from '@casetrail/readmodels';
import { isLicenceNotification, type OutboxNotification } from '@casetrail/readmodels/notifications';
import { writeInJournal } from '../../storage/journal-write';
import {
  DELIVERY_COLLECTIONS,
  NOTIFICATION_DELIVERIES,
  NOTIFICATION_DELIVERY_CURSOR,
  OUTBOX_CURSOR_ID,
  type DeliveryAttempt,
  type DeliveryRecord,
  type DeliveryStatus,
  type OutboxCursor,
} from './delivery-record';
import { isLostWithRestoredLog, LOST_EVENT_REASON } from './lost-with-restored-log';
import { deliveryPriorityOf, type DeliveryPriority } from './delivery-priority';

/** The checkpoint name that sequences delivery-state writes. */
export const DELIVERY_JOURNAL = 'notification-delivery-journal';
/** Attempts kept per record: enough to explain a dead letter. */
const HISTORY_LIMIT = 20;

export interface FailureOutcome {
  error: string;
  /** Give up now (a permanent refusal, or the last allowed attempt). */
  giveUp: boolean;
  /** When to try again, if not giving up. */
  nextAttemptAt: string;
}

/**
 * Writes delivery state. The read-model port writes only through `applyBatch`, which is what we
 * want: each change is a one-entry batch under its own sequence number (the journal's checkpoint
 * plus one), stored atomically with that number. On SQLite a concurrent writer (a CLI requeue, a
 * worker whose lease lapsed) moves the number and the loser's write is refused and retried on
 * fresh state; on MongoDB writes are guarded by the same number.
 */
export class DeliveryJournal {
  constructor(private readonly readModels: ReadModelStore) {}

  ensureCollections(): Promise<void> {
    return this.readModels.ensureCollections(DELIVERY_COLLECTIONS);
  }

  /** Whether delivery has a starting point: the adoption cursor was ever stored. */
  async hasBegun(): Promise<boolean> {
    return (
      (await this.readModels.get<OutboxCursor>(NOTIFICATION_DELIVERY_CURSOR, OUTBOX_CURSOR_ID)) !== undefined
    );
  }

  /**
   * Moves the adoption cursor to `position` with no record for the rows up to it: a history no one
   * is to be told about (generated demo data), like the rows a rebuilt outbox refills below it.
   */
  async skipUpTo(position: number): Promise<void> {
    await this.adopt([], position, new Date().toISOString());
  }

  /** Delivery records for new outbox rows (only where none exists), and the adoption cursor moved to `upTo`. */
  adopt(rows: OutboxNotification[], upTo: number, now: string): Promise<number> {
    return this.write(async (tx) => {
      let adopted = 0;
      for (const row of rows) {
        if (await tx.get(NOTIFICATION_DELIVERIES, row.id)) continue;
        const record: DeliveryRecord = {
          id: row.id,
          eventId: row.eventId,
          ...(isLicenceNotification(row)
            ? { caseId: null, licenceId: row.licenceId }
            : { caseId: row.caseId }),
          recipient: row.recipient,
          messageId: row.messageId,
          position: row.position,
          status: 'pending',
          priority: deliveryPriorityOf(row),
          attempts: 0,
          nextAttemptAt: now,
          inFlightSince: null,
          lastError: null,
          sentAt: null,
          deadAt: null,
          adoptedAt: now,
          history: [],
        };
        tx.put(NOTIFICATION_DELIVERIES, row.id, record);
        adopted += 1;
      }
      const cursor = await tx.get<OutboxCursor>(NOTIFICATION_DELIVERY_CURSOR, OUTBOX_CURSOR_ID);
      if (upTo > (cursor?.position ?? 0)) {
        tx.put(NOTIFICATION_DELIVERY_CURSOR, OUTBOX_CURSOR_ID, {
          id: OUTBOX_CURSOR_ID,
          position: upTo,
        } satisfies OutboxCursor);
      }
      return adopted;
    });
  }

  /**
   * Gives records adopted before priorities existed theirs (`priorities`, by record id); a record
   * that has one meanwhile keeps it. Returns how many were given one.
   */
  assignPriorities(priorities: ReadonlyMap<string, DeliveryPriority>): Promise<number> {
    return this.write(async (tx) => {
      let assigned = 0;
      for (const [id, priority] of priorities) {
        const record = await tx.get<DeliveryRecord>(NOTIFICATION_DELIVERIES, id);
        if (!record || typeof record.priority === 'number') continue;
        tx.put(NOTIFICATION_DELIVERIES, id, { ...record, priority });
        assigned += 1;
      }
      return assigned;
    });
  }

  /** How far rows have been adopted (0 before delivery began). */
  async cursorPosition(): Promise<number> {
    return (
      (await this.readModels.get<OutboxCursor>(NOTIFICATION_DELIVERY_CURSOR, OUTBOX_CURSOR_ID))?.position ?? 0
    );
  }

  /**
   * Moves the adoption cursor back to `position` when it is beyond it: the log was restored from a
   * backup older than the read models, so positions after `position` will be taken by new events,
   * which must be adopted and mailed. Records of the lost events are left to the caller. Returns
   * where the cursor was, when it moved.
   */
  rewindCursorTo(position: number): Promise<number | undefined> {
    return this.write(async (tx) => {
      const cursor = await tx.get<OutboxCursor>(NOTIFICATION_DELIVERY_CURSOR, OUTBOX_CURSOR_ID);
      if (!cursor || cursor.position <= position) return undefined;
      tx.put(NOTIFICATION_DELIVERY_CURSOR, OUTBOX_CURSOR_ID, {
        id: OUTBOX_CURSOR_ID,
        position,
      } satisfies OutboxCursor);
      return cursor.position;
    });
  }

  /**
   * Counts the attempt before sending, and marks it in flight: if the process dies before the
   * outcome is recorded, the next attempt is known to be a possible repeat (same Message-ID).
   * Undefined when the record is no longer pending (someone else finished it).
   */
  startAttempt(id: string, now: string): Promise<DeliveryRecord | undefined> {
    return this.update(id, (record) => {
      if (record.status !== 'pending') return undefined;
      const history = record.inFlightSince
        ? appendAttempt(record.history, { at: record.inFlightSince, outcome: 'interrupted' })
        : record.history;
      return { ...record, attempts: record.attempts + 1, inFlightSince: now, history };
    });
  }

  recordSent(id: string, now: string): Promise<DeliveryRecord | undefined> {
    return this.update(id, (record) => ({
      ...record,
      status: 'sent',
      nextAttemptAt: null,
      inFlightSince: null,
      sentAt: now,
      history: appendAttempt(record.history, { at: now, outcome: 'sent' }),
    }));
  }

  recordFailure(id: string, now: string, outcome: FailureOutcome): Promise<DeliveryRecord | undefined> {
    return this.update(id, (record) => ({
      ...record,
      status: outcome.giveUp ? 'dead' : 'pending',
      nextAttemptAt: outcome.giveUp ? null : outcome.nextAttemptAt,
      inFlightSince: null,
      lastError: outcome.error,
      deadAt: outcome.giveUp ? now : null,
      history: appendAttempt(record.history, { at: now, outcome: 'failed', error: outcome.error }),
    }));
  }

  /**
   * Makes every pending notification waiting out a retry backoff due `now`, attempts kept, but
   * those in `except`; dead letters stay dead. Returns the ids made due. See outage-recovery.ts.
   */
  releaseBackoff(now: string, except: ReadonlySet<string>): Promise<string[]> {
    return this.write(async (tx) => {
      const waiting = await tx.findIds(NOTIFICATION_DELIVERIES, {
        status: 'pending',
        nextAttemptAt: { gt: now },
      });
      const released: string[] = [];
      for (const id of waiting) {
        if (except.has(id)) continue;
        const record = await tx.get<DeliveryRecord>(NOTIFICATION_DELIVERIES, id);
        if (!record || record.status !== 'pending' || record.inFlightSince) continue;
        tx.put(NOTIFICATION_DELIVERIES, id, { ...record, nextAttemptAt: now });
        released.push(id);
      }
      return released;
    });
  }

  /** Give up on a notification that can no longer be rendered (its outbox row is gone for good). */
  abandon(id: string, now: string, reason: string): Promise<DeliveryRecord | undefined> {
    return this.settlePending(id, 'dead', now, reason);
  }

  /**
   * Sets aside a notification still pending whose event the restored log no longer has (see
   * lost-with-restored-log.ts): nothing could ever send it, and it is no delivery failure.
   */
  markLost(id: string, now: string): Promise<DeliveryRecord | undefined> {
    return this.settlePending(id, 'lost', now, LOST_EVENT_REASON);
  }

  /**
   * Never sends a notification that must not reach its recipient (see unvouched-assignee-check.ts),
   * and says why. Not a failure: nothing is wrong with the mail, and a requeue would not change it.
   */
  withhold(id: string, now: string, reason: string): Promise<DeliveryRecord | undefined> {
    return this.settlePending(id, 'withheld', now, reason);
  }

  /**
   * Sets aside, unsent, a notification that was for its recipient only on a condition that did not
   * hold at send time (see DeliveryStatus `unneeded`), and says why. Not a failure, not withheld.
   */
  setAsideUnneeded(id: string, now: string, reason: string): Promise<DeliveryRecord | undefined> {
    return this.settlePending(id, 'unneeded', now, reason);
  }

  /**
   * Put a dead letter back in the queue with a fresh count of attempts (operator's decision).
   * Never one lost with a restored log: its event is gone, so it would wait for its outbox row
   * forever, counted as pending.
   */
  requeue(id: string, now: string): Promise<DeliveryRecord | undefined> {
    return this.update(id, (record) =>
      record.status === 'dead' && !isLostWithRestoredLog(record)
        ? { ...record, status: 'pending', attempts: 0, nextAttemptAt: now, deadAt: null, inFlightSince: null }
        : undefined,
    );
  }

  /** A pending notification settled unsent (`status`), with why; none that is not pending any more. */
  private settlePending(
    id: string,
    status: Exclude<DeliveryStatus, 'pending' | 'sent'>,
    now: string,
    reason: string,
  ): Promise<DeliveryRecord | undefined> {
    return this.update(id, (record) =>
      record.status === 'pending'
        ? { ...record, status, nextAttemptAt: null, inFlightSince: null, lastError: reason, deadAt: now }
        : undefined,
    );
  }

  private update(
    id: string,
    change: (record: DeliveryRecord) => DeliveryRecord | undefined,
  ): Promise<DeliveryRecord | undefined> {
    return this.write(async (tx) => {
      const record = await tx.get<DeliveryRecord>(NOTIFICATION_DELIVERIES, id);
      const changed = record ? change(record) : undefined;
      if (changed) tx.put(NOTIFICATION_DELIVERIES, id, changed);
      return changed;
    });
  }

  private write<T>(change: (tx: ProjectionTransaction) => Promise<T>): Promise<T> {
    return writeInJournal(this.readModels, DELIVERY_JOURNAL, change);
  }
}

function appendAttempt(history: DeliveryAttempt[], attempt: DeliveryAttempt): DeliveryAttempt[] {
  return [...history, attempt].slice(-HISTORY_LIMIT);
}
