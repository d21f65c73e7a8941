import type { RecordedEvent } from '@casetrail/eventstore';
import type { ProjectionTransaction } from '../read-model-store.port';
import { NOTIFICATION_OUTBOX } from './outbox-notification';

/**
 * Told by the delivery side, which alone knows: of one event's outbox rows, those that will never
 * be sent (undefined: any may be). Delivery adopts only rows past its cursor, so a row at or
 * below it that has no delivery record never gets one: the history before delivery began (a
 * generated demo history, the log as it stood when the read models were created), which the
 * outbox writer still follows to know the cases, and which was stored only to be skipped.
 */
export type RowsNeverSent = (
  recorded: RecordedEvent,
  tx: ProjectionTransaction,
) => Promise<((id: string) => boolean) | undefined>;

/**
 * The event's transaction, storing none of the outbox rows that will never be sent: everything
 * else (the writer's facts, rows of earlier events whose case snapshot it refreshes) as given.
 */
export async function droppingRowsNeverSent(
  recorded: RecordedEvent,
  tx: ProjectionTransaction,
  rowsNeverSent: RowsNeverSent | undefined,
): Promise<ProjectionTransaction> {
  const neverSent = rowsNeverSent ? await rowsNeverSent(recorded, tx) : undefined;
  if (!neverSent) return tx;
  return {
    get: (collection, id) => tx.get(collection, id),
    put: (collection, id, doc) => {
      if (collection !== NOTIFICATION_OUTBOX || !neverSent(id)) tx.put(collection, id, doc);
    },
    delete: (collection, id) => tx.delete(collection, id),
    findIds: (collection, where) => tx.findIds(collection, where),
    get position() {
      return tx.position;
    },
  };
}
