import type { GlobalPosition } from '@casetrail/eventstore';
import type { ProjectionTransaction } from '../read-model-store.port';
import { ReadModelUsageError } from '../read-model-errors';
import type { BatchReader } from './batch-reader';
import { BatchUnitOfWork, type BatchWrite } from './batch-unit-of-work';

export interface AppliedBatch {
  writes: BatchWrite[];
  /** The new checkpoint: the last event's position. */
  position: GlobalPosition;
}

/**
 * Run a projection over the events after `checkpoint` in one unit of work, the shared first half
 * of every adapter's `applyBatch`. Returns nothing when every event was already applied.
 */
export async function applyEventsToUnitOfWork<E extends { position: GlobalPosition }>(
  reader: BatchReader,
  checkpoint: GlobalPosition,
  events: E[],
  apply: (event: E, tx: ProjectionTransaction) => Promise<void> | void,
): Promise<AppliedBatch | undefined> {
  assertAscending(events);
  const fresh = events.filter((event) => event.position > checkpoint);
  if (fresh.length === 0) return undefined;
  const unitOfWork = new BatchUnitOfWork(reader);
  for (const event of fresh) {
    const { tx, close } = unitOfWork.transactionFor(event.position);
    try {
      await apply(event, tx);
    } finally {
      close();
    }
  }
  return { writes: unitOfWork.writes(), position: fresh[fresh.length - 1].position };
}

function assertAscending(events: { position: GlobalPosition }[]): void {
  for (let index = 1; index < events.length; index++) {
    if (events[index].position <= events[index - 1].position) {
      throw new ReadModelUsageError('applyBatch needs events in strictly ascending position order');
    }
  }
}
