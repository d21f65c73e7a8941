import {
  UnreadableEventError,
  type EventStore,
  type GlobalPosition,
  type RecordedEvent,
  type Subscription,
} from '@casetrail/eventstore';
import { isLeaseOwnerProcessGone } from '../leases/process-lease-owner';
import { CheckpointConflictError } from '../read-model-errors';
import type { HeldBatch, ProjectionTransaction, ReadModelStore } from '../read-model-store.port';
import { LeaseLostError } from './lease-lost.error';
import type { Projection } from './projection';
import type { ProjectionLogger } from './projection-logger';
import type { ProjectionState } from './projection-status';
import {
  setAsideStreamsCollection,
  type SetAsideEvents,
  type SetAsideRow,
  type TakenBack,
} from './set-aside-events';
import { builtVersion, projectionVersion, ProjectionVersionError } from './projection-version';

export interface ProjectionWorkerSettings {
  eventStore: EventStore;
  readModels: ReadModelStore;
  logger: ProjectionLogger;
  runnerId: string;
  leaseTtlMs: number;
  leaseRenewIntervalMs: number;
  standbyRetryMs: number;
  batchSize: number;
  /**
   * During a rebuild, documents held in memory across batches before they are stored together
   * (see `HeldBatch`): a case the replay meets again in the next batch is then written once, not
   * once per batch. Bounds the rebuild's memory.
   */
  rebuildHeldDocuments: number;
  /**
   * Full batches in a row after which a live worker counts as far behind the head (a first start
   * over a long log, lost read models, a runner back after a long stop) and catches up as a
   * rebuild does, holding up to `catchUpHeldDocuments` documents across batches, until a batch
   * comes back short (the head is near): then it stores what it holds and goes on batch by batch.
   */
  catchUpAfterFullBatches: number;
  catchUpHeldDocuments: number;
  /**
   * How long a catch-up holds documents at most before storing them: the process serves queries
   * meanwhile, and a projection with few documents (accounts) would otherwise show nothing until
   * the head.
   */
  catchUpMaxHoldMs: number;
  /**
   * What a catch-up's hold is measured by (epoch ms), injectable so tests step time instead of
   * racing the wall clock. Only the hold: leases and retries run on timers, in real time.
   */
  catchUpClock: () => number;
  failureRetryMs: number;
  maxFailureRetryMs: number;
  /** What becomes of stored events that cannot be read (shared by the runner's workers). */
  setAside: SetAsideEvents;
}

/**
 * Runs one projection inside one runner. A periodic tick acquires or renews the projection's
 * lease: holding it, the worker subscribes to the log from the stored checkpoint and applies each
 * batch with its checkpoint; not holding it, the worker stands by and tries again at the next
 * tick, which is how a standby takes over from a runner that died.
 *
 * State changes (ticks, stop, rebuild, the end of a subscription) run one at a time through a
 * queue; batches are applied by the subscription, outside the queue, so a long batch never delays
 * a lease renewal.
 */
export class ProjectionWorker {
  readonly leaseName: string;
  private state: ProjectionState = 'idle';
  private running = false;
  private subscription?: Subscription;
  private timer?: NodeJS.Timeout;
  private queue: Promise<void> = Promise.resolve();
  /** Checkpoint this worker has applied up to (meaningful while active). */
  private appliedPosition: GlobalPosition = 0;
  /** When the lease should be renewed before the next batch (local clock). */
  private leaseRenewDueAt = 0;
  private lastError?: string;
  private consecutiveFailures = 0;
  private retryAt = 0;
  private readonly progressListeners = new Set<() => void>();
  private readonly handles?: ReadonlySet<string>;
  /** The batch a rebuild's replay is applying, if any. */
  private rebuildBatch?: Promise<void>;
  /** What a rebuild, or a live catch-up far behind the head, has applied and not stored yet. */
  private held?: HeldBatch;
  /** Live batches in a row that came back full: the subscription has not reached the head. */
  private fullBatchesInARow = 0;
  /** When the documents held now began to be held (by `catchUpClock`). */
  private holdingSince = 0;
  /** The first events of an append the last full batch ended in: applied with the rest of it. */
  private carried: RecordedEvent[] = [];

  constructor(
    readonly projection: Projection,
    private readonly settings: ProjectionWorkerSettings,
  ) {
    this.leaseName = `projection:${projection.name}`;
    this.handles = projection.handles ? new Set(projection.handles) : undefined;
    settings.setAside.register(projection.name, this.handles);
  }

