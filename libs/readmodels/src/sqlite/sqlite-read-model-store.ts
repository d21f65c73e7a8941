import Database, { type Database as SqliteDatabase, type Statement } from 'better-sqlite3';
import { preparePrivateStoreFile, type GlobalPosition } from '@casetrail/eventstore';
import {
  assertCollectionName,
  isQueryableField,
  toCollectionSchema,
  type CollectionSchema,
} from '../documents/collection-schema';
import { decodeCursor, encodeCursor } from '../documents/keyset-cursor';
import { assertDocumentId, serialiseDocument } from '../documents/prepared-document';
import { resolveLimit, resolveSortKeys } from '../documents/sort-order';
import { parseWhere, type WhereCondition } from '../documents/where-conditions';
import { CheckpointConflictError, ReadModelUsageError } from '../read-model-errors';
import type {
  CollectionDefinition,
  Doc,
  FindOptions,
  HeldBatch,
  HeldBatchOptions,
  Page,
  ProjectionTransaction,
  ReadModelStore,
  ResetOptions,
  Scalar,
  Where,
} from '../read-model-store.port';
import type { BatchReader, StoredDocument } from '../unit-of-work/batch-reader';
import type { BatchWrite } from '../unit-of-work/batch-unit-of-work';
import { HeldUnitOfWork } from '../unit-of-work/held-unit-of-work';
import { RecentDocuments } from '../unit-of-work/recent-documents';
import { indexedFieldMismatches } from './indexed-field-mismatches';
import {
  discoverCollectionSchema,
  dropOwnIndexes,
  ensureCollectionTable,
  ensureIndex,
} from './sqlite-collection-tables';
import {
  CHECKPOINTS_TABLE,
  LEASES_TABLE,
  VERSIONS_TABLE,
  columnName,
  quoteIdentifier,
  tableName,
} from './sqlite-names';
import {
  anyOfToSql,
  column,
  keysetToSql,
  orderByToSql,
  toSqlValue,
  whereToSql,
  type SqlValue,
} from './sqlite-query';

export interface SqliteReadModelStoreOptions {
  /** How long a write waits for another connection's lock before failing (default 10 s). */
  busyTimeoutMs?: number;
  /**
   * Documents each projection's latest batches wrote that are kept in memory for its next
   * batches (default 2,500): the cases being worked at once in a busy desk, some 25 MB a projection.
   */
  recentDocumentsPerProjection?: number;
}

/** Open (creating if needed) the read-model database file; `:memory:` for a throw-away store. */
export function openSqliteReadModelStore(
  filename: string,
  options: SqliteReadModelStoreOptions = {},
): SqliteReadModelStore {
  return new SqliteReadModelStore(filename, options);
}

/** Bytes per database page of a new read-model file (SQLite's default is 4 KiB). */
export const READ_MODEL_PAGE_SIZE = 16_384;

/** How often, at most, applying batches refreshes the query planner's statistics. */
const PLANNER_STATISTICS_INTERVAL_MS = 10 * 60_000;

/** Prepared statements are cached by text; queries come in a bounded number of shapes. */
const STATEMENT_CACHE_LIMIT = 500;

/**
 * The embedded read-model store (better-sqlite3): WAL so readers never block the projector.
 * synchronous NORMAL: in WAL mode every commit still survives a crash of the process, and a batch
 * and its checkpoint stay atomic; only a power cut may undo the last commits, and read models are
 * derived data, so a projection then simply replays from its older checkpoint. (A FULL sync per
 * projection batch cost more than the command itself. The event store, the source of truth,
 * keeps synchronous FULL.)
 * Several processes may open the same file; leases and checkpoint checks keep them honest.
 */
export class SqliteReadModelStore implements ReadModelStore {
  private readonly db: SqliteDatabase;
  private readonly schemas = new Map<string, CollectionSchema>();
  private readonly statements = new Map<string, Statement>();
  /** Per collection, the upsert prepared for the schema it was built from. */
  private readonly upserts = new Map<string, { schema: CollectionSchema; statement: Statement }>();
  private statisticsRefreshedAt = 0;
  /** Collections reset with `deferIndexes` whose indexes `ensureCollections` has not restored yet. */
  private readonly deferredIndexes = new Set<string>();
  /** Per projection: the documents its latest batches wrote, read back without a query. */
  private readonly recentDocuments = new Map<string, RecentDocuments>();
  private readonly recentDocumentsPerProjection: number;

