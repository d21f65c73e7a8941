import type { GlobalPosition } from '@casetrail/eventstore';
import { findEach, type Doc, type ReadModelStore } from '@casetrail/readmodels';

/**
 * What the auditor's checks read of the read models, and nothing they could change them with: the
 * embedded ones are opened read-only for them (ReadOnlySqliteReadModels), any other store is
 * read through `readModelEvidenceOf`.
 */
export interface ReadModelEvidence {
  get<T extends object = Doc>(collection: string, id: string): Promise<T | undefined>;
  getCheckpoint(projection: string): Promise<GlobalPosition>;
  getProjectionVersion(projection: string): Promise<number | undefined>;
  /** Every document of the collection, in the ids' code-point order (none when it does not exist). */
  documentsById<T extends object = Doc>(collection: string): AsyncIterable<T>;
  /** Documents whose indexed columns disagree with them, where a store keeps such copies (SQLite). */
  indexedFieldMismatches?(collection: string): AsyncIterable<{ id: string; fields: string[] }>;
  close(): Promise<void>;
}

/** Documents read at a time. */
const PAGE = 1_000;

/** A read-model store (MongoDB's, a scratch rebuild) read through the audit's narrower view. */
export function readModelEvidenceOf(store: ReadModelStore): ReadModelEvidence {
  return {
    get: (collection, id) => store.get(collection, id),
    getCheckpoint: (projection) => store.getCheckpoint(projection),
    getProjectionVersion: (projection) => store.getProjectionVersion(projection),
    documentsById: <T extends object>(collection: string) =>
      findEach<T>(store, collection, { orderBy: [{ field: 'id', direction: 'asc' }] }, PAGE),
    ...(store.indexedFieldMismatches
      ? { indexedFieldMismatches: (collection: string) => store.indexedFieldMismatches!(collection) }
      : {}),
    close: () => store.close(),
  };
}
