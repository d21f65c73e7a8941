import {
  UnreadableEventError,
  type EventMetadata,
  type GlobalPosition,
  type RecordedEvent,
} from '@casetrail/eventstore';
import { silentProjectionLogger, type Projection, type ReadModelStore } from '@casetrail/readmodels';
import { SetAsideEvents } from '@casetrail/readmodels/projections/set-aside-events';
import { isUnreadable, type EvidenceLog, type LogEntry, type UnreadableEvent } from '../audit/evidence-log';

/** The projection runner's batch size, so the scratch replay cuts batches as a rebuild does. */
const BATCH = 500;

/**
 * Replays the log from the start into `store` up to `upTo` (inclusive), the way a projection worker
 * applies it: in batches, each atomic with its checkpoint, skipping the event types the projection
 * does not handle. Stopping at the live read models' checkpoint makes the two comparable even while
 * the live projector keeps going. Every row read is handed to `onRead`, in log order, so a caller
 * can check the hash chains of what was replayed without reading the log again. A row that cannot
 * be read is left out of the rebuild as the projection runners leave it out (SetAsideEvents: with
 * the rest of its stream, by a projection that handles its type), so the rebuild equals live read
 * models that went past it, and differs from what was built when it could be read; the row (handed
 * to `onRead` too) is the evidence that says why.
 */
export async function replayInto(
  eventStore: Pick<EvidenceLog, 'readAll' | 'typeAt'>,
  store: ReadModelStore,
  projection: Projection,
  upTo: GlobalPosition,
  onProgress?: (position: GlobalPosition) => void,
  onRead?: (entry: LogEntry) => void,
): Promise<void> {
  const handles = projection.handles ? new Set(projection.handles) : undefined;
  // The runners' rule for a row that cannot be read (SetAsideEvents), so that the rebuild equals
  // live read models that went past one: a stream set aside there is set aside here too.
  const setAside = new SetAsideEvents(silentProjectionLogger);
  await store.ensureCollections(projection.collections);
  for (let after = 0; after < upTo;) {
    const read = await eventStore.readAll(after, BATCH);
    const batch = read.filter((entry) => entry.position <= upTo);
    if (batch.length === 0) return;
    if (onRead) batch.forEach(onRead);
    const events: RecordedEvent[] = [];
    for (const entry of batch)
      events.push(isUnreadable(entry) ? await asDelivered(eventStore, entry) : entry);
    await store.applyBatch(projection.name, events, (event, tx) =>
      setAside.applies(event, projection.name, handles) ? projection.apply(event, tx) : undefined,
    );
    after = batch[batch.length - 1].position;
    onProgress?.(after);
  }
}

/** A row that cannot be read as a runner's read delivers it: its own columns, and why (RecordedEvent.unreadable). */
async function asDelivered(
  eventStore: Pick<EvidenceLog, 'typeAt'>,
  { stream, revision, position, problem }: UnreadableEvent,
): Promise<RecordedEvent> {
  const unreadable = new UnreadableEventError(stream, revision, position, problem, { cause: undefined });
  // Its type is its own column, readable where its data is not (unknown only to a store that
  // cannot deliver such a row, which then handles it as a type no projection names).
  const type = (await eventStore.typeAt(position)) ?? '';
  const metadata = {} as EventMetadata;
  return { id: '', stream, revision, position, type, data: null, metadata, recordedAt: '', unreadable };
}
