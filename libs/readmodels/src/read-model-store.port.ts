import type { GlobalPosition } from '@casetrail/eventstore';

/**
 * The read-model store port: a small document store that every projection speaks to, so there
 * is one projection code path for SQLite and MongoDB. Each adapter passes
 * `read-model-store.contract.ts`.
 *
 * Documents are plain JSON objects keyed by `id` within a named collection. Collections declare
 * the fields that queries filter and sort on, so adapters can index them (SQLite columns,
 * MongoDB indexes).
 *
 * Rules every adapter enforces the same way:
 *  - a stored document always carries its key as `id` (added on `put` when absent; a different
 *    `id` in the document is an error), so `find` results can be addressed;
 *  - `_id` and `_position` are reserved for adapters and rejected in documents;
 *  - an indexed field holds a string, a finite number, a boolean or null/absent (one type per
 *    field: ordering across types is unspecified). Values go through JSON, so what `get` returns
 *    is what JSON.parse(JSON.stringify(doc)) would give.
 *  - `id` can be used in `where` and `orderBy` like an indexed field; any other field there
 *    must be indexed (`ReadModelUsageError` otherwise);
 *  - collection names: a letter, then letters, digits, `_` or `-` (at most 63); field names: a
 *    letter, then letters, digits or `_` (top level only: no dots).
 */
export type Doc = Record<string, unknown>;

// Methods take and return `object` rather than `Doc`, so interfaces (which have no index
// signature) can describe documents: `tx.get<CaseSummary>(...)`, `tx.put(..., summary)`.

export interface CollectionDefinition {
  name: string;
  /**
   * Fields (top level) used in `where` and `orderBy`; adapters index each one, except a field that
   * leads a compound index (that index serves it).
   */
  indexedFields: string[];
  /**
   * Fields queries may also filter or sort on, with no index of their own: a compound index, or a
   * more selective condition of the same queries, narrows the rows first. Every index is one more
   * b-tree to update on each write, so a field only queried alongside others belongs here.
   */
  filterOnlyFields?: string[];
  /** Compound indexes to serve common query shapes, e.g. a queue's sort order. */
  compoundIndexes?: string[][];
  /**
   * Computes the fields derived from the rest of a document (a case's queue columns from its
   * state): applied as a batch stores the document, once however many events of the batch rewrote
   * it, so a projection puts only the facts it folds, and reads those back. A rebuild holding a
   * case across all its events computes the derived fields once instead of once per event.
   *
   * Must be pure and recompute every field it adds (a document read back from the store carries
   * the last ones, and the projection may spread it into its next version). Such a document is
   * checked when stored rather than when put.
   */
  complete?: (doc: Readonly<Doc>) => Doc;
}

export type Scalar = string | number | boolean | null;

/**
 * A condition on one indexed field. Plain scalar = equality. Several operators in one condition
 * must all hold. Null semantics (the same in SQLite and MongoDB):
 *  - `null` / `{ eq: null }` matches a null or absent field; `{ ne: null }` a present, non-null one;
 *  - `{ ne: v }` also matches null/absent fields; `{ in: [..., null] }` matches them too;
 *  - range operators (`lt`, `lte`, `gt`, `gte`) need a non-null value and never match null.
 */
export type FieldCondition =
  Scalar | { eq?: Scalar; ne?: Scalar; in?: Scalar[]; lt?: Scalar; lte?: Scalar; gt?: Scalar; gte?: Scalar };

/** Conditions that must all hold; a field whose condition is `undefined` is ignored (optional query parameters). */
export type Where = Record<string, FieldCondition | undefined>;

