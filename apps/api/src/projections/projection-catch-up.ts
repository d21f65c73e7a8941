import { performance } from 'node:perf_hooks';
import { Injectable, Logger } from '@nestjs/common';
import type { EventStore, GlobalPosition } from '@casetrail/eventstore';
import type { ProjectionRunner, ReadModelStore } from '@casetrail/readmodels';
import { ReadModelsBehindException } from '../problems/read-models-behind.exception';
import { CheckpointPoll } from './checkpoint-poll';
import { HandledEventsWatch } from './handled-events-watch';

/**
 * The projections a client reads right after writing (case detail, lists, queues, accounts,
 * licences). Reports, timers and the notification outbox catch up on their own.
 */
export const READ_YOUR_WRITES_PROJECTIONS = ['accounts', 'licences', 'cases'] as const;

export type ReadYourWritesProjection = (typeof READ_YOUR_WRITES_PROJECTIONS)[number];

/** The reporting read models (SLA dashboard, daily report, escalations board): read as they are, never waited for. */
export const REPORTING_PROJECTION = 'reporting';

/** A projection whose stored checkpoint a read looks at before answering from its read models. */
export type WatchedProjection = ReadYourWritesProjection | typeof REPORTING_PROJECTION;

/** A projection and the log position a read needs it to have applied. */
interface WaitTarget {
  projection: WatchedProjection;
  position: GlobalPosition;
}

/**
 * Consistent reads: before a read of the read models, wait until they include every event the
 * store held when the read began, so whatever a client was told is written (by this process or
 * another) is visible to its next read. Commands do not wait after appending; reads pay instead,
 * and only when the projections are actually behind (idle, the check is one head query).
 *
 * Bounded, so a stalled projector slows a read down but never fails it: after `timeoutMs` the read
 * is answered from the read models as they are, with a warning in the log.
 *
 * With the projections in this process, the runner says when they progress. With a separate
 * projector (`projectorRunsElsewhere`), one shared poll of the checkpoints it stores, per set of
 * projections, serves every waiting request.
 *
 * Except a read model a rebuild emptied (running, or killed before it finished): answered as it is,
 * it would tell a customer her licence does not exist and an admin that there are no accounts. When
 * the wait times out on one with no checkpoint (position 0) or a checkpoint below one this process
 * saw it at, the read is refused instead: 503 `read-models-behind`, nothing written, retry.
 */
@Injectable()
export class ProjectionCatchUp {
  private readonly logger = new Logger('ProjectionCatchUp');
  private readonly projectorPolls = new Map<string, CheckpointPoll>();
  private readonly timeoutMs: number;
  /**
   * The last wait that timed out: the projections were stalled at `position`, as of `at`
   * (monotonic). A request makes several waits in a row (the read's, then its access checks'), and
   * each would wait the whole timeout again for the same stalled projector: within one timeout of a
   * timed-out wait, a wait for no later position only looks (without waiting), so a read is late
   * by at most one timeout, as promised.
   */
  private stalled?: { position: GlobalPosition; at: number };
  /** For projections that name the event types they handle: the last position of those types. */
  private readonly handledEvents = new Map<string, HandledEventsWatch>();
  /** The highest checkpoint this process has read of each projection: one below it was reset by a rebuild. */
  private readonly highestSeen = new Map<string, GlobalPosition>();

  constructor(
    private readonly runner: ProjectionRunner,
    private readonly events: EventStore,
    /** The read models the projections write, where their checkpoints are stored. */
    private readonly readModels: ReadModelStore,
    /** The event types each projection handles, for those that name them (Projection.handles). */
    handledTypes: ReadonlyMap<string, readonly string[]>,
    private readonly options: { timeoutMs?: number; projectorRunsElsewhere?: boolean } = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 5_000;
    if (events.scanForTypes) {
      const scan = events.scanForTypes.bind(events);
      for (const [name, types] of handledTypes)
        this.handledEvents.set(name, new HandledEventsWatch(scan, types));
    }
  }

