import type { Database } from 'better-sqlite3';
import type { CollectionSchema } from '../documents/collection-schema';
import { columnName, fieldOfColumn, indexName, isOwnIndex, quoteIdentifier, tableName } from './sqlite-names';

/**
 * One table per collection: `id` primary key, the JSON document, and one column per indexed
 * field kept equal to the document's value. STRICT with ANY columns stores each value with its
 * own type (no affinity conversions: the string '5' stays a string), booleans as 0/1.
 *
 * Run inside a write transaction: it reconciles an existing table with the definition (new
 * columns are back-filled from the documents; columns and indexes no longer defined are dropped,
 * so every remaining column stays in sync with the documents).
 */
export function ensureCollectionTable(db: Database, schema: CollectionSchema): void {
  const table = quoteIdentifier(tableName(schema.name));
  db.exec(`CREATE TABLE IF NOT EXISTS ${table} (id TEXT PRIMARY KEY NOT NULL, doc TEXT NOT NULL) STRICT`);

  const wantedIndexes = wantedIndexesOf(schema);

  for (const index of listIndexes(db, schema.name)) {
    if (isOwnIndex(index) && !wantedIndexes.has(index)) db.exec(`DROP INDEX ${quoteIdentifier(index)}`);
  }
  const existingFields = listFieldColumns(db, schema.name);
  for (const field of existingFields) {
    if (!schema.fields.includes(field)) {
      db.exec(`ALTER TABLE ${table} DROP COLUMN ${quoteIdentifier(columnName(field))}`);
    }
  }
  for (const field of schema.fields) {
    if (existingFields.includes(field)) continue;
    const column = quoteIdentifier(columnName(field));
    db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ANY`);
    // Field names are plain identifiers, so the JSON path needs no escaping.
    db.exec(`UPDATE ${table} SET ${column} = json_extract(doc, '$.${field}')`);
  }
  for (const fields of wantedIndexes.values()) ensureIndex(db, schema.name, fields);
}

function wantedIndexesOf(schema: CollectionSchema): Map<string, readonly string[]> {
  const wanted = new Map<string, readonly string[]>();
  for (const field of schema.singleFieldIndexes) wanted.set(indexName(schema.name, [field]), [field]);
  for (const fields of schema.compoundIndexes) wanted.set(indexName(schema.name, fields), fields);
  return wanted;
}

/** The collection's index on `fields` (one of those `ensureCollectionTable` defines), created if missing. */
export function ensureIndex(db: Database, collection: string, fields: readonly string[]): void {
  // `id` last: equal sort values are then already in tie-break order for keyset pagination.
  const columns = [...fields.filter((field) => field !== 'id'), 'id'].map((field) =>
    quoteIdentifier(columnName(field)),
  );
  const name = quoteIdentifier(indexName(collection, fields));
  db.exec(
    `CREATE INDEX IF NOT EXISTS ${name} ON ${quoteIdentifier(tableName(collection))} (${columns.join(', ')})`,
  );
}

/** Drop the collection's own secondary indexes (the primary key stays); `ensureCollectionTable` restores them. */
export function dropOwnIndexes(db: Database, collection: string): void {
  for (const index of listIndexes(db, collection)) {
    if (isOwnIndex(index)) db.exec(`DROP INDEX ${quoteIdentifier(index)}`);
  }
}

/**
 * The schema of a collection another process created (an API process reading what the projector
 * writes); undefined while the table does not exist.
 */
export function discoverCollectionSchema(db: Database, collection: string): CollectionSchema | undefined {
  if (!tableExists(db, collection)) return undefined;
  return {
    name: collection,
    fields: listFieldColumns(db, collection),
    singleFieldIndexes: [],
    compoundIndexes: [],
  };
}

export function tableExists(db: Database, collection: string): boolean {
  return (
    db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(tableName(collection)) !==
    undefined
  );
}

function listFieldColumns(db: Database, collection: string): string[] {
  const columns = db.prepare(`PRAGMA table_info(${quoteIdentifier(tableName(collection))})`).all() as {
    name: string;
  }[];
  return columns.map((column) => fieldOfColumn(column.name)).filter((field) => field !== undefined);
}

function listIndexes(db: Database, collection: string): string[] {
  const indexes = db.prepare(`PRAGMA index_list(${quoteIdentifier(tableName(collection))})`).all() as {
    name: string;
  }[];
  return indexes.map((index) => index.name);
}
