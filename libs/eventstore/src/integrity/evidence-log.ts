import {
  UnreadableEventError,
  type EventStore,
  type GlobalPosition,
  type ReadStreamOptions,
  type RecordedEvent,
} from '../event-store.port';

/**
 * A stored row that cannot be read as an event (its data or metadata is not JSON, or its metadata
 * not an object). To an auditor it is evidence like a broken link: the row was damaged or edited
 * after it was written, and neither its hash nor the links after it can be checked.
 */
export class UnreadableEvent {
  constructor(
    readonly stream: string,
    readonly revision: number,
    readonly position: GlobalPosition,
    /** What is wrong with it, as the store says: "its data is not valid JSON (...)". */
    readonly problem: string,
  ) {}

  static of(error: UnreadableEventError): UnreadableEvent {
    const { stream, revision, position, message } = error;
    // The store's message names the event, then the problem: keep the problem alone.
    const named = `Stored event ${stream}@${revision} (position ${position}) cannot be read: `;
    const problem = message.startsWith(named) ? message.slice(named.length) : message;
    return new UnreadableEvent(stream, revision, position, problem);
  }
}

/** What the log holds at a position: an event, or a row that cannot be read as one. */
export type LogEntry = RecordedEvent | UnreadableEvent;

export function isUnreadable(entry: LogEntry): entry is UnreadableEvent {
  return entry instanceof UnreadableEvent;
}

export function readableOnly(entries: readonly LogEntry[]): RecordedEvent[] {
  return entries.filter((entry): entry is RecordedEvent => !isUnreadable(entry));
}

/**
 * The event log as the auditor's checks read it: a row that cannot be read takes its place among
 * the events as an UnreadableEvent instead of failing the read, so one damaged row is reported and
 * everything else still checked. Reads are the store's own; only a read that met a damaged row is
 * done again, one row at a time, to place it. The CLI's audit commands and the API's integrity
 * endpoint both read through it, so they see, and count, the same rows.
 */
export class EvidenceLog {
  constructor(private readonly store: Pick<EventStore, 'readAll' | 'readStream' | 'headPosition'>) {}

  headPosition(): Promise<GlobalPosition> {
    return this.store.headPosition();
  }

  /** At most `maxCount` entries after `after`, in position order. */
  async readAll(after: GlobalPosition, maxCount: number): Promise<LogEntry[]> {
    const whole = await this.unlessUnreadable(() => this.store.readAll({ after, maxCount }));
    if (whole) return whole;
    const entries: LogEntry[] = [];
    for (let from = after; entries.length < maxCount;) {
      const entry = await this.readOne(() => this.store.readAll({ after: from, maxCount: 1 }));
      if (!entry) break;
      entries.push(entry);
      from = entry.position;
    }
    return entries;
  }

  /**
   * The type of the stored row at `position`: a column of its own, so known even when the row's data
   * or metadata cannot be read (undefined when there is no row there, or the store does not say).
   * A projection that does not handle that type skips such a row; one that does sets it aside.
   */
  async typeAt(position: GlobalPosition): Promise<string | undefined> {
    try {
      const [row] = await this.store.readAll({ after: position - 1, maxCount: 1, unreadable: 'deliver' });
      return row?.position === position ? row.type : undefined;
    } catch (error) {
      if (error instanceof UnreadableEventError) return undefined;
      throw error;
    }
  }

  /** A stream's entries, in revision order (or backwards), as `EventStore.readStream` reads events. */
  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<LogEntry[]> {
    const whole = await this.unlessUnreadable(() => this.store.readStream(stream, options));
    if (whole) return whole;
    const { direction, maxCount } = options;
    const backwards = direction === 'backwards';
    const entries: LogEntry[] = [];
    let revision = options.fromRevision ?? (backwards ? Number.MAX_SAFE_INTEGER : 0);
    while (revision >= 0 && (maxCount === undefined || entries.length < maxCount)) {
      const from = revision;
      const entry = await this.readOne(() =>
        this.store.readStream(stream, { direction, fromRevision: from, maxCount: 1 }),
      );
      if (!entry) break;
      entries.push(entry);
      revision = backwards ? entry.revision - 1 : entry.revision + 1;
    }
    return entries;
  }

  /** Every entry of the log, in position order, a batch at a time. */
  async *entries(batchSize = 1_000): AsyncGenerator<LogEntry[]> {
    for (let after = 0; ;) {
      const batch = await this.readAll(after, batchSize);
      if (batch.length === 0) return;
      yield batch;
      after = batch[batch.length - 1].position;
    }
  }

  /** The read's events; undefined when a row it met cannot be read. */
  private async unlessUnreadable(read: () => Promise<RecordedEvent[]>): Promise<RecordedEvent[] | undefined> {
    try {
      return await read();
    } catch (error) {
      if (error instanceof UnreadableEventError) return undefined;
      throw error;
    }
  }

  private async readOne(read: () => Promise<RecordedEvent[]>): Promise<LogEntry | undefined> {
    try {
      return (await read())[0];
    } catch (error) {
      if (error instanceof UnreadableEventError) return UnreadableEvent.of(error);
      throw error;
    }
  }
}
