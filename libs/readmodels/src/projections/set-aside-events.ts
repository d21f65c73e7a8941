import {
  UnreadableEvent,
  type GlobalPosition,
  type RecordedEvent,
  type UnreadableEventError,
} from '@casetrail/eventstore';
import type { CollectionDefinition, ProjectionTransaction, ReadModelStore } from '../read-model-store.port';
import type { ProjectionLogger } from './projection-logger';

/** A stored set-aside stream's first row the projection went on without. */
export type SetAsideRow = Pick<SetAsideEvent, 'stream' | 'revision' | 'position'>;

/**
 * For a projection that takes a stream again once its row reads (`Projection.setAsideUntil`
 * 'readable'): the stream's events it skipped, from `row` through `through` (its checkpoint), when
 * they all read now; undefined while any still does not (the stream stays set aside).
 */
export type ReadAgain = (row: SetAsideRow, through: GlobalPosition) => Promise<RecordedEvent[] | undefined>;

/** Streams taken again (`SetAsideEvents.takeBack`): the events skipped, and the dropping of their stored rows. */
export interface TakenBack {
  skipped: RecordedEvent[];
  /** After `skipped` are applied, in the same batch (see `takeBack`). */
  dropStoredRows(tx: ProjectionTransaction): void;
}

/** A stored event a projection handles but could not read, which it went on without. */
export interface SetAsideEvent {
  stream: string;
  revision: number;
  position: GlobalPosition;
  type: string;
  /** The store's words for what is wrong with the row. */
  problem: string;
  /** The projections that went on without it. */
  projections: string[];
}

export type OnSetAside = (event: SetAsideEvent) => void;

/** How a projection's set-aside stream is stored: the first row of it the projection went on without. */
type StoredSetAsideStream = Omit<SetAsideEvent, 'projections'> & { id: string };

/** Rows remembered for a report: a log damaged throughout must not grow a runner's memory unbounded. */
const REMEMBERED = 10_000;
/** Streams set aside held in memory (all projections together); past it, the store is asked. */
const REMEMBERED_STREAMS = 10_000;

/**
 * Where a projection's streams set aside are stored, beside its documents: written in the batch
 * that carries its checkpoint (a crash cannot keep the checkpoint past the row and lose the stream),
 * emptied with them by a rebuild, read when its runner starts. Without it a restarted runner,
 * already past the row, applied (and mailed) the stream's later events without the missing one.
 */
export function setAsideStreamsCollection(projection: string): CollectionDefinition {
  return { name: `set_aside_${projection}`, indexedFields: [] };
}

/**
 * The one rule every projection runner (the projector's, the API's, the outbox writer's, a
 * rebuild's) applies to a stored event that cannot be read. A projection that does not handle its
 * type skips it as it skips any such event: its data is none of its business. One that does handle
 * it sets it aside: goes on without it, so one damaged stream costs that stream's documents (the
 * cases it is in, the mails of that one event), not every projection of the desk; the stream is
 * reported (`onSetAside`: the damaged streams /health lists, where commands on it answer 503
 * already) and logged, once per row however many projections or retries meet it.
 *
 * Memory is bounded: at most `REMEMBERED` rows and `REMEMBERED_STREAMS` streams are held; past
 * those a projection's streams are looked up in its stored ones (`setAsideStreamsCollection`),
 * and `count()` stays exact.
 */
export class SetAsideEvents {
  private readonly found = new Map<GlobalPosition, SetAsideEvent>();
  /** Each projection's streams set aside (see `streamOf`), up to REMEMBERED_STREAMS. */
  private readonly streams = new Set<string>();
  /** Projections with streams set aside that `streams` could not hold: the store is asked for those. */
  private readonly spilled = new Set<string>();
  /** The projections of this runner, in order, with the types each handles (`register`). */
  private readonly registered: { projection: string; handles?: ReadonlySet<string> }[] = [];
  /** Rows counted that `found` could not hold. */
  private unremembered = 0;
  /** Per projection, the last position it counted past `found`: a batch retried is not counted again. */
  private readonly countedUpTo = new Map<string, GlobalPosition>();
  /** Projections whose stored streams were read at least once (`restore`). */
  private readonly restored = new Set<string>();
  /**
   * Per projection, stored streams taken again (`restore`): deleted in its next batch, which first
   * applies the events of theirs it skipped (`takeBack`).
   */
  private readonly released = new Map<string, { streams: string[]; skipped: RecordedEvent[] }>();

  constructor(
    private readonly logger: ProjectionLogger,
    private readonly onSetAside?: OnSetAside,
  ) {}

