import type { GlobalPosition } from '@casetrail/eventstore';
import type { ProjectionTransaction } from '../read-model-store.port';
import { ReadModelUsageError } from '../read-model-errors';
import type { BatchUnitOfWork } from './batch-unit-of-work';

/**
 * Run a projection over the events after `after` in a unit of work, the shared first half of
 * every adapter's batch. Returns the last applied position, or nothing when every event was
 * already applied.
 */
export async function applyEventsToUnitOfWork<E extends { position: GlobalPosition }>(
  unitOfWork: BatchUnitOfWork,
  after: GlobalPosition,
  events: E[],
  apply: (event: E, tx: ProjectionTransaction) => Promise<void> | void,
): Promise<GlobalPosition | undefined> {
  assertAscending(events);
  const fresh = events.filter((event) => event.position > after);
  if (fresh.length === 0) return undefined;
  for (const event of fresh) {
    const { tx, close } = unitOfWork.transactionFor(event.position);
    try {
      await apply(event, tx);
    } finally {
      close();
    }
  }
  return fresh[fresh.length - 1].position;
}

function assertAscending(events: { position: GlobalPosition }[]): void {
  for (let index = 1; index < events.length; index++) {
    if (events[index].position <= events[index - 1].position) {
      throw new ReadModelUsageError('applyBatch needs events in strictly ascending position order');
    }
  }
}
