import { setImmediate } from 'node:timers/promises';
import type { EventStore, GlobalPosition, RecordedEvent } from '@casetrail/eventstore';
import type { ProjectionWorker } from './projection-worker';

export type RebuildProgress = (checkpoint: GlobalPosition, head: GlobalPosition) => void;

/**
 * Shown every batch this pass reads, in log order, before it is applied: what a caller can learn
 * of the log from the replay's own read (the positions it skips), without reading it again.
 */
export type RebuildReadObserver = (events: readonly RecordedEvent[]) => void;

/**
 * Some of a rebuild's projections replayed somewhere else at the same time (another thread, with
 * stores of its own on the same files), so a second core does their share of the work.
 */
export interface RebuildLane {
  /** The projections it replays; the runner claims their leases with its own before anything is emptied. */
  names: readonly string[];
  /**
   * Rebuilds them from zero (emptied, replayed up to at least `head`, indexes built, progress
   * reported as the lane goes) under the leases of lease owner `runnerId`, which already holds
   * them, and resolves once everything is stored. Their leases may be released when it resolves.
   */
  rebuild(request: { runnerId: string; head: GlobalPosition; onProgress: RebuildProgress }): Promise<void>;
}

/**
 * Rebuild several projections from zero with one read of the log: each batch read is applied to
 * every projection in turn (each in its own transaction with its own checkpoint), so rebuilding
 * five projections costs one pass over the log, not five. With a `lane`, the projections it names
 * are rebuilt there at the same time, and this pass feeds only the others.
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
  lane?: { rebuild: RebuildLane['rebuild']; workers: ProjectionWorker[]; runnerId: string },
  onRead?: RebuildReadObserver,
): Promise<void> {
  const everyWorker = [...workers, ...(lane?.workers ?? [])];
  const claimed: ProjectionWorker[] = [];
  let failure: unknown;
  try {
    for (const worker of everyWorker) {
      await worker.claimForRebuild();
      claimed.push(worker);
    }
  } catch (error) {
    await Promise.all(claimed.map((worker) => worker.finishRebuild()));
    throw error;
  }
  try {
    for (const worker of workers) await worker.resetForRebuild();
    const head = await eventStore.headPosition();
    const progress = slowestOf(lane ? 2 : 1, head, onProgress);
    const replays = [replay(eventStore, workers, batchSize, head, progress(0), onRead)];
    if (lane) replays.push(lane.rebuild({ runnerId: lane.runnerId, head, onProgress: progress(1) }));
    // Both run to their end: a lane that failed leaves this pass's work worth keeping, and the other way round.
    const failed = (await Promise.allSettled(replays)).find((result) => result.status === 'rejected');
    if (failed) failure = failed.reason;
  } catch (error) {
    failure = error;
  }
  await Promise.all(everyWorker.map((worker) => worker.finishRebuild(failure)));
  if (failure !== undefined) {
    const names = everyWorker.map((worker) => worker.name).join(', ');
    throw new Error(`Rebuild of ${names} failed: ${describe(failure)}`, { cause: failure });
  }
}

/** Progress of parallel replays as one: the position every one of them has reached. */
function slowestOf(
  replays: number,
  head: GlobalPosition,
  onProgress?: RebuildProgress,
): (replay: number) => RebuildProgress {
  const reached: GlobalPosition[] = new Array<GlobalPosition>(replays).fill(0);
  onProgress?.(0, head);
  return (replay) => (checkpoint, newHead) => {
    reached[replay] = checkpoint;
    onProgress?.(Math.min(...reached), newHead);
  };
}

async function replay(
  eventStore: EventStore,
  workers: ProjectionWorker[],
  batchSize: number,
  head: GlobalPosition,
  onProgress: RebuildProgress,
  onRead?: RebuildReadObserver,
): Promise<void> {
  // Every projection replays in the lane: this pass has nothing to wait for.
  if (workers.length === 0) return onProgress(head, head);
  for (let after = 0; after < head;) {
    // As live: an unreadable row is set aside by the projections that handle it, not the end of the rebuild.
    const events = await eventStore.readAll({ after, maxCount: batchSize, unreadable: 'deliver' });
    if (events.length === 0) break;
    onRead?.(events);
    for (const worker of workers) await worker.applyRebuildBatch(events);
    after = events[events.length - 1].position;
    onProgress(Math.min(after, head), head);
    // A store that answers synchronously (SQLite) never lets the event loop turn between batches:
    // lease renewals, signals (Ctrl-C) and a lane's messages would wait for the whole rebuild, and
    // a lease lapsing mid-rebuild lets another runner in. One turn per batch costs nothing next to
    // the batch.
    await setImmediate();
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