  /**
   * Waits until `projections` include everything appended so far (the store's head now). A
   * projection that handles only some event types waits only for the last of those at or before
   * the head: while cases are being opened, the licences and accounts read models already show
   * the head although their checkpoints trail it (see HandledEventsWatch).
   */
  async waitForHead(
    projections: readonly ReadYourWritesProjection[] = READ_YOUR_WRITES_PROJECTIONS,
  ): Promise<boolean> {
    const head = await this.events.headPosition();
    const targets = await Promise.all(
      projections.map(async (projection): Promise<WaitTarget | undefined> => {
        const checkpoint = await this.checkpointOf(projection);
        const position = await this.positionToWaitFor(projection, checkpoint, head);
        return position === undefined ? undefined : { projection, position };
      }),
    );
    return this.waitForEach(targets.filter((target) => target !== undefined));
  }

  /**
   * Waits for each projection to reach its own position, together (one bounded wait); false when
   * one did not, or ReadModelsBehindException naming every one of them that holds nothing of the log
   * (not only the first to time out: a fresh desk's detail would otherwise name whichever it was).
   */
  private async waitForEach(targets: readonly WaitTarget[]): Promise<boolean> {
    const caughtUp = await Promise.all(
      targets.map(({ projection, position }) => this.waitWithoutRefusing(position, [projection])),
    );
    const behind = targets.filter((_, index) => !caughtUp[index]);
    await this.refuseIfEmptied(behind);
    return behind.length === 0;
  }

  /**
   * Waits as `waitForHead([projection])` does, and resolves to a version of the projection's read
   * model as of the head: the position of the last event it handles (see HandledEventsWatch). Two
   * reads that got the same version saw the same facts, so what was read under a version may be
   * reused while the version stays. Undefined when there is none to give (the projection handles
   * every type, the log up to the head is not looked through yet, or the wait timed out): read anew.
   */
  async waitForHeadVersion(projection: ReadYourWritesProjection): Promise<GlobalPosition | undefined> {
    const watch = this.handledEvents.get(projection);
    if (!watch) {
      await this.waitForHead([projection]);
      return undefined;
    }
    const head = await this.events.headPosition();
    const checkpoint = await this.checkpointOf(projection);
    const version = await watch.lastHandledThrough(checkpoint, head);
    if (version === undefined) {
      await this.waitFor(head, [projection]);
      return undefined;
    }
    if (checkpoint >= version) return version;
    return (await this.waitFor(version, [projection])) ? version : undefined;
  }

  /** The position `projection` must reach for its stored read model to show the log up to `head`; undefined: none. */
  private async positionToWaitFor(
    projection: WatchedProjection,
    /** Its stored checkpoint, committed with the read model it describes: what a read will see. */
    checkpoint: GlobalPosition,
    head: GlobalPosition,
  ): Promise<GlobalPosition | undefined> {
    if (checkpoint >= head) return undefined;
    const watch = this.handledEvents.get(projection);
    return watch ? watch.positionToWaitFor(checkpoint, head) : head;
  }

  /**
   * For reads answered from read models as they are, without waiting for them to catch up (the
   * reports, which catch up on their own): refused as a waiting read is (503 `read-models-behind`)
   * while one of `projections` holds none of the log it should, never run on these read models (a
   * split desk whose `casetrail project` was not started) or emptied by a rebuild. Answered as they
   * are, they would say "nothing open, nothing overdue". A projection that has applied part of the
   * log is read as it is, at the cost of one checkpoint read each, made together (the escalations
   * board names four: one round trip to MongoDB, not four in a row); the head is read, and the same
   * bounded wait as the lists' made, only for one at checkpoint 0 or below what this process saw.
   */
  async refuseIfHoldingNothing(projections: readonly WatchedProjection[]): Promise<void> {
    // What this process saw before these reads: checkpointOf raises it.
    const highestBefore = projections.map((projection) => this.highestSeen.get(projection) ?? 0);
    const checkpoints = await Promise.all(projections.map((projection) => this.checkpointOf(projection)));
    const suspect = projections
      .map((projection, index) => ({ projection, checkpoint: checkpoints[index] }))
      .filter(({ checkpoint }, index) => checkpoint === 0 || checkpoint < highestBefore[index]);
    if (suspect.length === 0) return;
    const head = await this.events.headPosition();
    const lacking: WaitTarget[] = [];
    for (const { projection, checkpoint } of suspect) {
      // None of the events it handles stored yet (a desk with no case, for reporting): nothing lacks.
      const position = await this.positionToWaitFor(projection, checkpoint, head);
      if (position !== undefined) lacking.push({ projection, position });
    }
    // A projector that is running gets there within the wait; otherwise the read is refused.
    await this.waitForEach(lacking);
  }

