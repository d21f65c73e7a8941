import Database from 'better-sqlite3';
import { v7 as timeOrderedUuid } from 'uuid';
import {
  AppendResult,
  BatchHandler,
  EventStore,
  ExpectedRevision,
  GlobalPosition,
  NewEvent,
  ReadAllOptions,
  type UnreadableRows,
  ReadStreamOptions,
  RecordedEvent,
  ScanForTypesOptions,
  SubscribeOptions,
  Subscription,
  TypeScan,
  WrongExpectedRevisionError,
} from '../event-store.port';
import { chainAtCommit, GENESIS_HASH } from '../integrity/hash-chain';
import {
  assertAppendable,
  assertBatchWindow,
  assertPositiveCount,
  revisionMatches,
} from '../shared/append-guards';
import { OtherWritersWatch } from './other-writers-watch';
import { PollingSubscription } from './polling-subscription';
import { preparePrivateStoreFile } from './private-store-file';
import { StoreFileIdentity } from './store-file-identity';
import { SameFileAppends } from './same-file-appends';
import { resolveSqliteEventStoreOptions, SqliteEventStoreOptions } from './sqlite-event-store.options';
import { applyDurablePragmas, EVENT_EDITS_DDL, EVENTS_TABLE_DDL } from './sqlite-schema';
import { assertHoldsEventLog, ReadOnlyEventStoreError } from './read-only-connection';
import { isReadOnlyConnection } from './read-only-file';
import { EventRow, EventStatements, InsertParameters, prepareEventStatements } from './sqlite-statements';
import { toRecordedEvent, toRecordedEvents } from './event-rows';

interface PendingAppend {
  stream: string;
  events: NewEvent[];
  expected: ExpectedRevision;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

type AppendOutcome = { result: AppendResult } | { error: unknown };

/**
 * The embedded event store: one SQLite file, shareable by several processes (each opens its own
 * store on the same file). better-sqlite3 is synchronous, so every method does its work before
 * returning its promise; within one process appends are therefore naturally serialised, and across
 * processes `BEGIN IMMEDIATE` plus the busy timeout serialise them. Events the caller hash-chained
 * are chained again at commit, in the format whose hash also covers the recorded time the store
 * stamps (see integrity/hash-chain.ts). Given a read-only connection (ReadOnlySqliteEventStore), it
 * only reads, and refuses appends.
 */
export class SqliteEventStore implements EventStore {
  readonly chainsAtCommit = true;
  /** Opened to be checked (see ReadOnlySqliteFile): reads only, appends refused. */
  private readonly readOnly: boolean;
  private readonly settings: Required<SqliteEventStoreOptions>;
  private readonly subscriptions = new Set<PollingSubscription>();
  private readonly statements: EventStatements;
  private readonly appendOne: Database.Transaction<typeof this.appendRows>;
  private readonly appendGroup: Database.Transaction<(group: PendingAppend[]) => AppendOutcome[]>;
  /** Appends waiting for the next group commit. */
  private pending: PendingAppend[] = [];
  /** Wakes the subscriptions when another process has appended; runs while there are subscriptions. */
  private readonly otherWriters: OtherWritersWatch;
  /** Wakes the subscriptions when a store on another thread of this process has appended, and tells it of ours. */
  private readonly sameFileAppends?: SameFileAppends;
  /** The file opened, checked after each commit: one deleted or replaced meanwhile keeps nothing. */
  private readonly fileIdentity?: StoreFileIdentity;
  /** The edit count last read, and the data_version it was read at (see storedEventEdits). */
  private edits?: { dataVersion: number; count: number | undefined };
  /** Reads the edit count; undefined on a file without its table (an older one, opened read-only). */
  private readonly editCount?: Database.Statement<[], number>;

