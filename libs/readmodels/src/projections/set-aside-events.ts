import {
  UnreadableEvent,
  type GlobalPosition,
  type RecordedEvent,
  type UnreadableEventError,
} from '@casetrail/eventstore';
import type { CollectionDefinition, ProjectionTransaction, ReadModelStore } from '../read-model-store.port';
import type { ProjectionLogger } from './projection-logger';

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
 */
export class SetAsideEvents {
  private readonly found = new Map<GlobalPosition, SetAsideEvent>();
  /** Each projection's streams set aside (see `streamOf`). */
  private readonly streams = new Set<string>();
  /** Projections whose stored streams were read already (`restore`). */
  private readonly restored = new Set<string>();

  constructor(
    private readonly logger: ProjectionLogger,
    private readonly onSetAside?: OnSetAside,
  ) {}

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
  ): boolean {
    if (handles && !handles.has(event.type)) return false;
    const key = streamOf(projection, event.stream);
    if (event.unreadable === undefined) {
      // Checked only once something was set aside: a sound log costs one size test per event.
      return this.streams.size === 0 || !this.streams.has(key);
    }
    this.setAside(event, event.unreadable, projection);
    if (this.streams.has(key)) return false;
    this.streams.add(key);
    if (tx) store(tx, projection, event);
    return false;
  }

  /**
   * Reads the streams `projection` stored as set aside (before a restart), once: they stay set
   * aside, and are reported again (`onSetAside`, not logged again: the row was) for /health.
   */
  async restore(readModels: ReadModelStore, projection: string): Promise<void> {
    if (this.restored.has(projection)) return;
    const collection = setAsideStreamsCollection(projection);
    await readModels.ensureCollections([collection]);
    const { items: rows } = await readModels.find<StoredSetAsideStream>(collection.name);
    for (const { id: _id, ...row } of rows) {
      this.streams.add(streamOf(projection, row.stream));
      this.remember({ ...row, projections: [projection] }, projection, { log: false });
    }
    this.restored.add(projection);
    if (rows.length > 0) {
      this.logger.warn(
        'streams set aside before this runner started stay set aside until restored and rebuilt',
        {
          projection,
          streams: rows.length,
        },
      );
    }
  }

  /** Forgets `projection`'s streams set aside: a rebuild emptied its stored ones and replays the log. */
  forget(projection: string): void {
    const prefix = streamOf(projection, '');
    for (const key of this.streams) if (key.startsWith(prefix)) this.streams.delete(key);
  }

  /** Every row set aside so far, in the order met. */
  all(): SetAsideEvent[] {
    return [...this.found.values()];
  }

  private setAside(event: RecordedEvent, error: UnreadableEventError, projection: string): void {
    const { stream, revision, position, type } = event;
    const { problem } = UnreadableEvent.of(error);
    this.remember({ stream, revision, position, type, problem, projections: [projection] }, projection, {
      log: true,
    });
  }

  /** Logs and reports a row once, however many projections or retries meet it. */
  private remember(setAside: SetAsideEvent, projection: string, { log }: { log: boolean }): void {
    const known = this.found.get(setAside.position);
    if (known) {
      if (!known.projections.includes(projection)) known.projections.push(projection);
      return;
    }
    if (this.found.size < REMEMBERED) this.found.set(setAside.position, setAside);
    if (log) {
      const { stream, revision, position, type, problem } = setAside;
      this.logger.error(
        'stored event cannot be read: set aside, the projection goes on without it (what it would have stored or mailed for this event is missing) until the row is restored from a backup; `casetrail verify` names every damaged row',
        { projection, stream, revision, position, type, problem },
      );
    }
    this.onSetAside?.(setAside);
  }
}

function store(tx: ProjectionTransaction, projection: string, event: RecordedEvent): void {
  const { stream, revision, position, type } = event;
  const { problem } = UnreadableEvent.of(event.unreadable!);
  const row: StoredSetAsideStream = { id: stream, stream, revision, position, type, problem };
  tx.put(setAsideStreamsCollection(projection).name, stream, row);
}

function streamOf(projection: string, stream: string): string {
  return `${projection}\u0000${stream}`;
}
