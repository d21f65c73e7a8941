/**
 * How read-model collections map onto SQLite names. Collection and field names are validated
 * before they get here (letters, digits, '_' and '-'), and identifiers are quoted anyway.
 */
export const CHECKPOINTS_TABLE = 'readmodel_checkpoints';
export const LEASES_TABLE = 'readmodel_leases';
export const VERSIONS_TABLE = 'readmodel_versions';

/** Prefixes keep collection tables and field columns clear of each other and of `id`/`doc`. */
const TABLE_PREFIX = 'rm_';
const COLUMN_PREFIX = 'f_';
const INDEX_PREFIX = 'ix:';

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function tableName(collection: string): string {
  return `${TABLE_PREFIX}${collection}`;
}

/** The column holding a field; `id` is the primary key itself. */
export function columnName(field: string): string {
  return field === 'id' ? 'id' : `${COLUMN_PREFIX}${field}`;
}

export function fieldOfColumn(column: string): string | undefined {
  return column.startsWith(COLUMN_PREFIX) ? column.slice(COLUMN_PREFIX.length) : undefined;
}

/** Deterministic, so `ensureCollections` can tell its own indexes and drop the ones no longer defined. */
export function indexName(collection: string, fields: readonly string[]): string {
  return `${INDEX_PREFIX}${tableName(collection)}(${fields.join(',')})`;
}

export function isOwnIndex(name: string): boolean {
  return name.startsWith(INDEX_PREFIX);
}