  /**
   * Names a projection of the runner: a row `found` cannot hold is counted by the first projection
   * registered that handles its type, so each is counted once however many projections meet it.
   */
  register(projection: string, handles: ReadonlySet<string> | undefined): void {
    this.registered.push({ projection, handles });
  }

  /**
   * Whether `projection`, handling `handles` (all types when undefined), applies `event`. After an
   * event it handles was set aside, the rest of that stream is too: its later events would be
   * applied over documents that lack one (a case never opened, a count one short), and could fail
   * the projection all the same. With `tx` (a runner's batch), the stream is stored with the
   * checkpoint, so it stays set aside after a restart (`restore`).
   */
  applies(
    event: RecordedEvent,
    projection: string,
    handles: ReadonlySet<string> | undefined,
    tx?: ProjectionTransaction,
  ): boolean | Promise<boolean> {
    if (handles && !handles.has(event.type)) return false;
    const key = streamOf(projection, event.stream);
    if (event.unreadable === undefined) {
      // Checked only once something was set aside (held, or past the memory: `spilled`): a sound
      // log costs two size tests per event.
      if (this.streams.size === 0 && this.spilled.size === 0) return true;
      if (this.streams.has(key)) return false;
      if (!tx || !this.spilled.has(projection)) return true;
      return isStored(tx, projection, event.stream).then((stored) => !stored);
    }
    this.setAside(event, event.unreadable, projection);
    if (this.streams.has(key)) return false;
    // Without a batch to store it in (a scratch replay, run once), memory is the only place.
    if (this.streams.size < REMEMBERED_STREAMS || !tx) {
      this.streams.add(key);
      if (tx) store(tx, projection, event);
      return false;
    }
    this.spilled.add(projection);
    return isStored(tx, projection, event.stream).then((stored) => {
      if (!stored) store(tx, projection, event);
      return false;
    });
  }

  /**
   * Reads the streams `projection` stored as set aside (before a restart, or by another runner
   * while this one stood by), as it becomes active from `checkpoint`: they stay set aside, and are
   * reported again (`onSetAside`, not logged again: the row was) for /health. Except, with
   * `readAgain`, those whose skipped events all read again: taken again (`takeBack`).
   *
   * What this runner marked in memory is replaced by what is stored: a batch that failed (a busy
   * store, a lease lost) was rolled back with the stream it stored, and is applied again from the
   * checkpoint, so its events before the row must be applied and the row met and stored again.
   * A row stored past `checkpoint` (MongoDB writes documents before the checkpoint) is met again too.
   */
  async restore(
    readModels: ReadModelStore,
    projection: string,
    checkpoint: GlobalPosition,
    readAgain?: ReadAgain,
  ): Promise<void> {
    // Read again at each activation: another runner may have set streams aside while this one stood by.
    const again = this.restored.has(projection);
    const known = this.keysOf(projection);
    this.forget(projection);
    const collection = setAsideStreamsCollection(projection);
    await readModels.ensureCollections([collection]);
    const room = REMEMBERED_STREAMS - this.streams.size;
    const { items } = await readModels.find<StoredSetAsideStream>(collection.name, {
      limit: Math.max(1, room),
    });
    const rows = items.slice(0, room);
    if ((await readModels.count(collection.name)) > rows.length) this.spilled.add(projection);
    const released: string[] = [];
    const skipped: RecordedEvent[] = [];
    let kept = 0;
    for (const { id: _id, ...row } of rows) {
      if (row.position > checkpoint) continue;
      const key = streamOf(projection, row.stream);
      const readsAgain = readAgain && (await readAgain(row, checkpoint));
      if (readsAgain) {
        released.push(row.stream);
        skipped.push(...readsAgain);
        continue;
      }
      this.streams.add(key);
      if (known.has(key)) continue;
      kept += 1;
      // Past the rows listed, counted at the first reading only (a row is not known again there).
      if (!again || this.found.size < REMEMBERED)
        this.remember({ ...row, projections: [projection] }, projection, { restored: true });
    }
    this.restored.add(projection);
    if (released.length > 0) {
      // In log order, as they were first met: each stream's in its own order.
      skipped.sort((a, b) => a.position - b.position);
      this.released.set(projection, { streams: released, skipped });
      this.logger.warn(
        'streams set aside before this runner started read again: taken again, their skipped events applied in the next batch',
        { projection, streams: released.length, events: skipped.length },
      );
    }
    if (kept > 0) {
      this.logger.warn(
        'streams set aside before this runner started stay set aside until restored and rebuilt',
        {
          projection,
          streams: kept,
        },
      );
    }
  }

