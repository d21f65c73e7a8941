import type { Statement } from 'better-sqlite3';
import type { CollectionSchema } from '../documents/collection-schema';
import type { Doc, Scalar } from '../read-model-store.port';
import { quoteIdentifier, tableName } from './sqlite-names';
import { column, toSqlValue, type SqlValue } from './sqlite-query';

/** Rows read at a time when checking indexed columns against their documents. */
const MISMATCH_PAGE = 1_000;

/**
 * The documents of a collection whose indexed columns differ from their own fields, with those
 * fields: what `verify-projections` checks besides the documents. Shared by the read-model store
 * and the auditor's read-only view of its file, which must agree on it. Paged by id, not one open
 * cursor: the connection stays free for the caller between pages.
 */
export function* indexedFieldMismatches(
  prepare: (sql: string) => Statement,
  schema: CollectionSchema,
): Generator<{ id: string; fields: string[] }> {
  if (schema.fields.length === 0) return;
  const page = prepare(
    `SELECT id, doc, ${schema.fields.map(column).join(', ')} FROM ${quoteIdentifier(tableName(schema.name))}
     WHERE id > ? ORDER BY id LIMIT ${MISMATCH_PAGE}`,
  );
  for (let after = ''; ;) {
    const rows = page.raw().all(after) as [string, string, ...SqlValue[]][];
    for (const [id, json, ...stored] of rows) {
      const doc = JSON.parse(json) as Doc;
      const fields = schema.fields.filter(
        // A stored document's indexed fields are scalars or absent (checked when it was put).
        (field, index) => toSqlValue((doc[field] ?? null) as Scalar) !== stored[index],
      );
      if (fields.length > 0) yield { id, fields };
    }
    if (rows.length < MISMATCH_PAGE) return;
    after = rows[rows.length - 1][0];
  }
}
