import type { GlobalPosition } from '@casetrail/eventstore';
import type { CollectionSchema } from '../documents/collection-schema';
import type { WhereCondition } from '../documents/where-conditions';
import type { Doc } from '../read-model-store.port';

/**
 * A document as the store holds it, before the batch: its JSON text, or the frozen object itself
 * when the adapter still holds the version it wrote (`RecentDocuments`).
 */
export interface StoredDocument {
  json?: string;
  parsed?: Readonly<Doc>;
  /** Position of the event that last wrote it; 0 where the backend does not track it (SQLite). */
  position: GlobalPosition;
}

/** What a unit of work needs from its adapter to read through to the store. */
export interface BatchReader {
  /**
   * True when the store keeps per-document positions and refuses writes from events at or below
   * them (MongoDB). The unit of work then applies the same rule to its own reads and writes, so
   * replaying a partly stored batch computes nothing twice.
   */
  readonly guardsWritesByPosition: boolean;
  /** The collection's schema; throws when the collection was never ensured in this store. */
  schema(collection: string): CollectionSchema;
  load(collection: string, id: string): Promise<StoredDocument | undefined>;
  findIds(collection: string, conditions: WhereCondition[]): Promise<string[]>;
}
