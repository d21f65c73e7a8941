import type { Doc, Scalar } from '../read-model-store.port';
import { ReadModelUsageError } from '../read-model-errors';
import { ID_FIELD, type CollectionSchema } from './collection-schema';
import { isScalar } from './scalar-order';

/** Keys the adapters keep for themselves (MongoDB's key and write guard). */
const RESERVED_KEYS = ['_id', '_position'] as const;

/**
 * A document checked against the store's rules and serialised once, at `put` time: the JSON text
 * is the snapshot (later changes to the caller's object do not leak in), and `values` holds the
 * indexed fields (with `id`) for matching and for SQLite's columns.
 */
export interface PreparedDocument {
  id: string;
  json: string;
  values: Record<string, Scalar>;
}

export function prepareDocument(schema: CollectionSchema, id: string, value: object): PreparedDocument {
  assertDocumentId(schema.name, id);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ReadModelUsageError(`${schema.name}/${id}: a document must be a plain object`);
  }
  const doc = value as Doc;
  for (const key of RESERVED_KEYS) {
    if (key in doc) throw new ReadModelUsageError(`${schema.name}/${id}: '${key}' is reserved for the store`);
  }
  if (doc[ID_FIELD] !== undefined && doc[ID_FIELD] !== id) {
    throw new ReadModelUsageError(`${schema.name}/${id}: the document's id ${String(doc[ID_FIELD])} differs`);
  }
  const values: Record<string, Scalar> = { [ID_FIELD]: id };
  for (const field of schema.fields) {
    const value = doc[field] ?? null;
    if (!isScalar(value)) {
      throw new ReadModelUsageError(
        `${schema.name}/${id}: indexed field ${field} must hold a string, finite number, boolean or null`,
      );
    }
    values[field] = value;
  }
  return { id, json: JSON.stringify({ ...doc, [ID_FIELD]: id }), values };
}

export function assertDocumentId(collection: string, id: string): void {
  if (typeof id !== 'string' || id.length === 0) {
    throw new ReadModelUsageError(`${collection}: a document id must be a non-empty string`);
  }
}
