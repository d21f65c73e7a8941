import type { GlobalPosition } from '@casetrail/eventstore';
import type { Projection, ReadModelStore } from '@casetrail/readmodels';
import { readableOnly, type EvidenceLog, type LogEntry } from '../audit/evidence-log';

/** The projection runner's batch size, so the scratch replay cuts batches as a rebuild does. */
const BATCH = 500;

/**
 * Replays the log from the start into `store` up to `upTo` (inclusive), the way a projection worker
 * applies it: in batches, each atomic with its checkpoint, skipping the event types the projection
 * does not handle. Stopping at the live read models' checkpoint makes the two comparable even while
 * the live projector keeps going. Every row read is handed to `onRead`, in log order, so a caller
 * can check the hash chains of what was replayed without reading the log again. A row that cannot
 * be read is left out of the rebuild: the rebuild then differs from what was built when it could
 * be read, and the row (handed to `onRead` too) is the evidence that says why.
 */
export async function replayInto(
  eventStore: Pick<EvidenceLog, 'readAll'>,
  store: ReadModelStore,
  projection: Projection,
  upTo: GlobalPosition,
  onProgress?: (position: GlobalPosition) => void,
  onRead?: (entry: LogEntry) => void,
): Promise<void> {
  const handles = projection.handles ? new Set(projection.handles) : undefined;
  await store.ensureCollections(projection.collections);
  for (let after = 0; after < upTo;) {
    const read = await eventStore.readAll(after, BATCH);
    const batch = read.filter((entry) => entry.position <= upTo);
    if (batch.length === 0) return;
    if (onRead) batch.forEach(onRead);
    const events = readableOnly(batch);
    if (events.length > 0) {
      await store.applyBatch(projection.name, events, (event, tx) =>
        handles && !handles.has(event.type) ? undefined : projection.apply(event, tx),
      );
    }
    after = batch[batch.length - 1].position;
    onProgress?.(after);
  }
}