  get name(): string {
    return this.projection.name;
  }

  get currentState(): ProjectionState {
    return this.state;
  }

  get latestError(): string | undefined {
    return this.lastError;
  }

  /** Start the lease loop; resolves after the first attempt (active or standby). */
  start(): Promise<void> {
    return this.enqueue(async () => {
      if (this.running) return;
      this.running = true;
      this.state = 'standby';
      await this.tick();
    });
  }

  /** Finish the batch in flight, stop, and release the lease so a standby takes over at once. */
  stop(): Promise<void> {
    return this.enqueue(async () => {
      this.running = false;
      clearTimeout(this.timer);
      // A rebuild's replay applies no further batch from now on (see applyRebuildBatch).
      if (this.state === 'rebuilding') this.state = 'stopped';
      await this.deactivate();
      try {
        await this.settings.readModels.releaseLease(this.leaseName, this.settings.runnerId);
      } catch (error) {
        this.log('warn', 'could not release the lease; it will expire', { error: describe(error) });
      }
      this.leaseRenewDueAt = 0;
      this.state = 'stopped';
      this.notifyProgress();
    });
  }

  /**
   * First step of a rebuild (`rebuildInOnePass`): stop applying and take the lease. Fails when
   * another runner holds it; nothing has been emptied then.
   */
  claimForRebuild(): Promise<void> {
    return this.enqueue(async () => {
      await this.deactivate();
      if (!(await this.renewLease())) {
        throw new Error(`Cannot rebuild ${this.name}: another runner holds ${this.leaseName}`);
      }
      this.state = 'rebuilding';
      this.notifyProgress();
    });
  }

  /**
   * Empty the projection's collections and checkpoint. The store may drop their secondary
   * indexes until `finishRebuild`: building an index once over the finished rows is far cheaper
   * than updating it on every write of the replay.
   */
  resetForRebuild(): Promise<void> {
    return this.enqueue(async () => {
      const { readModels } = this.settings;
      // Its streams set aside go with its documents: the replay sets aside again what it cannot read.
      const collections = [...this.projection.collections, setAsideStreamsCollection(this.name)];
      await readModels.ensureCollections(collections);
      await readModels.reset(
        this.name,
        collections.map((collection) => collection.name),
        { deferIndexes: true },
      );
      this.settings.setAside.forget(this.name);
      await readModels.setProjectionVersion(this.name, projectionVersion(this.projection));
      this.appliedPosition = 0;
      this.consecutiveFailures = 0;
      this.retryAt = 0;
      this.lastError = undefined;
      this.log('info', 'projection reset for rebuild');
    });
  }

  /**
   * One batch of the replay, applied like a subscription's (lease renewed when due) but held in
   * memory with the batches before it until `rebuildHeldDocuments` documents are held.
   */
  async applyRebuildBatch(events: RecordedEvent[]): Promise<void> {
    if (this.state !== 'rebuilding') throw new Error(`Rebuild of ${this.name} interrupted by stop()`);
    this.rebuildBatch = this.holdBatch(events, this.settings.rebuildHeldDocuments);
    try {
      await this.rebuildBatch;
    } finally {
      this.rebuildBatch = undefined;
    }
  }

  /**
   * Last step of a rebuild, whether it succeeded or not: indexes back, then live from the
   * checkpoint reached (an interrupted replay simply continues as an ordinary catch-up). The
   * worker then keeps running until `stop()`.
   */
  finishRebuild(error?: unknown): Promise<void> {
    return this.enqueue(async () => {
      if (this.state !== 'rebuilding') return; // stopped meanwhile
      this.running = true;
      try {
        // Whatever the replay applied here is kept, even if it failed elsewhere.
        await this.storeHeld();
      } catch (storeError) {
        error ??= storeError;
      }
      if (error === undefined) {
        try {
          await this.activate();
        } catch (activationError) {
          this.fail(activationError);
        }
      } else {
        this.fail(error);
      }
      // Failed: the tick takes over, activating after the back-off.
      this.schedule(
        this.subscription ? this.settings.leaseRenewIntervalMs : Math.max(0, this.retryAt - Date.now()),
      );
    });
  }