  constructor(
    private readonly db: Database.Database,
    options: SqliteEventStoreOptions = {},
  ) {
    this.settings = resolveSqliteEventStoreOptions(options);
    // Set on the connection we were given too, not only on the ones openSqliteEventStore creates.
    db.pragma(`busy_timeout = ${this.settings.busyTimeoutMs}`);
    // A connection opened read-only (to check a file as evidence) must change nothing of it: not
    // its journal mode, not its schema. It reads the log of a file that holds one, or refuses it.
    this.readOnly = isReadOnlyConnection(db);
    if (this.readOnly) assertHoldsEventLog(db);
    else {
      applyDurablePragmas(db);
      db.exec(EVENTS_TABLE_DDL);
      db.exec(EVENT_EDITS_DDL);
    }
    this.statements = prepareEventStatements(db);
    if (!this.readOnly || hasEditCount(db))
      this.editCount = db.prepare<[], number>('SELECT count FROM event_edits WHERE id = 1').pluck();
    this.otherWriters = new OtherWritersWatch(
      () => this.statements.dataVersion.get()!,
      () => this.wakeSubscriptions(),
      { minIntervalMs: this.settings.otherWritersMinIntervalMs, maxIntervalMs: this.settings.pollIntervalMs },
    );
    if (!db.memory) this.fileIdentity = StoreFileIdentity.of(db.name);
    if (this.settings.sameFileWake && !db.memory) {
      this.sameFileAppends = new SameFileAppends(db.name, () => this.wakeSubscriptions());
    }
    this.appendOne = db.transaction(this.appendRows.bind(this));
    // Each append runs in its own savepoint (a nested better-sqlite3 transaction), so one append's
    // wrong expected revision undoes only that append; the group shares one commit.
    this.appendGroup = db.transaction((group: PendingAppend[]) =>
      group.map(({ stream, events, expected }): AppendOutcome => {
        try {
          return { result: this.appendOne(stream, events, expected) };
        } catch (error) {
          return { error };
        }
      }),
    );
  }

  /**
   * Group commit: appends requested in the same turn of the event loop are written in one
   * transaction with one sync to disk, and each promise settles only after that commit. Under
   * concurrent load this turns one fsync per command into one per group, without weakening
   * durability: nothing is acknowledged before it is on disk.
   */
  async append(stream: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    assertAppendable(stream, events, expected);
    if (this.readOnly) throw new ReadOnlyEventStoreError(this.db.name);
    return new Promise<AppendResult>((resolve, reject) => {
      this.pending.push({ stream, events, expected, resolve, reject });
      if (this.pending.length === 1) setImmediate(() => this.commitPending());
    });
  }

  private commitPending(): void {
    const group = this.pending;
    this.pending = [];
    let outcomes: AppendOutcome[];
    try {
      // IMMEDIATE takes the write lock before the revision checks: a DEFERRED transaction started
      // by a read could not be upgraded once another process had committed, and would fail with
      // SQLITE_BUSY instead of waiting.
      outcomes = this.appendGroup.immediate(group);
      // Committed to the file this store opened; if that is no longer the file at its path, the
      // group is in a file no start will read: it must not be acknowledged.
      this.fileIdentity?.assertStillThere();
    } catch (error) {
      // The commit itself failed (disk full, I/O error), or went where it is lost: nothing kept.
      for (const append of group) append.reject(error);
      return;
    }
    group.forEach((append, index) => {
      const outcome = outcomes[index];
      if ('result' in outcome) append.resolve(outcome.result);
      else append.reject(outcome.error);
    });
    this.wakeSubscriptions();
    this.sameFileAppends?.announce();
  }

  private wakeSubscriptions(): void {
    for (const subscription of this.subscriptions) subscription.wake();
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const limit = options.maxCount;
    if (limit === 0) return [];
    const { statements } = this;
    let rows: EventRow[];
    if (options.direction === 'backwards') {
      const from = options.fromRevision ?? Number.MAX_SAFE_INTEGER;
      rows =
        limit === undefined
          ? statements.readStreamBackwards.all(stream, from)
          : statements.readStreamBackwardsLimited.all(stream, from, limit);
    } else {
      const from = options.fromRevision ?? 0;
      rows =
        limit === undefined
          ? statements.readStreamForwards.all(stream, from)
          : statements.readStreamForwardsLimited.all(stream, from, limit);
    }
    return toRecordedEvents(rows);
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.readAllNow(options.after, options.maxCount, options.unreadable);
  }

  subscribeToAll(options: SubscribeOptions, handler: BatchHandler): Subscription {
    const batchSize = options.batchSize ?? this.settings.defaultBatchSize;
    assertPositiveCount('batchSize', batchSize);
    assertBatchWindow(options.batchWindowMs);
    const subscription = new PollingSubscription(
      (after, maxCount) => this.readAllNow(after, maxCount, options.unreadable),
      {
        after: options.after,
        batchSize,
        pollIntervalMs: this.settings.pollIntervalMs,
        batchWindowMs: options.batchWindowMs,
      },
      handler,
    );
    this.subscriptions.add(subscription);
    this.otherWriters.start();
    const forget = () => {
      this.subscriptions.delete(subscription);
      if (this.subscriptions.size === 0) this.otherWriters.stop();
    };
    subscription.done.then(forget, forget);
    return subscription;
  }

  async headPosition(): Promise<GlobalPosition> {
    return this.statements.headPosition.get() ?? 0;
  }

