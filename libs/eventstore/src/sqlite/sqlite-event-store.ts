import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  AppendResult,
  BatchHandler,
  EventMetadata,
  EventStore,
  ExpectedRevision,
  GlobalPosition,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
  WrongExpectedRevisionError,
} from '../event-store.port';
import { assertAppendable, assertPositiveCount, revisionMatches } from '../shared/append-guards';
import { PollingSubscription } from './polling-subscription';
import { resolveSqliteEventStoreOptions, SqliteEventStoreOptions } from './sqlite-event-store.options';
import { applyDurablePragmas, EVENTS_TABLE_DDL } from './sqlite-schema';
import { EventRow, EventStatements, NO_LIMIT, prepareEventStatements } from './sqlite-statements';

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row[1],
    stream: row[2],
    revision: row[3],
    position: row[0],
    type: row[4],
    data: JSON.parse(row[5]),
    metadata: JSON.parse(row[6]) as EventMetadata,
    recordedAt: row[7],
  };
}

/**
 * The embedded event store: one SQLite file, shareable by several processes (each opens its own
 * store on the same file). better-sqlite3 is synchronous, so every method does its work before
 * returning its promise; within one process appends are therefore naturally serialised, and across
 * processes `BEGIN IMMEDIATE` plus the busy timeout serialise them.
 */
export class SqliteEventStore implements EventStore {
  private readonly settings: Required<SqliteEventStoreOptions>;
  private readonly subscriptions = new Set<PollingSubscription>();
  private readonly statements: EventStatements;
  private readonly appendInTransaction: Database.Transaction<typeof this.appendRows>;

  constructor(
    private readonly db: Database.Database,
    options: SqliteEventStoreOptions = {},
  ) {
    this.settings = resolveSqliteEventStoreOptions(options);
    // Set on the connection we were given too, not only on the ones openSqliteEventStore creates.
    db.pragma(`busy_timeout = ${this.settings.busyTimeoutMs}`);
    applyDurablePragmas(db);
    db.exec(EVENTS_TABLE_DDL);
    this.statements = prepareEventStatements(db);
    this.appendInTransaction = db.transaction(this.appendRows.bind(this));
  }

  async append(stream: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    assertAppendable(stream, events, expected);
    // IMMEDIATE takes the write lock before the revision check: a DEFERRED transaction started by
    // a read could not be upgraded once another process had committed, and would fail with
    // SQLITE_BUSY instead of waiting.
    const result = this.appendInTransaction.immediate(stream, events, expected);
    for (const subscription of this.subscriptions) subscription.wake();
    return result;
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const limit = options.maxCount ?? NO_LIMIT;
    if (limit === 0) return [];
    const rows =
      options.direction === 'backwards'
        ? this.statements.readStreamBackwards.all(
            stream,
            options.fromRevision ?? Number.MAX_SAFE_INTEGER,
            limit,
          )
        : this.statements.readStreamForwards.all(stream, options.fromRevision ?? 0, limit);
    return rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.readAllNow(options.after, options.maxCount);
  }

  subscribeToAll(options: SubscribeOptions, handler: BatchHandler): Subscription {
    const batchSize = options.batchSize ?? this.settings.defaultBatchSize;
    assertPositiveCount('batchSize', batchSize);
    const subscription = new PollingSubscription(
      (after, maxCount) => this.readAllNow(after, maxCount),
      { after: options.after, batchSize, pollIntervalMs: this.settings.pollIntervalMs },
      handler,
    );
    this.subscriptions.add(subscription);
    const forget = () => this.subscriptions.delete(subscription);
    subscription.done.then(forget, forget);
    return subscription;
  }

  async headPosition(): Promise<GlobalPosition> {
    return this.statements.headPosition.get() ?? 0;
  }

  async ping(): Promise<void> {
    this.statements.ping.get();
  }

  /** Stops every subscription (waiting for in-flight handlers), then closes the file. */
  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    if (this.db.open) this.db.close();
  }

  private readAllNow(after: GlobalPosition, maxCount: number): RecordedEvent[] {
    assertPositiveCount('maxCount', maxCount);
    return this.statements.readAll.all(after, maxCount).map(toRecordedEvent);
  }

  private appendRows(stream: string, events: NewEvent[], expected: ExpectedRevision): AppendResult {
    const current = this.statements.streamRevision.get(stream) ?? undefined;
    if (!revisionMatches(expected, current)) {
      throw new WrongExpectedRevisionError(stream, expected, current ?? 'no-stream');
    }
    const recordedAt = this.settings.now().toISOString();
    let revision = current ?? -1;
    let position = 0;
    for (const event of events) {
      revision += 1;
      const inserted = this.statements.insert.run(
        event.id ?? randomUUID(),
        stream,
        revision,
        event.type,
        // JSON.stringify(undefined) is undefined, which the NOT NULL column would refuse.
        JSON.stringify(event.data) ?? 'null',
        JSON.stringify(event.metadata),
        recordedAt,
      );
      position = Number(inserted.lastInsertRowid);
    }
    return { nextExpectedRevision: revision, position };
  }
}

/**
 * Opens (creating when missing, with its folder) the event-store file. Synchronous, like
 * better-sqlite3 itself; `await` on the result is harmless for callers that treat stores as async.
 */
export function openSqliteEventStore(file: string, options: SqliteEventStoreOptions = {}): SqliteEventStore {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  return new SqliteEventStore(new Database(file), options);
}