  /** The projection's checkpoint: this worker's own when active, else the stored one (another runner's). */
  async checkpoint(): Promise<GlobalPosition> {
    if (this.state === 'active' || this.state === 'rebuilding') return this.appliedPosition;
    return this.settings.readModels.getCheckpoint(this.name);
  }

  /** Resolves at this worker's next progress (a batch applied, a state change) or after `timeoutMs`. */
  nextProgress(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.progressListeners.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.progressListeners.add(done);
    });
  }

  private async tick(): Promise<void> {
    if (!this.running) return;
    try {
      const held = await this.renewLease();
      // During a rebuild the replay applies the batches; the tick only keeps the lease.
      if (this.state === 'rebuilding') return;
      if (held && !this.subscription && Date.now() >= this.retryAt) {
        await this.activate();
      } else if (!held && this.subscription) {
        this.log('warn', 'lease lost to another runner; standing by');
        await this.deactivate();
        this.state = 'standby';
      } else if (!held && this.state !== 'standby') {
        this.state = 'standby';
        this.notifyProgress();
      }
    } catch (error) {
      await this.deactivate();
      this.fail(error);
    } finally {
      this.schedule(this.subscription ? this.settings.leaseRenewIntervalMs : this.settings.standbyRetryMs);
    }
  }

  private async activate(): Promise<void> {
    const { readModels, eventStore, batchSize } = this.settings;
    await readModels.ensureCollections(this.projection.collections);
    const checkpoint = await readModels.getCheckpoint(this.name);
    await this.requireBuiltByThisVersion(checkpoint);
    // Past the checkpoint, the streams set aside before a restart must stay so (SetAsideEvents).
    await this.settings.setAside.restore(
      readModels,
      this.name,
      checkpoint,
      this.projection.setAsideUntil === 'readable'
        ? (row, through) => this.skippedEventsIfReadable(row, through)
        : undefined,
    );
    this.appliedPosition = checkpoint;
    this.fullBatchesInARow = 0;
    this.carried = [];
    // Unreadable rows come as events that say so: `applyEvent` sets aside those it handles.
    const subscription = eventStore.subscribeToAll(
      { after: checkpoint, batchSize, unreadable: 'deliver' },
      (events) => this.applyBatch(events),
    );
    this.subscription = subscription;
    this.state = 'active';
    this.log('info', 'projection active', { checkpoint });
    this.notifyProgress();
    subscription.done.then(
      () => undefined,
      (error: unknown) => void this.enqueue(async () => this.onSubscriptionFailed(subscription, error)),
    );
  }

  /**
   * The events of a stream set aside that this projection skipped, from its first unreadable row
   * through `through` (the checkpoint), once they all read (the row restored from a backup);
   * undefined while one still does not. Taken back, they are applied late rather than never: for
   * the outbox writer, the mails of the restored event and of the healthy ones after it.
   */
  private async skippedEventsIfReadable(
    row: SetAsideRow,
    through: GlobalPosition,
  ): Promise<RecordedEvent[] | undefined> {
    let events: RecordedEvent[];
    try {
      events = await this.settings.eventStore.readStream(row.stream, { fromRevision: row.revision });
    } catch (error) {
      if (error instanceof UnreadableEventError) return undefined;
      throw error;
    }
    if (events[0]?.position !== row.position) return undefined;
    return events.filter(
      (event) => event.position <= through && (!this.handles || this.handles.has(event.type)),
    );
  }

  /** Read models built by another version of the projection's code are refused until rebuilt. */
  private async requireBuiltByThisVersion(checkpoint: GlobalPosition): Promise<void> {
    const { readModels } = this.settings;
    const current = projectionVersion(this.projection);
    const recorded = await readModels.getProjectionVersion(this.name);
    if (recorded === current) return;
    const built = builtVersion(recorded, checkpoint, current);
    if (built !== current) throw new ProjectionVersionError(this.name, built, current);
    await readModels.setProjectionVersion(this.name, current);
  }

  private async deactivate(): Promise<void> {
    // A rebuild's batch in flight finishes (or fails) before the lease can be let go.
    await this.rebuildBatch?.catch(() => undefined);
    const subscription = this.subscription;
    this.subscription = undefined;
    // Resolves once the batch in flight (if any) has been applied or abandoned.
    await subscription?.stop();
    // Only under the lease (storeHeld checks): a runner that lost it leaves the work to its successor.
    await this.storeHeld().catch((error: unknown) =>
      this.log('warn', 'could not store the documents held so far; the next runner replays them', {
        error: describe(error),
      }),
    );
  }

  private async applyBatch(delivered: RecordedEvent[]): Promise<void> {
    if (delivered.length === 0) return;
    await this.renewLeaseIfDue();
    const full = delivered.length >= this.settings.batchSize;
    this.fullBatchesInARow = full ? this.fullBatchesInARow + 1 : 0;
    const events = await this.wholeAppends(delivered, full);
    if (this.held || this.fullBatchesInARow >= this.settings.catchUpAfterFullBatches) {
      await this.holdBatch(events, this.settings.catchUpHeldDocuments);
      if (await this.shouldStoreHeld(events, full)) await this.storeHeld();
    } else {
      await this.settings.readModels.applyBatch(this.name, events, (event, tx) => this.applyEvent(event, tx));
      this.appliedPosition = Math.max(this.appliedPosition, events[events.length - 1].position);
      this.log('debug', 'batch applied', { checkpoint: this.appliedPosition, events: events.length });
      this.notifyProgress();
    }
    this.consecutiveFailures = 0;
    this.lastError = undefined;
  }

  /**
   * A catch-up stores what it holds at the head (a short batch, or a full one that ended exactly
   * there: no batch follows to say so), after which batches are live again; and meanwhile at
   * least every `catchUpMaxHoldMs`.
   */
  private async shouldStoreHeld(events: RecordedEvent[], full: boolean): Promise<boolean> {
    if (!this.held) return false;
    if (!full) return true;
    if (this.settings.catchUpClock() - this.holdingSince >= this.settings.catchUpMaxHoldMs) return true;
    return (await this.settings.eventStore.headPosition()) <= events[events.length - 1].position;
  }

  /**
   * The delivered events, after those carried over from the last batch, up to the last append
   * that is whole. A full batch can end in the middle of one command's append (a comment and the
   * status change it causes; an escalation ended by a closure): applied in two transactions, the
   * read models would show the first half on its own, and a mail written for the first event
   * could be sent before the second completes its case snapshot. So when the event after a full
   * batch belongs to its last event's append (same stream, same correlation), that append's
   * events in this batch wait for the next one. A short batch holds only whole appends (an append
   * is atomic); one append longer than a batch is applied as it comes.
   */
  private async wholeAppends(delivered: RecordedEvent[], full: boolean): Promise<RecordedEvent[]> {
    const events = this.carried.length > 0 ? [...this.carried, ...delivered] : delivered;
    this.carried = [];
    if (!full) return events;
    const last = events[events.length - 1];
    const next = await this.eventAfter(last);
    if (next === undefined || !sameAppend(last, next)) return events;
    let start = events.length - 1;
    while (start > 0 && sameAppend(events[start - 1], last)) start--;
    if (start === 0) return events;
    this.carried = events.slice(start);
    return events.slice(0, start);
  }

  /** The event after `event` in the log; none at the head, or where the store cannot be read. */
  private async eventAfter(event: RecordedEvent): Promise<RecordedEvent | undefined> {
    try {
      const [next] = await this.settings.eventStore.readAll({
        after: event.position,
        maxCount: 1,
        unreadable: 'deliver',
      });
      return next;
    } catch {
      return undefined;
    }
  }

  /** Applies a batch to the held documents, storing them once `limit` documents are held. */
  private async holdBatch(events: RecordedEvent[], limit: number): Promise<void> {
    if (events.length === 0) return;
    await this.renewLeaseIfDue();
    // Unfrozen: the live batches, which freeze, hold the projection's code to immutability already.
    if (!this.held) {
      this.held = await this.settings.readModels.openHeldBatch(this.name, { frozen: false });
      this.holdingSince = this.settings.catchUpClock();
    }
    const held = this.held;
    try {
      await held.apply(events, (event, tx) => this.applyEvent(event, tx));
    } catch (error) {
      // Nothing since the last flush can be stored now: the live catch-up replays it.
      this.held = undefined;
      throw error;
    }
    if (held.heldDocuments >= limit) await this.storeHeld();
  }

  private async storeHeld(): Promise<void> {
    const held = this.held;
    if (!held) return;
    this.held = undefined;
    // Stored only under the lease: held writes may be older than a successor's (SQLite's checkpoint
    // fencing stops one that has written already, this one that has not yet).
    if (!(await this.renewLease())) throw new LeaseLostError(this.leaseName);
    this.appliedPosition = await held.flush();
    this.log('debug', 'held documents stored', { checkpoint: this.appliedPosition });
    this.notifyProgress();
  }

  private applyEvent(event: RecordedEvent, tx: ProjectionTransaction): Promise<void> | void {
    const takenBack = this.settings.setAside.takeBack(this.name);
    if (takenBack) return this.applyTakenBack(takenBack, tx).then(() => this.applyIfNotSetAside(event, tx));
    return this.applyIfNotSetAside(event, tx);
  }

  /**
   * The events of streams taken again that were skipped while set aside, applied in the batch
   * that drops their stored rows, before its own first event, at that event's position: what they
   * write belongs to this batch (the delivery worker adopts outbox rows past its cursor, in
   * position order, so rows at their own, long passed, positions would never be sent).
   */
  private async applyTakenBack(
    { skipped, dropStoredRows }: TakenBack,
    tx: ProjectionTransaction,
  ): Promise<void> {
    for (const event of skipped) await this.projection.apply({ ...event, position: tx.position }, tx);
    dropStoredRows(tx);
    this.log('warn', 'events skipped while their stream was set aside applied late', {
      events: skipped.length,
      streams: [...new Set(skipped.map((event) => event.stream))].slice(0, 10),
      at: tx.position,
    });
  }

  private applyIfNotSetAside(event: RecordedEvent, tx: ProjectionTransaction): Promise<void> | void {
    const applies = this.settings.setAside.applies(event, this.name, this.handles, tx);
    if (applies === true) return this.projection.apply(event, tx);
    if (applies !== false)
      return applies.then((apply) => (apply ? this.projection.apply(event, tx) : undefined));
  }

  private async onSubscriptionFailed(subscription: Subscription, error: unknown): Promise<void> {
    // A subscription we stopped ourselves, or one already replaced, is no news.
    if (this.subscription !== subscription) return;
    this.subscription = undefined;
    if (error instanceof LeaseLostError || error instanceof CheckpointConflictError) {
      this.log('warn', 'another runner took over; standing by', { reason: error.message });
      this.leaseRenewDueAt = 0;
      this.state = 'standby';
      this.notifyProgress();
      return;
    }
    this.fail(error);
    this.schedule(Math.max(0, this.retryAt - Date.now()));
  }

  private fail(error: unknown): void {
    this.consecutiveFailures += 1;
    const delay = Math.min(
      this.settings.failureRetryMs * 2 ** (this.consecutiveFailures - 1),
      this.settings.maxFailureRetryMs,
    );
    this.retryAt = Date.now() + delay;
    this.lastError = describe(error);
    this.state = 'failed';
    this.log('error', 'projection failed; will retry', {
      error: this.lastError,
      retryInMs: delay,
      failures: this.consecutiveFailures,
    });
    this.notifyProgress();
  }

  /** Renew before applying when due: the timer may lag behind a long catch-up or rebuild. */
  private async renewLeaseIfDue(): Promise<void> {
    if (Date.now() >= this.leaseRenewDueAt && !(await this.renewLease()))
      throw new LeaseLostError(this.leaseName);
  }

  private async renewLease(): Promise<boolean> {
    const requestedAt = Date.now();
    const { readModels, runnerId, leaseTtlMs, leaseRenewIntervalMs } = this.settings;
    const held = await readModels.tryAcquireLease(
      this.leaseName,
      runnerId,
      leaseTtlMs,
      isLeaseOwnerProcessGone,
    );
    this.leaseRenewDueAt = held ? requestedAt + leaseRenewIntervalMs : 0;
    return held;
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    if (!this.running) return;
    this.timer = setTimeout(() => void this.enqueue(() => this.tick()), delayMs);
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const result = this.queue.then(task);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private notifyProgress(): void {
    for (const listener of [...this.progressListeners]) listener();
  }

  private log(level: keyof ProjectionLogger, message: string, context: Record<string, unknown> = {}): void {
    this.settings.logger[level](message, {
      projection: this.name,
      runner: this.settings.runnerId,
      ...context,
    });
  }
}

/** One command's events are appended together to one stream, under the command's correlation id. */
function sameAppend(earlier: RecordedEvent, later: RecordedEvent): boolean {
  return earlier.stream === later.stream && earlier.metadata.correlationId === later.metadata.correlationId;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
