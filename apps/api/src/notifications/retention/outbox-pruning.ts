import { CheckpointConflictError, type ReadModelStore } from '@casetrail/readmodels';
import {
  NOTIFICATION_OUTBOX,
  NOTIFICATIONS_OUTBOX_PROJECTION,
  type OutboxNotification,
} from '@casetrail/readmodels/notifications';
import { DeliveryJournal } from '../delivery/delivery-journal';
import { NOTIFICATION_DELIVERIES, type DeliveryRecord } from '../delivery/delivery-record';

/** The checkpoint name that sequences (and, on SQLite, fences) the pruner's deletions. */
export const OUTBOX_PRUNING_JOURNAL = 'notification-outbox-pruning';
const WRITE_RETRIES = 10;

export interface OutboxPruningPage {
  /** Rows looked at and rows deleted. */
  scanned: number;
  pruned: number;
  /** Where the next page starts; absent when this page reached the end of what may be pruned. */
  next?: string;
}

/**
 * One page of outbox pruning: deletes the rows no one will ever need again, in one small write.
 * A row goes when, at or below both the outbox writer's checkpoint and the delivery worker's
 * adoption cursor, either
 *  - its notification was sent at least `retentionMs` before `now` (its delivery record, which
 *    no pruning touches, keeps what was sent, when, to whom, with which Message-ID), or set aside
 *    as `unneeded` that long before (never to be sent: its condition did not hold); or
 *  - it has no delivery record: below the cursor it never will have one, so it is never to be
 *    sent (a generated history, the log as it stood when the read models were created, the rows
 *    a rebuilt outbox refills below the cursor): nothing reads it.
 * Every other row stays: pending ones (still to be sent or retried), dead letters (until someone
 * requeues them: the requeued send and `casetrail notifications --dead` read the row), withheld
 * ones (listed with the dead letters), and those sent within the retention period.
 *
 * Why pruning cannot make a notification go out twice, or a pruned row come back to be sent:
 *  - Only rows at or below the outbox writer's checkpoint are pruned. The checkpoint is stored
 *    atomically with the writer's rows, and after a crash the writer re-applies only events after
 *    it, which write rows of their own events (positions above the checkpoint), never a pruned
 *    one. (An event right after the checkpoint may refresh the case snapshot of the previous
 *    event's rows: it rewrites only rows it finds, so a pruned row stays gone.)
 *  - Only rows at or below the adoption cursor are pruned, and the delivery worker adopts only rows
 *    above it: a row written again at a pruned row's position (a rebuild of the outbox) is never
 *    adopted again, and a sent notification keeps its `sent` record whatever becomes of its row.
 */
export async function pruneOutboxPage(
  readModels: ReadModelStore,
  options: { now: Date; retentionMs: number; pageSize: number; cursor?: string },
): Promise<OutboxPruningPage> {
  // Both bounds first: rows adopted or written after these reads are simply not considered.
  const adoptedUpTo = await new DeliveryJournal(readModels).cursorPosition();
  const checkpoint = await readModels.getCheckpoint(NOTIFICATIONS_OUTBOX_PROJECTION);
  const upTo = Math.min(adoptedUpTo, checkpoint);
  if (upTo <= 0) return { scanned: 0, pruned: 0 };
  const page = await readModels.find<OutboxNotification>(NOTIFICATION_OUTBOX, {
    where: { position: { lte: upTo } },
    orderBy: [{ field: 'position', direction: 'asc' }],
    limit: options.pageSize,
    ...(options.cursor ? { cursor: options.cursor } : {}),
  });
  const sentBefore = new Date(options.now.getTime() - options.retentionMs).toISOString();
  const prunable: string[] = [];
  for (const row of page.items) {
    const record = await readModels.get<DeliveryRecord>(NOTIFICATION_DELIVERIES, row.id);
    if (isNoLongerNeeded(record, sentBefore)) prunable.push(row.id);
  }
  if (prunable.length > 0) await deleteRows(readModels, prunable, checkpoint);
  return {
    scanned: page.items.length,
    pruned: prunable.length,
    ...(page.nextCursor ? { next: page.nextCursor } : {}),
  };
}

/** For a row at or below the adoption cursor (see pruneOutboxPage). */
function isNoLongerNeeded(record: DeliveryRecord | undefined, sentBefore: string): boolean {
  if (!record) return true;
  // Set aside as unneeded (never to be sent): kept as long as a sent one, from when it was set aside.
  if (record.status === 'unneeded') return record.deadAt !== null && record.deadAt <= sentBefore;
  return record.status === 'sent' && record.sentAt !== null && record.sentAt <= sentBefore;
}

/**
 * Deletes under the pruner's own journal, at a sequence number above the outbox writer's
 * checkpoint: MongoDB applies a write to a document only over an older version (`_position`), and
 * every pruned row was written at or below that checkpoint. On SQLite the journal's checkpoint
 * fences two pruners (a standby that took a lapsed lease); the loser retries on fresh state, and
 * deleting a row already gone is no change.
 */
async function deleteRows(
  readModels: ReadModelStore,
  ids: string[],
  outboxCheckpoint: number,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const sequence = Math.max(await readModels.getCheckpoint(OUTBOX_PRUNING_JOURNAL), outboxCheckpoint) + 1;
    let applied = false;
    try {
      await readModels.applyBatch(OUTBOX_PRUNING_JOURNAL, [{ position: sequence }], (_entry, tx) => {
        for (const id of ids) tx.delete(NOTIFICATION_OUTBOX, id);
        applied = true;
      });
    } catch (error) {
      if (!(error instanceof CheckpointConflictError) || attempt >= WRITE_RETRIES) throw error;
      continue;
    }
    // Not applied: another pruner took this sequence number between our read and the batch.
    if (applied || attempt >= WRITE_RETRIES) return;
  }
}