  /** The stored checkpoint of `projection`, remembered if it is the highest seen. */
  private async checkpointOf(projection: WatchedProjection): Promise<GlobalPosition> {
    const checkpoint = await this.readModels.getCheckpoint(projection);
    if (checkpoint > (this.highestSeen.get(projection) ?? 0)) this.highestSeen.set(projection, checkpoint);
    return checkpoint;
  }

  /**
   * Waits until `projections` have applied the event at `position`; false (and a warning) on
   * timeout, or ReadModelsBehindException when one of them was emptied by a rebuild and has not
   * got there (see the class comment).
   */
  async waitFor(
    position: GlobalPosition,
    projections: readonly WatchedProjection[] = READ_YOUR_WRITES_PROJECTIONS,
  ): Promise<boolean> {
    const caughtUp = await this.waitWithoutRefusing(position, projections);
    if (!caughtUp) await this.refuseIfEmptied(projections.map((projection) => ({ projection, position })));
    return caughtUp;
  }

  /** `waitFor` without the refusal: false (and a warning) on timeout. */
  private async waitWithoutRefusing(
    position: GlobalPosition,
    projections: readonly WatchedProjection[],
  ): Promise<boolean> {
    const stalled = this.stalled;
    const knownStalled =
      stalled !== undefined &&
      position <= stalled.position &&
      performance.now() - stalled.at < this.timeoutMs;
    const timeoutMs = knownStalled ? 0 : this.timeoutMs;
    // In process the runner answers at once when the checkpoints are there already; the poll
    // of a separate projector's checkpoints does the same at its first look.
    const caughtUp = this.options.projectorRunsElsewhere
      ? await this.projectorPoll(projections).wait(position, timeoutMs)
      : await this.runner.waitForPosition(position, timeoutMs, [...projections]);
    if (!caughtUp && !knownStalled) {
      this.stalled = { position, at: performance.now() };
      this.logger.warn(
        `Read models (${projections.join(', ')}) did not reach position ${position} within ${this.timeoutMs} ms`,
      );
    }
    return caughtUp;
  }

  /**
   * Throws ReadModelsBehindException when one of the projections short of its position holds
   * nothing of the log: emptied by a rebuild, or never run (a fresh desk whose projector was not
   * started).
   */
  private async refuseIfEmptied(behind: readonly WaitTarget[]): Promise<void> {
    const emptied: string[] = [];
    const neverRun: string[] = [];
    for (const { projection, position } of behind) {
      // A checkpoint that cannot be read now says nothing: the read goes on as it would have.
      const checkpoint = await this.readModels.getCheckpoint(projection).catch(() => undefined);
      if (checkpoint === undefined || checkpoint >= position) continue;
      if (checkpoint > 0 && checkpoint >= (this.highestSeen.get(projection) ?? 0)) continue;
      if (checkpoint === 0 && (await this.neverRan(projection))) neverRun.push(projection);
      else emptied.push(projection);
    }
    // A rebuild's wording wins: the operator then waits for it (or lets `casetrail project` finish it).
    if (emptied.length > 0) throw ReadModelsBehindException.rebuilding(emptied);
    if (neverRun.length > 0) throw ReadModelsBehindException.notRunYet(neverRun);
  }

  /**
   * Whether no projector ever ran `projection` on these read models: a runner records the version
   * it builds with when it starts (a rebuild's reset too), so one with no version recorded was never
   * started, and telling the operator a rebuild is running would send them waiting for nothing.
   */
  private async neverRan(projection: WatchedProjection): Promise<boolean> {
    const version = await this.readModels.getProjectionVersion(projection).catch(() => null);
    return version === undefined;
  }

  private projectorPoll(projections: readonly WatchedProjection[]): CheckpointPoll {
    const key = [...projections].sort().join(',');
    let poll = this.projectorPolls.get(key);
    if (!poll) {
      const readModels = this.readModels;
      poll = new CheckpointPoll(async () => {
        const checkpoints = await Promise.all(projections.map((name) => readModels.getCheckpoint(name)));
        return Math.min(...checkpoints);
      });
      this.projectorPolls.set(key, poll);
    }
    return poll;
  }
}
