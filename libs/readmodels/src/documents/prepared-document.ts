import type { Doc } from '../read-model-store.port';
import { ReadModelUsageError } from '../read-model-errors';
import { ID_FIELD, type CollectionSchema } from './collection-schema';
import { deepFreeze } from './deep-freeze';
import { isScalar } from './scalar-order';

/** Keys the adapters keep for themselves (MongoDB's key and write guard). */
const RESERVED_KEYS = ['_id', '_position'] as const;

/**
 * A document checked against the store's rules at `put` time: `doc` is the frozen snapshot that
 * later reads of the same batch share (changing it, or the object that was put, throws). It holds
 * its `id`, and its indexed fields are scalars or absent: matching and SQLite's columns read them
 * from it (no copy of them per `put`, which a rebuild made for every event).
 */
export interface CheckedDocument {
  id: string;
  doc: Readonly<Doc>;
}

/** `frozen: false` leaves the document as given (see `HeldBatchOptions.frozen`). */
export function checkDocument(
  schema: CollectionSchema,
  id: string,
  value: object,
  frozen = true,
): CheckedDocument {
  assertDocumentId(schema.name, id);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ReadModelUsageError(`${schema.name}/${id}: a document must be a plain object`);
  }
  const given = value as Doc;
  for (const key of RESERVED_KEYS) {
    if (key in given)
      throw new ReadModelUsageError(`${schema.name}/${id}: '${key}' is reserved for the store`);
  }
  if (given[ID_FIELD] !== undefined && given[ID_FIELD] !== id) {
    throw new ReadModelUsageError(
      `${schema.name}/${id}: the document's id ${String(given[ID_FIELD])} differs`,
    );
  }
  for (const field of schema.fields) {
    if (!isScalar(given[field] ?? null)) {
      throw new ReadModelUsageError(
        `${schema.name}/${id}: indexed field ${field} must hold a string, finite number, boolean or null`,
      );
    }
  }
  const doc = given[ID_FIELD] === id ? given : { ...given, [ID_FIELD]: id };
  return { id, doc: frozen ? deepFreeze(doc) : doc };
}

/**
 * The document's JSON, made by the adapter as it stores it (once per batch, not once per `put`):
 * each text then dies at once, where a batch's texts made beforehand (30 MB for 10,000 cases)
 * stayed alive together and were copied by every young-generation collection until promoted.
 */
export function serialiseDocument(checked: CheckedDocument): string {
  return JSON.stringify(checked.doc);
}

export function assertDocumentId(collection: string, id: string): void {
  if (typeof id !== 'string' || id.length === 0) {
    throw new ReadModelUsageError(`${collection}: a document id must be a non-empty string`);
  }
}