  constructor(filename: string, options: SqliteReadModelStoreOptions = {}) {
    preparePrivateStoreFile(filename);
    this.recentDocumentsPerProjection = options.recentDocumentsPerProjection ?? 2_500;
    this.db = new Database(filename);
    // Only a new file takes this (before its first table; an existing file keeps its page size).
    // Case documents are 2-3 KB: with SQLite's default 4 KiB pages most pages held a single one and
    // a third of each page stayed empty, so every write and every index page carried that waste.
    // 16 KiB pages made a full rebuild of a million events 11% faster and the file 13% smaller.
    this.db.pragma(`page_size = ${READ_MODEL_PAGE_SIZE}`);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    // 64 MiB of page cache: projections read and rewrite documents all over a growing file.
    this.db.pragma('cache_size = -65536');
    this.db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 10_000}`);
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS ${CHECKPOINTS_TABLE} (
        projection TEXT PRIMARY KEY NOT NULL,
        position INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE IF NOT EXISTS ${LEASES_TABLE} (
        name TEXT PRIMARY KEY NOT NULL,
        owner TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE IF NOT EXISTS ${VERSIONS_TABLE} (
        projection TEXT PRIMARY KEY NOT NULL,
        version INTEGER NOT NULL
      ) STRICT;
    `);
    this.refreshPlannerStatistics();
  }

  async ensureCollections(definitions: CollectionDefinition[]): Promise<void> {
    const schemas = definitions.map(toCollectionSchema);
    this.db
      .transaction(() => {
        for (const schema of schemas) ensureCollectionTable(this.db, schema);
      })
      .immediate();
    for (const schema of schemas) {
      this.schemas.set(schema.name, schema);
      this.deferredIndexes.delete(schema.name);
    }
    // Table shapes changed: statements prepared against the old ones must not be reused.
    this.statements.clear();
    this.upserts.clear();
    // New indexes have no statistics yet.
    this.refreshPlannerStatistics();
  }

  async get<T extends object = Doc>(collection: string, id: string): Promise<T | undefined> {
    assertDocumentId(collection, id);
    if (!this.knownSchema(collection)) return undefined;
    const stored = this.loadDocument(collection, id);
    return stored ? (JSON.parse(stored.json) as T) : undefined;
  }

  async find<T extends object = Doc>(collection: string, options: FindOptions = {}): Promise<Page<T>> {
    const schema = this.knownSchema(collection);
    // Without a table yet there is nothing to check fields against; the answer is empty anyway.
    const isQueryable = (field: string) => (schema ? isQueryableField(schema, field) : true);
    const keys = resolveSortKeys(collection, options.orderBy, isQueryable);
    const limit = resolveLimit(options.limit);
    // SQLite binds no booleans: a cursor holds column values (0/1), so a boolean in one was made
    // by someone who also recomputed its checksum (no secret); bound as SQLite stores booleans, it
    // is a position like any other, never a 500.
    const after =
      options.cursor === undefined
        ? undefined
        : decodeCursor(options.cursor, keys, options.where, options.clientRanges, options.clientFilters).map(
            toSqlValue,
          );
    if (!schema) return { items: [] };

    const where = whereToSql(parseWhere(collection, options.where, isQueryable));
    const alternatives = anyOfToSql(
      options.anyOf?.map((alternative) => whereToSql(parseWhere(collection, alternative, isQueryable))),
    );
    const keyset = after ? keysetToSql(keys, after) : { sql: '1', params: [] };
    const sortColumns = keys.map((key, index) => `${column(key.field)} AS k${index}`).join(', ');
    const rows = this.statement(
      `SELECT doc, ${sortColumns} FROM ${quoteIdentifier(tableName(collection))}
       WHERE ${where.sql} AND ${alternatives.sql} AND ${keyset.sql}
       ORDER BY ${orderByToSql(keys)}${limit === undefined ? '' : ' LIMIT ?'}`,
    ).all(
      ...where.params,
      ...alternatives.params,
      ...keyset.params,
      ...(limit === undefined ? [] : [limit + 1]),
    ) as Record<string, SqlValue>[];

    const hasMore = limit !== undefined && rows.length > limit;
    const pageRows = hasMore ? rows.slice(0, limit) : rows;
    const items = pageRows.map((row) => JSON.parse(row.doc as string) as T);
    if (!hasMore) return { items };
    const lastRow = pageRows[pageRows.length - 1];
    return {
      items,
      nextCursor: encodeCursor(
        keys,
        options.where,
        keys.map((_, index) => lastRow[`k${index}`]),
        options.clientRanges,
        options.clientFilters,
      ),
    };
  }

  async count(collection: string, where?: Where, anyOf?: Where[]): Promise<number> {
    const schema = this.knownSchema(collection);
    const isQueryable = (field: string) => (schema ? isQueryableField(schema, field) : true);
    const conditions = parseWhere(collection, where, isQueryable);
    const alternatives = anyOf?.map((alternative) => parseWhere(collection, alternative, isQueryable));
    if (!schema) return 0;
    const sql = whereToSql(conditions);
    const anyOfSql = anyOfToSql(alternatives?.map(whereToSql));
    const row = this.statement(
      `SELECT COUNT(*) AS total FROM ${quoteIdentifier(tableName(collection))}
       WHERE ${sql.sql} AND ${anyOfSql.sql}`,
    ).get(...sql.params, ...anyOfSql.params) as { total: number };
    return row.total;
  }

  async getCheckpoint(projection: string): Promise<GlobalPosition> {
    return this.readCheckpoint(projection);
  }

  async getProjectionVersion(projection: string): Promise<number | undefined> {
    return this.statement(`SELECT version FROM ${VERSIONS_TABLE} WHERE projection = ?`)
      .pluck()
      .get(projection) as number | undefined;
  }

  async setProjectionVersion(projection: string, version: number): Promise<void> {
    this.statement(
      `INSERT INTO ${VERSIONS_TABLE} (projection, version) VALUES (?, ?)
       ON CONFLICT (projection) DO UPDATE SET version = excluded.version`,
    ).run(projection, version);
  }

  async applyBatch<E extends { position: GlobalPosition }>(
    projection: string,
    events: E[],
    apply: (event: E, tx: ProjectionTransaction) => Promise<void> | void,
  ): Promise<void> {
    const batch = await this.openHeldBatch(projection);
    await batch.apply(events, apply);
    await batch.flush();
  }

  async openHeldBatch(projection: string, options?: HeldBatchOptions): Promise<HeldBatch> {
    const checkpoint = this.readCheckpoint(projection);
    const recent = this.recentDocumentsOf(projection);
    recent.validateAt(checkpoint);
    return new HeldUnitOfWork(
      this.batchReader(recent),
      checkpoint,
      async (writes, from, to) => {
        this.db
          .transaction(() => {
            // Fencing: a runner whose lease lapsed mid-batch must not overwrite its successor's work.
            const current = this.readCheckpoint(projection);
            if (current !== from) throw new CheckpointConflictError(projection, from, current);
            for (const write of writes) this.storeWrite(write);
            this.statement(
              `INSERT INTO ${CHECKPOINTS_TABLE} (projection, position) VALUES (?, ?)
             ON CONFLICT (projection) DO UPDATE SET position = excluded.position`,
            ).run(projection, to);
          })
          .immediate();
        recent.remember(writes, to);
        if (Date.now() - this.statisticsRefreshedAt >= PLANNER_STATISTICS_INTERVAL_MS) {
          this.refreshPlannerStatistics();
        }
      },
      options,
    );
  }

  async reset(projection: string, collections: string[], options: ResetOptions = {}): Promise<void> {
    collections.forEach(assertCollectionName);
    this.db
      .transaction(() => {
        for (const collection of collections) {
          if (!this.knownSchema(collection)) continue;
          this.db.exec(`DELETE FROM ${quoteIdentifier(tableName(collection))}`);
          if (options.deferIndexes) {
            dropOwnIndexes(this.db, collection);
            this.deferredIndexes.add(collection);
          }
        }
        this.statement(`DELETE FROM ${CHECKPOINTS_TABLE} WHERE projection = ?`).run(projection);
        this.recentDocuments.delete(projection);
      })
      .immediate();
  }

  async *indexedFieldMismatches(collection: string): AsyncGenerator<{ id: string; fields: string[] }> {
    const schema = this.knownSchema(collection);
    if (schema) yield* indexedFieldMismatches((sql) => this.statement(sql), schema);
  }

  async tryAcquireLease(
    name: string,
    owner: string,
    ttlMs: number,
    isHolderGone?: (holder: string) => boolean,
  ): Promise<boolean> {
    const now = Date.now();
    // One statement, so two processes racing for a free or expired lease cannot both win: the
    // conflict branch only updates when the lease is ours already or has expired.
    const result = this.statement(
      `INSERT INTO ${LEASES_TABLE} (name, owner, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
       WHERE ${LEASES_TABLE}.owner = excluded.owner OR ${LEASES_TABLE}.expires_at <= ?`,
    ).run(name, owner, now + ttlMs, now);
    if (result.changes === 1) return true;
    const holder = this.statement(`SELECT owner FROM ${LEASES_TABLE} WHERE name = ?`).pluck().get(name) as
      string | undefined;
    if (holder === undefined || !isHolderGone?.(holder)) return false;
    const takeover = this.statement(
      `UPDATE ${LEASES_TABLE} SET owner = ?, expires_at = ? WHERE name = ? AND owner = ?`,
    ).run(owner, now + ttlMs, name, holder);
    return takeover.changes === 1;
  }

  async releaseLease(name: string, owner: string): Promise<void> {
    this.statement(`DELETE FROM ${LEASES_TABLE} WHERE name = ? AND owner = ?`).run(name, owner);
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  /**
   * Keeps SQLite's planner statistics current (`PRAGMA optimize`: it analyses, with a row limit,
   * only tables that were never analysed or have changed size a lot). Without them SQLite guesses,
   * and for a queue page such as "breaching" (a range on the due time, ordered by priority) it
   * guessed a plan that sorts every match: 200 ms with 100,000 open cases instead of 1 ms.
   */
  private refreshPlannerStatistics(): void {
    this.statisticsRefreshedAt = Date.now();
    try {
      this.db.pragma('optimize=0x10002');
    } catch {
      // Statistics only make queries faster; a busy database is simply analysed next time.
    }
  }

  private readCheckpoint(projection: string): GlobalPosition {
    const row = this.statement(`SELECT position FROM ${CHECKPOINTS_TABLE} WHERE projection = ?`).get(
      projection,
    ) as { position: number } | undefined;
    return row?.position ?? 0;
  }

  private recentDocumentsOf(projection: string): RecentDocuments {
    let recent = this.recentDocuments.get(projection);
    if (!recent) {
      recent = new RecentDocuments(this.recentDocumentsPerProjection);
      this.recentDocuments.set(projection, recent);
    }
    return recent;
  }

  private batchReader(recent: RecentDocuments): BatchReader {
    return {
      guardsWritesByPosition: false,
      schema: (collection) => this.requireSchema(collection),
      load: async (collection, id) => {
        const parsed = recent.get(collection, id);
        return parsed ? { parsed, position: 0 } : this.loadDocument(collection, id);
      },
      findIds: async (collection, conditions) => this.findIdsNow(collection, conditions),
    };
  }

  private loadDocument(collection: string, id: string): (StoredDocument & { json: string }) | undefined {
    const row = this.statement(`SELECT doc FROM ${quoteIdentifier(tableName(collection))} WHERE id = ?`).get(
      id,
    ) as { doc: string } | undefined;
    return row ? { json: row.doc, position: 0 } : undefined;
  }

  private findIdsNow(collection: string, conditions: WhereCondition[]): string[] {
    // A projection's own lookups during a rebuild must not scan the whole table on every event:
    // the indexes they use come back at once, the others once the rebuild finishes.
    if (this.deferredIndexes.has(collection)) {
      for (const { field } of conditions) if (field !== 'id') ensureIndex(this.db, collection, [field]);
    }
    const where = whereToSql(conditions);
    return this.statement(
      `SELECT id FROM ${quoteIdentifier(tableName(collection))} WHERE ${where.sql} ORDER BY id`,
    )
      .pluck()
      .all(...where.params) as string[];
  }

  private storeWrite(write: BatchWrite): void {
    if (write.document === null) {
      this.statement(`DELETE FROM ${quoteIdentifier(tableName(write.collection))} WHERE id = ?`).run(
        write.id,
      );
      return;
    }
    const schema = this.requireSchema(write.collection);
    const doc = write.document.doc;
    this.upsertStatement(write.collection, schema).run(
      write.id,
      serialiseDocument(write.document),
      // Indexed fields of a checked document are scalars or absent.
      ...schema.fields.map((field) => toSqlValue((doc[field] ?? null) as Scalar)),
    );
  }

  /** Built once per collection and schema: a rebuild writes hundreds of thousands of rows. */
  private upsertStatement(collection: string, schema: CollectionSchema): Statement {
    const known = this.upserts.get(collection);
    if (known?.schema === schema) return known.statement;
    const columns = ['id', 'doc', ...schema.fields.map((field) => quoteIdentifier(columnName(field)))];
    const updates = columns.slice(1).map((name) => `${name} = excluded.${name}`);
    const statement = this.statement(
      `INSERT INTO ${quoteIdentifier(tableName(collection))} (${columns.join(', ')})
       VALUES (${columns.map(() => '?').join(', ')})
       ON CONFLICT (id) DO UPDATE SET ${updates.join(', ')}`,
    );
    this.upserts.set(collection, { schema, statement });
    return statement;
  }

  /** The collection's schema: as ensured by this process, else as found on disk (undefined: not created yet). */
  private knownSchema(collection: string): CollectionSchema | undefined {
    assertCollectionName(collection);
    const known = this.schemas.get(collection);
    if (known) return known;
    const discovered = discoverCollectionSchema(this.db, collection);
    if (discovered) this.schemas.set(collection, discovered);
    return discovered;
  }

  private requireSchema(collection: string): CollectionSchema {
    const schema = this.knownSchema(collection);
    if (!schema) {
      throw new ReadModelUsageError(`Collection ${collection} does not exist; ensureCollections() it first`);
    }
    return schema;
  }

  private statement(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= STATEMENT_CACHE_LIMIT) this.statements.clear();
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}
