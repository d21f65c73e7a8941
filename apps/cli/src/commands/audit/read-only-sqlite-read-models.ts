import type { Statement } from 'better-sqlite3';
import type { ReadOnlySqliteFile } from '@casetrail/eventstore/sqlite/read-only-file';
import type { GlobalPosition } from '@casetrail/eventstore';
import type { Doc } from '@casetrail/readmodels';
import { assertCollectionName } from '@casetrail/readmodels/documents/collection-schema';
import { discoverCollectionSchema, tableExists } from '@casetrail/readmodels/sqlite/sqlite-collection-tables';
import { indexedFieldMismatches } from '@casetrail/readmodels/sqlite/indexed-field-mismatches';
import {
  CHECKPOINTS_TABLE,
  quoteIdentifier,
  tableName,
  VERSIONS_TABLE,
} from '@casetrail/readmodels/sqlite/sqlite-names';
import type { ReadModelEvidence } from './read-model-evidence';

/** Rows read at a time. */
const PAGE = 1_000;

/**
 * The embedded read models read over a read-only connection (see ReadOnlySqliteFile), for the
 * auditor's checks. The read-model store itself cannot serve them: opening its file sets WAL mode,
 * creates its tables and refreshes the planner's statistics, all writes, which change the bytes of
 * a backup listed with its checksums. This reads the tables as that store lays them out
 * (sqlite-names), and nothing else.
 */
export class ReadOnlySqliteReadModels implements ReadModelEvidence {
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly source: ReadOnlySqliteFile) {}

  async get<T extends object = Doc>(collection: string, id: string): Promise<T | undefined> {
    if (!this.holds(collection)) return undefined;
    const json = this.statement(`SELECT doc FROM ${table(collection)} WHERE id = ?`)
      .pluck()
      .get(id) as string | undefined;
    return json === undefined ? undefined : (JSON.parse(json) as T);
  }

  async getCheckpoint(projection: string): Promise<GlobalPosition> {
    return (this.valueOf(CHECKPOINTS_TABLE, 'position', projection) as number | undefined) ?? 0;
  }

  async getProjectionVersion(projection: string): Promise<number | undefined> {
    return this.valueOf(VERSIONS_TABLE, 'version', projection) as number | undefined;
  }

  async *documentsById<T extends object = Doc>(collection: string): AsyncGenerator<T> {
    if (!this.holds(collection)) return;
    // Paged by id, the order the read-model store pages in (SQLite compares text as UTF-8 bytes,
    // which is the code points' order).
    const page = this.statement(
      `SELECT id, doc FROM ${table(collection)} WHERE id > ? ORDER BY id LIMIT ${PAGE}`,
    );
    for (let after = ''; ;) {
      const rows = page.raw().all(after) as [string, string][];
      for (const [, json] of rows) yield JSON.parse(json) as T;
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1][0];
    }
  }

  /** As SqliteReadModelStore checks them: each indexed column against its document's field. */
  async *indexedFieldMismatches(collection: string): AsyncGenerator<{ id: string; fields: string[] }> {
    assertCollectionName(collection);
    const schema = discoverCollectionSchema(this.source.db, collection);
    if (schema) yield* indexedFieldMismatches((sql) => this.statement(sql), schema);
  }

  async close(): Promise<void> {
    this.source.close();
  }

  /** Whether the collection's table exists: a projection that never ran has none. */
  private holds(collection: string): boolean {
    assertCollectionName(collection);
    return tableExists(this.source.db, collection);
  }

  /** One projection's value in a bookkeeping table; undefined without a row (or the table). */
  private valueOf(bookkeeping: string, valueColumn: string, projection: string): unknown {
    const exists = this.statement(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(
      bookkeeping,
    );
    if (exists === undefined) return undefined;
    return this.statement(`SELECT ${valueColumn} FROM ${bookkeeping} WHERE projection = ?`)
      .pluck()
      .get(projection);
  }

  private statement(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.source.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

function table(collection: string): string {
  return quoteIdentifier(tableName(collection));
}