export interface FindOptions {
  where?: Where;
  /**
   * Alternatives: a document must also match at least one of these (each a `Where` of its own).
   * An empty list matches nothing. Lets a query express "visible to this person" rules in the store.
   */
  anyOf?: Where[];
  /**
   * Sort keys; `id` ascending is always appended as the final tie-breaker. Null/absent values
   * sort first ascending and last descending.
   */
  orderBy?: { field: string; direction: 'asc' | 'desc' }[];
  /** Page size (a positive integer); all matching documents when absent. */
  limit?: number;
  /**
   * Opaque keyset cursor returned by a previous page, valid with the same `where` and `orderBy`.
   * A malformed cursor, or one from another sort order or other `where` conditions, throws
   * `InvalidCursorError`. Range bounds (`lt`, `lte`, `gt`, `gte`) may move between pages (lists
   * read at "now") and `anyOf` may change (visibility): see `keyset-cursor.ts`.
   */
  cursor?: string;
  /**
   * Fields whose range bounds in `where` the client chose (a period it asked for) rather than the
   * clock: a cursor is bound to their values too, and refused under another period.
   */
  clientRanges?: string[];
  /**
   * The client's filters that the query does not carry in `where` (turned into `anyOf`
   * alternatives, which are not bound): a cursor is bound to their values too, and refused under
   * others, so a page asked with another value is a 400, not a silently wrong page.
   */
  clientFilters?: Record<string, Scalar | undefined>;
}

export interface Page<T extends object = Doc> {
  items: T[];
  /** Present when more items follow. */
  nextCursor?: string;
}

/**
 * A unit of work for one projection batch: reads see the batch's own earlier writes. Writes are
 * buffered and reach the store only when the whole batch has been applied. Documents are
 * immutable snapshots: `put` deep-freezes the object it is given (build the next version with a
 * spread, as the projections do) and `get` returns frozen objects, so changing either throws
 * instead of silently altering what the batch will store. A transaction belongs to one event: using it after that event's `apply` has
 * settled throws (usually a missing `await`).
 */
export interface ProjectionTransaction {
  get<T extends object = Doc>(collection: string, id: string): Promise<T | undefined>;
  put(collection: string, id: string, doc: object): void;
  delete(collection: string, id: string): void;
  /** Ids of documents matching `where` (store contents overlaid with this batch's writes). */
  findIds(collection: string, where: Where): Promise<string[]>;
  /** The position of the event being applied; the adapter uses it to guard writes. */
  readonly position: GlobalPosition;
}

/** How a held batch treats the documents it hands out and is given. */
export interface HeldBatchOptions {
  /**
   * False: documents are not frozen, neither those `put` nor those `get` returns (default true).
   * For a rebuild, which replays projection code that live batches, where documents are frozen,
   * already hold to never changing a document in place; freezing every version of every document
   * again cost about a tenth of a rebuild. Later frozen batches freeze what they read from it.
   */
  frozen?: boolean;
}

/**
 * A projection batch that stays open across several calls of `apply` and reaches the store only
 * at `flush` (`ReadModelStore.openHeldBatch`): a rebuild holds the documents it is folding in
 * memory across many reads of the log, instead of writing a case again every few thousand events.
 */
export interface HeldBatch {
  /**
   * Apply events after the last applied one, exactly as `applyBatch` would, but store nothing
   * yet; later calls read what earlier ones wrote. If `apply` throws, the held batch becomes
   * unusable and the store stays at the last flush.
   */
  apply<E extends { position: GlobalPosition }>(
    events: E[],
    apply: (event: E, tx: ProjectionTransaction) => Promise<void> | void,
  ): Promise<void>;
  /**
   * Store every held write with the checkpoint of the last applied event, atomically where the
   * adapter can (as `applyBatch` does), and start holding afresh. Returns the stored checkpoint.
   */
  flush(): Promise<GlobalPosition>;
  /** Documents held in memory now, what decides when to flush. */
  readonly heldDocuments: number;
  /** The last event applied, stored or not. */
  readonly appliedPosition: GlobalPosition;
}

export interface ResetOptions {
  deferIndexes?: boolean;
}

