import type { EventStore, GlobalPosition } from '@casetrail/eventstore';
import type { Projection, ReadModelStore } from '@casetrail/readmodels';

/** The projection runner's batch size, so the scratch replay cuts batches as a rebuild does. */
const BATCH = 500;

/**
 * Replays the log from the start into `store` up to `upTo` (inclusive), the way a projection worker
 * applies it: in batches, each atomic with its checkpoint, skipping the event types the projection
 * does not handle. Stopping at the live read models' checkpoint makes the two comparable even while
 * the live projector keeps going.
 */
export async function replayInto(
  eventStore: EventStore,
  store: ReadModelStore,
  projection: Projection,
  upTo: GlobalPosition,
  onProgress?: (position: GlobalPosition) => void,
): Promise<void> {
  const handles = projection.handles ? new Set(projection.handles) : undefined;
  await store.ensureCollections(projection.collections);
  for (let after = 0; after < upTo;) {
    const read = await eventStore.readAll({ after, maxCount: BATCH });
    const batch = read.filter((event) => event.position <= upTo);
    if (batch.length === 0) return;
    await store.applyBatch(projection.name, batch, (event, tx) =>
      handles && !handles.has(event.type) ? undefined : projection.apply(event, tx),
    );
    after = batch[batch.length - 1].position;
    onProgress?.(after);
  }
}
