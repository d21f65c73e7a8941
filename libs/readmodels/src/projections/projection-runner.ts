import type { EventStore, GlobalPosition } from '@casetrail/eventstore';
import { processLeaseOwner } from '../leases/process-lease-owner';
import type { ReadModelStore } from '../read-model-store.port';
import {
  rebuildInOnePass,
  type RebuildLane,
  type RebuildProgress,
  type RebuildReadObserver,
} from './one-pass-rebuild';
import type { Projection } from './projection';
import { silentProjectionLogger, type ProjectionLogger } from './projection-logger';
import type { ProjectionStatus } from './projection-status';
import { ProjectionWorker } from './projection-worker';
import { assertLogCoversCheckpoints } from './log-covers-checkpoints';
import { SetAsideEvents, type OnSetAside, type SetAsideEvent } from './set-aside-events';

export interface ProjectionRunnerOptions {
  eventStore: EventStore;
  readModels: ReadModelStore;
  projections: Projection[];
  logger?: ProjectionLogger;
  /** Identifies this runner as a lease owner; unique, and naming this process, by default (processLeaseOwner). */
  runnerId?: string;
  /** How long a lease outlives its last renewal: a standby takes over this long after a crash (default 15 s). */
  leaseTtlMs?: number;
  /** How often the active runner renews its leases (default a third of the TTL). */
  leaseRenewIntervalMs?: number;
  /** How often a standby tries to take a lease (default: the renew interval). */
  standbyRetryMs?: number;
  /** Largest batch applied in one store transaction (default 500). */
  batchSize?: number;
  /**
   * During a rebuild, documents each projection holds in memory across batches before storing
   * them (default 10,000; see `HeldBatch`). Larger: fewer rewrites of the same case, more memory.
   */
  rebuildHeldDocuments?: number;
  /**
   * Full batches in a row after which a live projection, far behind the head, catches up as a
   * rebuild does (holding documents across batches) until it nears the head (default 10).
   */
  catchUpAfterFullBatches?: number;
  /** The same as `rebuildHeldDocuments`, for such a catch-up (default 5,000). */
  catchUpHeldDocuments?: number;
  /** How long such a catch-up holds documents at most before storing them (default 1 s). */
  catchUpMaxHoldMs?: number;
  /** Epoch ms that `catchUpMaxHoldMs` is measured by (default `Date.now`); injectable for tests. */
  catchUpClock?: () => number;
  /** First retry delay after a failure, doubling up to `maxFailureRetryMs` (defaults 1 s and 60 s). */
  failureRetryMs?: number;
  maxFailureRetryMs?: number;
  /** How often waits re-read the checkpoints of projections active in another runner (default 50 ms). */
  pollIntervalMs?: number;
  /**
   * Told once of each stored event that cannot be read and that a projection handles: the projection
   * went on without it (see `SetAsideEvents`). Where the process keeps its damaged streams.
   */
  onSetAside?: OnSetAside;
}

/**
 * A busy desk's cases in flight at once, several times over: a case met again a few thousand
 * events later is still held, and written once instead of once per batch. Costs heap: on the
 * bench's million events, with the rebuild command's heap bound, the peak stays under 500 MB.
 */
const DEFAULT_REBUILD_HELD_DOCUMENTS = 10_000;

/**
 * 5,000 events behind with the default batch: a projection that far behind is catching up over a
 * long log, not following a busy desk, and nobody waits on its batches one by one. Held, the four
 * projections caught up with the bench's 1,050,706 events in 74 s instead of 262 s.
 */
const DEFAULT_CATCH_UP_AFTER_FULL_BATCHES = 10;

/**
 * Half a rebuild's: a catch-up runs in the API or projector process, whose heap is not bounded as
 * the rebuild command's is. On the bench's million events: 386 MiB peak (567 MiB with 10,000).
 */
const DEFAULT_CATCH_UP_HELD_DOCUMENTS = 5_000;

/**
 * Runs projections: one active runner per projection across all processes (by lease), the others
 * on standby. Exposes lag and status for /health and metrics, a rebuild, and waits that let the
 * API read its own writes.
 */
export class ProjectionRunner {
  readonly runnerId: string;
  private readonly workers = new Map<string, ProjectionWorker>();
  private readonly eventStore: EventStore;
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly setAside: SetAsideEvents;

  constructor(options: ProjectionRunnerOptions) {
    this.runnerId = options.runnerId ?? processLeaseOwner();
    this.eventStore = options.eventStore;
    this.pollIntervalMs = options.pollIntervalMs ?? 50;
    this.batchSize = options.batchSize ?? 500;
    const leaseTtlMs = options.leaseTtlMs ?? 15_000;
    const leaseRenewIntervalMs = options.leaseRenewIntervalMs ?? Math.floor(leaseTtlMs / 3);
    if (!(leaseRenewIntervalMs > 0 && leaseRenewIntervalMs < leaseTtlMs)) {
      throw new Error('leaseRenewIntervalMs must be positive and shorter than leaseTtlMs');
    }
    const logger = options.logger ?? silentProjectionLogger;
    this.setAside = new SetAsideEvents(logger, options.onSetAside);
    const settings = {
      eventStore: options.eventStore,
      readModels: options.readModels,
      logger,
      runnerId: this.runnerId,
      leaseTtlMs,
      leaseRenewIntervalMs,
      standbyRetryMs: options.standbyRetryMs ?? leaseRenewIntervalMs,
      batchSize: this.batchSize,
      rebuildHeldDocuments: options.rebuildHeldDocuments ?? DEFAULT_REBUILD_HELD_DOCUMENTS,
      catchUpAfterFullBatches: options.catchUpAfterFullBatches ?? DEFAULT_CATCH_UP_AFTER_FULL_BATCHES,
      catchUpHeldDocuments: options.catchUpHeldDocuments ?? DEFAULT_CATCH_UP_HELD_DOCUMENTS,
      catchUpMaxHoldMs: options.catchUpMaxHoldMs ?? 1_000,
      catchUpClock: options.catchUpClock ?? (() => Date.now()),
      failureRetryMs: options.failureRetryMs ?? 1_000,
      maxFailureRetryMs: options.maxFailureRetryMs ?? 60_000,
      setAside: this.setAside,
    };
    for (const projection of options.projections) {
      if (this.workers.has(projection.name)) throw new Error(`Two projections are named ${projection.name}`);
      this.workers.set(projection.name, new ProjectionWorker(projection, settings));
    }
  }

