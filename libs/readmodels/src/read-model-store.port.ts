import type { GlobalPosition } from '@casetrail/eventstore';

/**
 * The read-model store port: a small document store that every projection speaks to, so there
 * is one projection code path for SQLite and MongoDB. Each adapter passes
 * `read-model-store.contract.ts`.
 *
 * Documents are plain JSON objects keyed by `id` within a named collection. Collections declare
 * the fields that queries filter and sort on, so adapters can index them (SQLite columns,
 * MongoDB indexes).
 */
export type Doc = Record<string, unknown>;

export interface CollectionDefinition {
  name: string;
  /** Fields (top level) used in `where` and `orderBy`; adapters index them. */
  indexedFields: string[];
  /** Compound indexes to serve common query shapes, e.g. a queue's sort order. */
  compoundIndexes?: string[][];
}

export type Scalar = string | number | boolean | null;

/** A condition on one indexed field. Plain scalar = equality. */
export type FieldCondition =
  | Scalar
  | { eq?: Scalar; ne?: Scalar; in?: Scalar[]; lt?: Scalar; lte?: Scalar; gt?: Scalar; gte?: Scalar };

export type Where = Record<string, FieldCondition>;

export interface FindOptions {
  where?: Where;
  /** Sort keys; `id` ascending is always appended as the final tie-breaker. */
  orderBy?: { field: string; direction: 'asc' | 'desc' }[];
  limit?: number;
  /** Opaque keyset cursor returned by a previous page. */
  cursor?: string;
}

export interface Page<T extends Doc> {
  items: T[];
  /** Present when more items follow. */
  nextCursor?: string;
}

/** A unit of work for one projection batch: reads see the batch's own earlier writes. */
export interface ProjectionTransaction {
  get<T extends Doc>(collection: string, id: string): Promise<T | undefined>;
  put(collection: string, id: string, doc: Doc): void;
  delete(collection: string, id: string): void;
  /** Ids of documents matching `where` (store contents overlaid with this batch's writes). */
  findIds(collection: string, where: Where): Promise<string[]>;
  /** The position of the event being applied; the adapter uses it to guard writes. */
  readonly position: GlobalPosition;
}

export interface ReadModelStore {
  ensureCollections(definitions: CollectionDefinition[]): Promise<void>;
  get<T extends Doc>(collection: string, id: string): Promise<T | undefined>;
  find<T extends Doc>(collection: string, options?: FindOptions): Promise<Page<T>>;
  count(collection: string, where?: Where): Promise<number>;

  /** Last position a projection has applied (0 when never run). */
  getCheckpoint(projection: string): Promise<GlobalPosition>;
  /**
   * Apply a batch atomically with its checkpoint. `apply` is called once per event with a
   * transaction whose `position` is that event's; nothing is visible until all have run.
   * Events at or below the stored checkpoint are skipped, so redelivery changes nothing.
   */
  applyBatch<E extends { position: GlobalPosition }>(
    projection: string,
    events: E[],
    apply: (event: E, tx: ProjectionTransaction) => Promise<void> | void,
  ): Promise<void>;
  /** Drop a projection's collections' contents and its checkpoint (rebuild from zero). */
  reset(projection: string, collections: string[]): Promise<void>;

  /** Single-active-runner lease: true when `owner` holds it now (acquired or renewed). */
  tryAcquireLease(name: string, owner: string, ttlMs: number): Promise<boolean>;
  releaseLease(name: string, owner: string): Promise<void>;

  ping(): Promise<void>;
  close(): Promise<void>;
}