  async scanForTypes({ after, types, maxCount }: ScanForTypesOptions): Promise<TypeScan> {
    assertPositiveCount('maxCount', maxCount);
    // Reads only the position and the type (which precedes the JSON columns in the row).
    const rows = this.statements.typesAfter.all(after, maxCount);
    const wanted = new Set(types);
    let lastMatch: GlobalPosition | undefined;
    for (const [position, type] of rows) if (wanted.has(type)) lastMatch = position;
    return { through: rows.at(-1)?.[0] ?? after, ...(lastMatch === undefined ? {} : { lastMatch }) };
  }

  /**
   * Only another connection can have changed a stored event (this one never does), and any commit of
   * another connection changes `PRAGMA data_version` (a few microseconds, no table read): the count
   * is read again only then, so a command asks this at no cost worth counting.
   */
  storedEventEdits(): number | undefined {
    if (!this.editCount) return undefined;
    const dataVersion = this.statements.dataVersion.get()!;
    if (this.edits?.dataVersion !== dataVersion) this.edits = { dataVersion, count: this.editCount.get() };
    return this.edits.count;
  }

  async ping(): Promise<void> {
    this.fileIdentity?.assertStillThere();
    this.statements.ping.get();
  }

  /** Commits appends still waiting, stops every subscription (waiting for in-flight handlers), then closes the file. */
  async close(): Promise<void> {
    if (this.pending.length > 0 && this.db.open) this.commitPending();
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    this.otherWriters.stop();
    this.sameFileAppends?.close();
    if (this.db.open) this.db.close();
  }

  private readAllNow(after: GlobalPosition, maxCount: number, unreadable?: UnreadableRows): RecordedEvent[] {
    assertPositiveCount('maxCount', maxCount);
    return toRecordedEvents(this.statements.readAll.all(after, maxCount), unreadable);
  }

  private appendRows(stream: string, events: NewEvent[], expected: ExpectedRevision): AppendResult {
    const head = this.statements.streamHead.get(stream);
    const current = head?.[0];
    if (!revisionMatches(expected, current)) {
      throw new WrongExpectedRevisionError(stream, expected, current ?? 'no-stream');
    }
    const recordedAt = this.settings.now().toISOString();
    // What the next chained event links to: the stored head's hash (undefined when the stream's
    // last event is not chained: the caller's own link is kept then).
    let previousHash = head === undefined ? GENESIS_HASH : typeof head[1] === 'string' ? head[1] : undefined;
    let revision = current ?? -1;
    const recorded: RecordedEvent[] = [];
    for (const event of events) {
      revision += 1;
      // Time-ordered: the unique index on event ids grows at its end.
      const id = event.id ?? timeOrderedUuid();
      // JSON.stringify(undefined) is undefined, which the NOT NULL column would refuse.
      const data = JSON.stringify(event.data) ?? 'null';
      // Every event is chained here (format 2; see hash-chain.ts), now that its recorded time is
      // known, whether or not the caller chained it already (format 1, before the time was known).
      // Linked to the stored head's hash: a writer that chains appends ahead without reading them
      // back (`demo-data`) links to the format-1 hash it computed, replaced at its commit.
      const chained = chainAtCommit(previousHash ?? event.metadata.previousHash ?? GENESIS_HASH, {
        id,
        stream,
        revision,
        type: event.type,
        // Hashed as a read will return them, from the JSON about to be stored.
        data: JSON.parse(data),
        metadata: JSON.parse(JSON.stringify(event.metadata)) as NewEvent['metadata'],
        recordedAt,
      });
      const metadata = JSON.stringify(chained);
      previousHash = chained.hash;
      const row: InsertParameters = [id, stream, revision, event.type, data, metadata, recordedAt];
      const inserted = this.statements.insert.run(...row);
      // What a read would return: built from the stored text, so it is exactly what was stored.
      recorded.push(toRecordedEvent([Number(inserted.lastInsertRowid), ...row]));
    }
    return { nextExpectedRevision: revision, position: recorded[recorded.length - 1].position, recorded };
  }
}

/**
 * Opens (creating when missing, with its folder) the event-store file. Synchronous, like
 * better-sqlite3 itself; `await` on the result is harmless for callers that treat stores as async.
 */
export function openSqliteEventStore(file: string, options: SqliteEventStoreOptions = {}): SqliteEventStore {
  preparePrivateStoreFile(file);
  return new SqliteEventStore(new Database(file), options);
}

/** Whether the file holds the edit count (a writable connection creates it; see EVENT_EDITS_DDL). */
function hasEditCount(db: Database.Database): boolean {
  return (
    db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'event_edits'`).get() !==
    undefined
  );
}