  /** Start every projection; resolves once each is active or on standby. */
  async start(): Promise<void> {
    await this.assertLogCoversCheckpoints();
    await Promise.all([...this.workers.values()].map((worker) => worker.start()));
  }

  /** Refuse to run on a log that lost events the read models applied (see assertLogCoversCheckpoints). */
  private async assertLogCoversCheckpoints(): Promise<void> {
    const workers = this.workers;
    await assertLogCoversCheckpoints(this.eventStore, [...workers.keys()], (name) =>
      workers.get(name)!.checkpoint(),
    );
  }

  /** Graceful: in-flight batches finish, leases are released. */
  async stop(): Promise<void> {
    await Promise.all([...this.workers.values()].map((worker) => worker.stop()));
  }

  /**
   * Reset projections (all, or those named) and replay the log into them from the start, in one
   * pass over the log (see `rebuildInOnePass`); resolves when they have caught up with the head
   * as of the reset, and they then go on live. Starts those projections if they were not. A
   * `lane` rebuilds the projections it names at the same time, elsewhere (see `RebuildLane`).
   * `onRead` sees each batch this pass reads. Stored events that cannot be read are set aside
   * (`setAsideEvents`), as a live runner does.
   */
  async rebuild(
    names?: string | string[],
    options: {
      onProgress?: RebuildProgress;
      batchSize?: number;
      lane?: RebuildLane;
      onRead?: RebuildReadObserver;
    } = {},
  ): Promise<void> {
    const selected = names === undefined ? undefined : typeof names === 'string' ? [names] : names;
    const workers = selected ? selected.map((name) => this.worker(name)) : [...this.workers.values()];
    const { lane } = options;
    const elsewhere = lane?.names.map((name) => this.worker(name)) ?? [];
    const unselected = elsewhere.filter((worker) => !workers.includes(worker));
    if (unselected.length > 0) {
      throw new Error(
        `The lane replays ${unselected.map((worker) => worker.name).join(', ')}, not being rebuilt`,
      );
    }
    await rebuildInOnePass(
      this.eventStore,
      workers.filter((worker) => !elsewhere.includes(worker)),
      options.batchSize ?? this.batchSize,
      options.onProgress,
      lane && { rebuild: (request) => lane.rebuild(request), workers: elsewhere, runnerId: this.runnerId },
      options.onRead,
    );
  }

  /** The stored events this runner's projections could not read and went on without, in the order met. */
  setAsideEvents(): SetAsideEvent[] {
    return this.setAside.all();
  }

  /** Events each projection has yet to apply (head position minus its checkpoint). */
  async lag(): Promise<Record<string, number>> {
    const head = await this.eventStore.headPosition();
    const entries = await Promise.all(
      [...this.workers.values()].map(async (worker) => [
        worker.name,
        Math.max(0, head - (await worker.checkpoint())),
      ]),
    );
    return Object.fromEntries(entries);
  }

  async status(): Promise<ProjectionStatus[]> {
    const headPosition = await this.eventStore.headPosition();
    return Promise.all(
      [...this.workers.values()].map(async (worker) => {
        const checkpoint = await worker.checkpoint();
        const lastError = worker.latestError;
        return {
          name: worker.name,
          state: worker.currentState,
          checkpoint,
          headPosition,
          lag: Math.max(0, headPosition - checkpoint),
          ...(lastError === undefined ? {} : { lastError }),
        };
      }),
    );
  }

  /**
   * Wait until the projections (all, or those named) have applied the event at `position`, so a
   * read right after a write sees it. Works whichever runner is active. False on timeout.
   */
  async waitForPosition(position: GlobalPosition, timeoutMs = 5_000, names?: string[]): Promise<boolean> {
    const workers = names ? names.map((name) => this.worker(name)) : [...this.workers.values()];
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const checkpoints = await Promise.all(workers.map((worker) => worker.checkpoint()));
      const behind = workers.filter((_, index) => checkpoints[index] < position);
      if (behind.length === 0) return true;
      const remaining = deadline - Date.now();
      if (remaining <= 0) return false;
      const wait = Math.min(remaining, this.pollIntervalMs);
      await Promise.race(behind.map((worker) => worker.nextProgress(wait)));
    }
  }

  /** Wait until every projection has applied everything in the log right now. */
  async catchUp(timeoutMs = 30_000): Promise<boolean> {
    return this.waitForPosition(await this.eventStore.headPosition(), timeoutMs);
  }

  private worker(name: string): ProjectionWorker {
    const worker = this.workers.get(name);
    if (!worker) throw new Error(`Unknown projection ${name}`);
    return worker;
  }
}
