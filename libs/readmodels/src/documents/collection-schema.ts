import type { CollectionDefinition, Doc } from '../read-model-store.port';
import { ReadModelUsageError } from '../read-model-errors';

/**
 * A collection definition checked once and shaped for the adapters. Names are restricted to what
 * every backend can hold without escaping surprises: SQLite identifiers and MongoDB collection and
 * field names (no dots, no `$`, nothing that starts like an internal field).
 */
export interface CollectionSchema {
  name: string;
  /** Queryable fields other than `id` (which every adapter keys on anyway): indexed and filter-only. */
  fields: readonly string[];
  /** Fields with an index of their own. */
  singleFieldIndexes: readonly string[];
  compoundIndexes: readonly (readonly string[])[];
  /** See `CollectionDefinition.complete`. */
  complete?: (doc: Readonly<Doc>) => Doc;
}

const COLLECTION_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,62}$/;
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;

/** The key every document carries; queryable without being declared. */
export const ID_FIELD = 'id';

export function assertCollectionName(name: string): void {
  if (!COLLECTION_NAME.test(name)) {
    throw new ReadModelUsageError(
      `Invalid collection name ${JSON.stringify(name)}: use a letter then letters, digits, '_' or '-'`,
    );
  }
}

export function assertFieldName(collection: string, field: string): void {
  if (!FIELD_NAME.test(field)) {
    throw new ReadModelUsageError(
      `Invalid field name ${JSON.stringify(field)} in ${collection}: use a letter then letters, digits or '_'`,
    );
  }
}

export function toCollectionSchema(definition: CollectionDefinition): CollectionSchema {
  assertCollectionName(definition.name);
  const indexed = unique(definition.indexedFields).filter((field) => field !== ID_FIELD);
  const fields = unique([...indexed, ...(definition.filterOnlyFields ?? [])]).filter(
    (field) => field !== ID_FIELD,
  );
  fields.forEach((field) => assertFieldName(definition.name, field));
  const compoundIndexes = (definition.compoundIndexes ?? []).map((index) => {
    if (index.length === 0) throw new ReadModelUsageError(`Empty compound index in ${definition.name}`);
    for (const field of index) {
      if (field !== ID_FIELD && !fields.includes(field)) {
        throw new ReadModelUsageError(
          `Compound index field ${definition.name}.${field} must also be listed in indexedFields or filterOnlyFields`,
        );
      }
    }
    return unique(index);
  });
  // A field leading a compound index is served by it: its own index would only cost writes.
  const leading = new Set(compoundIndexes.map((index) => index[0]));
  const singleFieldIndexes = indexed.filter((field) => !leading.has(field));
  return {
    name: definition.name,
    fields,
    singleFieldIndexes,
    compoundIndexes,
    ...(definition.complete ? { complete: definition.complete } : {}),
  };
}

export function isQueryableField(schema: CollectionSchema, field: string): boolean {
  return field === ID_FIELD || schema.fields.includes(field);
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