  /**
   * In `projection`'s first batch after `restore` took streams again: the events of theirs it
   * skipped, for the batch to apply before its own, and the dropping of their stored rows, for it
   * to do once it has. One batch holds both, so a crash either keeps the streams stored set aside
   * (taken back again at the next start) or stores what their events wrote: never the one without
   * the other. Dropped last because MongoDB, which has no transaction, stores a batch's writes one
   * collection after another in the order the batch first touched them: a row dropped first could
   * be gone while the late mails were never written. Undefined when there is nothing to take back
   * (the common case, one size test).
   */
  takeBack(projection: string): TakenBack | undefined {
    if (this.released.size === 0) return undefined;
    const released = this.released.get(projection);
    if (!released) return undefined;
    this.released.delete(projection);
    return {
      skipped: released.skipped,
      dropStoredRows: (tx) => {
        for (const stream of released.streams) tx.delete(setAsideStreamsCollection(projection).name, stream);
      },
    };
  }

  /** Forgets `projection`'s streams set aside: a rebuild emptied its stored ones and replays the log. */
  forget(projection: string): void {
    for (const key of this.keysOf(projection)) this.streams.delete(key);
    this.spilled.delete(projection);
    // A replay from the start applies them anyway: taken back too, they would be applied twice. And
    // `restore` computes them afresh: a batch that took them back and failed was rolled back with them.
    this.released.delete(projection);
  }

  private keysOf(projection: string): Set<string> {
    const prefix = streamOf(projection, '');
    return new Set([...this.streams].filter((key) => key.startsWith(prefix)));
  }

  /** Every row set aside so far, in the order met (the first REMEMBERED; `count()` counts them all). */
  all(): SetAsideEvent[] {
    return [...this.found.values()];
  }

  /** How many rows were set aside (and streams restored as set aside), those `all()` leaves out included. */
  count(): number {
    return this.found.size + this.unremembered;
  }

  private setAside(event: RecordedEvent, error: UnreadableEventError, projection: string): void {
    const { stream, revision, position, type } = event;
    const { problem } = UnreadableEvent.of(error);
    this.remember({ stream, revision, position, type, problem, projections: [projection] }, projection, {
      restored: false,
    });
  }

  /**
   * Counts, logs and reports a row once, however many projections or retries meet it; one `restored`
   * from the store (met before this runner started) is not logged again.
   */
  private remember(setAside: SetAsideEvent, projection: string, { restored }: { restored: boolean }): void {
    const known = this.found.get(setAside.position);
    if (known) {
      if (!known.projections.includes(projection)) known.projections.push(projection);
      return;
    }
    if (this.found.size < REMEMBERED) this.found.set(setAside.position, setAside);
    else if (this.counts(setAside, projection, { restored })) this.unremembered += 1;
    else return;
    if (!restored) {
      const { stream, revision, position, type, problem } = setAside;
      this.logger.error(
        'stored event cannot be read: set aside, the projection goes on without it (what it would have stored or mailed for this event is missing) until the row is restored from a backup; `casetrail verify` names every damaged row',
        { projection, stream, revision, position, type, problem },
      );
    }
    this.onSetAside?.(setAside);
  }

  /**
   * Whether `projection` counts a row `found` cannot hold: the first one handling its type, once
   * (rows met live come in log order; those restored, once each, in the store's).
   */
  private counts(
    { type, position }: SetAsideEvent,
    projection: string,
    { restored }: { restored: boolean },
  ): boolean {
    const owner = this.registered.find(({ handles }) => !handles || handles.has(type))?.projection;
    if ((owner ?? projection) !== projection) return false;
    if (restored) return true;
    if (position <= (this.countedUpTo.get(projection) ?? 0)) return false;
    this.countedUpTo.set(projection, position);
    return true;
  }
}

function store(tx: ProjectionTransaction, projection: string, event: RecordedEvent): void {
  const { stream, revision, position, type } = event;
  const { problem } = UnreadableEvent.of(event.unreadable!);
  const row: StoredSetAsideStream = { id: stream, stream, revision, position, type, problem };
  tx.put(setAsideStreamsCollection(projection).name, stream, row);
}

async function isStored(tx: ProjectionTransaction, projection: string, stream: string): Promise<boolean> {
  return (await tx.get(setAsideStreamsCollection(projection).name, stream)) !== undefined;
}

function streamOf(projection: string, stream: string): string {
  return `${projection}\u0000${stream}`;
}