export interface ReadModelStore {
  /**
   * Create (or extend) the storage and indexes for these collections. Idempotent; fields added
   * to a definition later are back-filled from the stored documents.
   */
  ensureCollections(definitions: CollectionDefinition[]): Promise<void>;
  /** Reads of a collection nobody has created yet answer empty (undefined, no items, 0). */
  get<T extends object = Doc>(collection: string, id: string): Promise<T | undefined>;
  find<T extends object = Doc>(collection: string, options?: FindOptions): Promise<Page<T>>;
  /** Documents matching `where` and, when given, at least one of `anyOf` (as `FindOptions`). */
  count(collection: string, where?: Where, anyOf?: Where[]): Promise<number>;

  /** Last position a projection has applied (0 when never run). */
  getCheckpoint(projection: string): Promise<GlobalPosition>;
  /**
   * The version of a projection's code (`Projection.version`) its stored documents were built
   * with, or undefined when none was recorded (read models older than versions, or none yet).
   */
  getProjectionVersion(projection: string): Promise<number | undefined>;
  /** Records that a projection's documents are built by this version of its code. */
  setProjectionVersion(projection: string, version: number): Promise<void>;
  /**
   * Apply a batch atomically with its checkpoint. `apply` is called once per event with a
   * transaction whose `position` is that event's; nothing is visible until all have run.
   * Events at or below the stored checkpoint are skipped, so redelivery changes nothing.
   * Events must be in ascending position order. The checkpoint becomes the last event's position
   * even when `apply` ignores it. If `apply` throws, nothing of the batch is stored.
   * SQLite throws `CheckpointConflictError` when another runner moved the checkpoint meanwhile.
   */
  applyBatch<E extends { position: GlobalPosition }>(
    projection: string,
    events: E[],
    apply: (event: E, tx: ProjectionTransaction) => Promise<void> | void,
  ): Promise<void>;
  /**
   * Start a held batch at the projection's stored checkpoint: `applyBatch` spread over many calls
   * with one flush (see `HeldBatch`). The caller must hold the projection's lease until it
   * flushes; SQLite refuses the flush (`CheckpointConflictError`) if the checkpoint moved meanwhile.
   */
  openHeldBatch(projection: string, options?: HeldBatchOptions): Promise<HeldBatch>;
  /**
   * Drop a projection's collections' contents and its checkpoint (rebuild from zero). With
   * `deferIndexes`, an adapter may also drop the collections' secondary indexes, to build them
   * once over the replayed rows at the next `ensureCollections` (which a rebuild calls when it
   * finishes, and every runner calls when it starts). Queries stay correct meanwhile, only slower.
   * The recorded version stays: the rebuild records its own.
   */
  reset(projection: string, collections: string[], options?: ResetOptions): Promise<void>;
  /**
   * Where the store keeps copies of a document's indexed fields apart from the document (SQLite's
   * columns), the documents whose copies say otherwise, in id order: queries filter and sort on
   * the copies, so such a row answers queues wrongly while the document reads right. Stores that
   * keep no copy (MongoDB indexes the document itself) leave this out.
   */
  indexedFieldMismatches?(collection: string): AsyncGenerator<{ id: string; fields: string[] }>;

  /**
   * Single-active-runner lease: true when `owner` holds it now (acquired or renewed). Succeeds
   * when the lease is free, expired, or already held by `owner`; atomic across processes. Also
   * when `isHolderGone` says its current holder is certainly gone (a crashed process): it is then
   * taken from exactly that holder, so a holder that renews meanwhile keeps it.
   */
  tryAcquireLease(
    name: string,
    owner: string,
    ttlMs: number,
    isHolderGone?: (holder: string) => boolean,
  ): Promise<boolean>;
  /** Give the lease up at once (graceful stop), so a standby need not wait for expiry. No-op if not held. */
  releaseLease(name: string, owner: string): Promise<void>;

  ping(): Promise<void>;
  close(): Promise<void>;
}
