import { setImmediate } from 'node:timers/promises';
import type { EventStore, GlobalPosition } from '@casetrail/eventstore';
import type { ProjectionWorker } from './projection-worker';

export type RebuildProgress = (checkpoint: GlobalPosition, head: GlobalPosition) => void;

/**
 * Rebuild several projections from zero with one read of the log: each batch read is applied to
 * every projection in turn (each in its own transaction with its own checkpoint), so rebuilding
 * five projections costs one pass over the log, not five.
 *
 * Every lease is taken before anything is emptied, so a projection running elsewhere makes the
 * whole rebuild fail untouched. Resolves once the log up to the head as of the start has been
 * applied; the projections then go on live. If the replay fails, each projection keeps the
 * checkpoint it reached and catches up from there as usual, and the error is rethrown.
 */
export async function rebuildInOnePass(
  eventStore: EventStore,
  workers: ProjectionWorker[],
  batchSize: number,
  onProgress?: RebuildProgress,
): Promise<void> {
  const claimed: ProjectionWorker[] = [];
  let failure: unknown;
  try {
    for (const worker of workers) {
      await worker.claimForRebuild();
      claimed.push(worker);
    }
  } catch (error) {
    await Promise.all(claimed.map((worker) => worker.finishRebuild()));
    throw error;
  }
  try {
    for (const worker of workers) await worker.resetForRebuild();
    await replay(eventStore, workers, batchSize, onProgress);
  } catch (error) {
    failure = error;
  }
  await Promise.all(workers.map((worker) => worker.finishRebuild(failure)));
  if (failure !== undefined) {
    const names = workers.map((worker) => worker.name).join(', ');
    throw new Error(`Rebuild of ${names} failed: ${describe(failure)}`, { cause: failure });
  }
}

async function replay(
  eventStore: EventStore,
  workers: ProjectionWorker[],
  batchSize: number,
  onProgress?: RebuildProgress,
): Promise<void> {
  const head = await eventStore.headPosition();
  onProgress?.(0, head);
  for (let after = 0; after < head;) {
    const events = await eventStore.readAll({ after, maxCount: batchSize });
    if (events.length === 0) break;
    for (const worker of workers) await worker.applyRebuildBatch(events);
    after = events[events.length - 1].position;
    onProgress?.(Math.min(after, head), head);
    // A store that answers synchronously (SQLite) never lets the event loop turn between batches:
    // lease renewals and signals (Ctrl-C) would wait for the whole rebuild, and a lease lapsing
    // mid-rebuild lets another runner in. One turn per batch costs nothing next to the batch.
    await setImmediate();
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
