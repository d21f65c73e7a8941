import {
  MongoBulkWriteError,
  MongoClient,
  MongoServerError,
  type AnyBulkWriteOperation,
  type Collection,
  type Db,
  type MongoClientOptions,
} from 'mongodb';
import type { GlobalPosition } from '@casetrail/eventstore';
import {
  assertCollectionName,
  isQueryableField,
  toCollectionSchema,
  type CollectionSchema,
} from '../documents/collection-schema';
import { decodeCursor, encodeCursor } from '../documents/keyset-cursor';
import { assertDocumentId, serialiseDocument } from '../documents/prepared-document';
import { resolveLimit, resolveSortKeys } from '../documents/sort-order';
import { parseWhere, type WhereCondition } from '../documents/where-conditions';
import { ReadModelUsageError } from '../read-model-errors';
import type {
  CollectionDefinition,
  Doc,
  FindOptions,
  HeldBatch,
  HeldBatchOptions,
  Page,
  ProjectionTransaction,
  ReadModelStore,
  Scalar,
  Where,
} from '../read-model-store.port';
import type { BatchReader, StoredDocument } from '../unit-of-work/batch-reader';
import type { BatchWrite } from '../unit-of-work/batch-unit-of-work';
import { HeldUnitOfWork } from '../unit-of-work/held-unit-of-work';
import {
  allOf,
  keysetToFilter,
  mongoField,
  sortSpec,
  whereToFilter,
  type MongoReadModelDocument,
} from './mongo-query';

export const MONGO_CHECKPOINTS_COLLECTION = 'projection_checkpoints';
export const MONGO_LEASES_COLLECTION = 'projection_leases';
export const MONGO_VERSIONS_COLLECTION = 'projection_versions';
const DEFAULT_DATABASE = 'casetrail';
const DUPLICATE_KEY = 11000;
/** Marks the indexes this store manages, so `ensureCollections` can drop the ones no longer defined. */
const INDEX_PREFIX = 'rm:';

interface CheckpointDocument {
  _id: string;
  position: number;
}

interface VersionDocument {
  _id: string;
  version: number;
}

interface LeaseDocument {
  _id: string;
  owner: string;
  expiresAt: Date;
}

/** Internal fields: MongoDB's key (the port's `id` is kept in the document too) and the write guard. */
const INTERNAL_FIELDS = { _id: 0, _position: 0 } as const;

export interface MongoReadModelStoreOptions {
  /** Database to use; defaults to the one in the connection string, else `casetrail`. */
  databaseName?: string;
  clientOptions?: MongoClientOptions;
}

/** Connect to MongoDB and open the read-model store; `close()` closes the client. */
export async function connectMongoReadModelStore(
  url: string,
  options: MongoReadModelStoreOptions = {},
): Promise<MongoReadModelStore> {
  const client = new MongoClient(url, options.clientOptions);
  await client.connect();
  const db = client.db(options.databaseName ?? databaseNameFromUrl(url) ?? DEFAULT_DATABASE);
  return new MongoReadModelStore(db, () => client.close());
}

/**
 * The production read-model store on MongoDB: one MongoDB collection per read-model collection,
 * documents keyed by `_id` = id. There is no multi-document transaction: instead every document
 * records the position of the last event that wrote it (`_position`) and every write is guarded
 * by it, so a batch interrupted half-way and delivered again changes nothing twice. The
 * checkpoint moves only after the batch's writes, and only forwards.
 */
export class MongoReadModelStore implements ReadModelStore {
  private readonly schemas = new Map<string, CollectionSchema>();
  private readonly checkpoints: Collection<CheckpointDocument>;
  private readonly leases: Collection<LeaseDocument>;
  private readonly versions: Collection<VersionDocument>;
  private readonly reader: BatchReader = {
    guardsWritesByPosition: true,
    schema: (collection) => this.requireSchema(collection),
    load: (collection, id) => this.loadDocument(collection, id),
    findIds: (collection, conditions) => this.findIdsNow(collection, conditions),
  };

  constructor(
    private readonly db: Db,
    /** Called by `close()`, e.g. to close a client this store owns. */
    private readonly onClose: () => Promise<void> = async () => undefined,
  ) {
    this.checkpoints = db.collection<CheckpointDocument>(MONGO_CHECKPOINTS_COLLECTION);
    this.leases = db.collection<LeaseDocument>(MONGO_LEASES_COLLECTION);
    this.versions = db.collection<VersionDocument>(MONGO_VERSIONS_COLLECTION);
  }

  async ensureCollections(definitions: CollectionDefinition[]): Promise<void> {
    const schemas = definitions.map(toCollectionSchema);
    for (const schema of schemas) {
      const wanted = new Map<string, readonly string[]>();
      for (const field of schema.singleFieldIndexes) wanted.set(indexName([field]), [field]);
      for (const fields of schema.compoundIndexes) wanted.set(indexName(fields), fields);
      const collection = this.collection(schema.name);
      if (wanted.size > 0) {
        await collection.createIndexes(
          [...wanted].map(([name, fields]) => ({
            name,
            // `_id` last: equal sort values are then already in tie-break order for keyset pagination.
            key: Object.fromEntries(
              [...fields.filter((field) => field !== 'id'), '_id'].map((field) => [field, 1]),
            ),
          })),
        );
      } else {
        await this.createCollectionIfMissing(schema.name);
      }
      for (const index of await collection.listIndexes().toArray()) {
        const name = String(index.name);
        if (name.startsWith(INDEX_PREFIX) && !wanted.has(name)) await collection.dropIndex(name);
      }
      this.schemas.set(schema.name, schema);
    }
  }

  async get<T extends object = Doc>(collection: string, id: string): Promise<T | undefined> {
    assertCollectionName(collection);
    assertDocumentId(collection, id);
    const found = await this.collection(collection).findOne({ _id: id }, { projection: INTERNAL_FIELDS });
    return (found ?? undefined) as T | undefined;
  }

  async find<T extends object = Doc>(collection: string, options: FindOptions = {}): Promise<Page<T>> {
    const isQueryable = this.queryableIn(collection);
    const keys = resolveSortKeys(collection, options.orderBy, isQueryable);
    const limit = resolveLimit(options.limit);
    const after =
      options.cursor === undefined
        ? undefined
        : decodeCursor(options.cursor, keys, options.where, options.clientRanges, options.clientFilters);
    const parts = [this.filterOf(collection, options.where, options.anyOf)];
    if (after) parts.push(keysetToFilter(keys, after));
    const filter = allOf(parts);

    let query = this.collection(collection)
      .find(filter, { projection: INTERNAL_FIELDS })
      .sort(sortSpec(keys));
    if (limit !== undefined) query = query.limit(limit + 1);
    const documents = (await query.toArray()) as Doc[];

    const hasMore = limit !== undefined && documents.length > limit;
    const page = hasMore ? documents.slice(0, limit) : documents;
    const items = page as T[];
    if (!hasMore) return { items };
    const last = page[page.length - 1];
    return {
      items,
      nextCursor: encodeCursor(
        keys,
        options.where,
        keys.map((key) => (last[key.field] ?? null) as Scalar),
        options.clientRanges,
        options.clientFilters,
      ),
    };
  }

  async count(collection: string, where?: Where, anyOf?: Where[]): Promise<number> {
    return this.collection(collection).countDocuments(this.filterOf(collection, where, anyOf));
  }

  /** `where` and, when given, at least one of `anyOf`, as one filter (what `find` and `count` share). */
  private filterOf(collection: string, where: Where | undefined, anyOf: Where[] | undefined) {
    const isQueryable = this.queryableIn(collection);
    const parts = [whereToFilter(parseWhere(collection, where, isQueryable))];
    if (anyOf) {
      const alternatives = anyOf.map((alternative) =>
        whereToFilter(parseWhere(collection, alternative, isQueryable)),
      );
      // An empty $or is invalid in MongoDB; "none of no alternatives" matches nothing.
      parts.push(alternatives.length > 0 ? { $or: alternatives } : { _id: { $in: [] } });
    }
    return allOf(parts);
  }

  async getCheckpoint(projection: string): Promise<GlobalPosition> {
    const checkpoint = await this.checkpoints.findOne({ _id: projection });
    return checkpoint?.position ?? 0;
  }

  async getProjectionVersion(projection: string): Promise<number | undefined> {
    return (await this.versions.findOne({ _id: projection }))?.version;
  }

  async setProjectionVersion(projection: string, version: number): Promise<void> {
    await this.versions.updateOne({ _id: projection }, { $set: { version } }, { upsert: true });
  }

  async applyBatch<E extends { position: GlobalPosition }>(
    projection: string,
    events: E[],
    apply: (event: E, tx: ProjectionTransaction) => Promise<void> | void,
  ): Promise<void> {
    const batch = await this.openHeldBatch(projection);
    await batch.apply(events, apply);
    await batch.flush();
  }

  async openHeldBatch(projection: string, options?: HeldBatchOptions): Promise<HeldBatch> {
    const checkpoint = await this.getCheckpoint(projection);
    return new HeldUnitOfWork(
      this.reader,
      checkpoint,
      async (writes, _from, to) => {
        await this.storeWrites(writes);
        try {
          await this.checkpoints.updateOne(
            { _id: projection, position: { $lt: to } },
            { $set: { position: to } },
            { upsert: true },
          );
        } catch (error) {
          // The checkpoint is already at or past this batch (a redelivery raced a newer run): keep it.
          if (!isDuplicateKey(error)) throw error;
        }
      },
      options,
    );
  }

  /** Indexes stay (`deferIndexes` is a hint this adapter does not need: its bulk writes keep them cheaply). */
  async reset(projection: string, collections: string[]): Promise<void> {
    collections.forEach(assertCollectionName);
    // Not atomic across collections: if interrupted, run the rebuild again.
    for (const collection of collections) await this.collection(collection).deleteMany({});
    await this.checkpoints.deleteOne({ _id: projection });
  }

  async tryAcquireLease(
    name: string,
    owner: string,
    ttlMs: number,
    isHolderGone?: (holder: string) => boolean,
  ): Promise<boolean> {
    // Expiry uses this process's clock: runners on several hosts need clocks in sync (NTP) to
    // well within the lease's time to live.
    const now = new Date();
    const expiresAt = new Date(now.getTime() + ttlMs);
    try {
      // Matches when the lease is ours or has expired; when it matches nothing, the upsert tries to
      // insert `_id: name` and fails on the duplicate key if someone else holds the lease.
      const lease = await this.leases.findOneAndUpdate(
        { _id: name, $or: [{ owner }, { expiresAt: { $lte: now } }] },
        { $set: { owner, expiresAt } },
        { upsert: true, returnDocument: 'after' },
      );
      return lease?.owner === owner;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const holder = (await this.leases.findOne({ _id: name }))?.owner;
    if (holder === undefined || !isHolderGone?.(holder)) return false;
    const takeover = await this.leases.updateOne(
      { _id: name, owner: holder },
      { $set: { owner, expiresAt } },
    );
    return takeover.modifiedCount === 1;
  }

  async releaseLease(name: string, owner: string): Promise<void> {
    await this.leases.deleteOne({ _id: name, owner });
  }

  async ping(): Promise<void> {
    await this.db.command({ ping: 1 });
  }

  async close(): Promise<void> {
    await this.onClose();
  }

  /**
   * Each document version goes in with the position of the event that wrote it, and only over an
   * older version. A newer stored version makes the upsert collide on `_id` (error 11000): that
   * write was already applied, and the others in the unordered bulk still go through.
   */
  private async storeWrites(writes: BatchWrite[]): Promise<void> {
    const byCollection = new Map<string, AnyBulkWriteOperation<MongoReadModelDocument>[]>();
    for (const write of writes) {
      const operations = byCollection.get(write.collection) ?? [];
      byCollection.set(write.collection, operations);
      const filter = { _id: write.id, _position: { $lt: write.position } };
      operations.push(
        write.document === null
          ? { deleteOne: { filter } }
          : {
              replaceOne: {
                filter,
                replacement: {
                  ...(JSON.parse(serialiseDocument(write.document)) as Doc),
                  _position: write.position,
                },
                upsert: true,
              },
            },
      );
    }
    for (const [collection, operations] of byCollection) {
      try {
        await this.collection(collection).bulkWrite(operations, { ordered: false });
      } catch (error) {
        if (!isOnlyDuplicateKeys(error)) throw error;
      }
    }
  }

  private async loadDocument(collection: string, id: string): Promise<StoredDocument | undefined> {
    const found = await this.collection(collection).findOne({ _id: id });
    if (!found) return undefined;
    const { _id, _position, ...document } = found;
    return { json: JSON.stringify(document), position: typeof _position === 'number' ? _position : 0 };
  }

  private async findIdsNow(collection: string, conditions: WhereCondition[]): Promise<string[]> {
    const found = await this.collection(collection)
      .find(whereToFilter(conditions), { projection: { _id: 1 } })
      .toArray();
    return found.map((document) => String(document._id));
  }

  private async createCollectionIfMissing(name: string): Promise<void> {
    const existing = await this.db.listCollections({ name }, { nameOnly: true }).toArray();
    if (existing.length > 0) return;
    try {
      await this.db.createCollection(name);
    } catch (error) {
      // Another process created it meanwhile (NamespaceExists).
      if (!(error instanceof MongoServerError && error.code === 48)) throw error;
    }
  }

  /** Fields a query may use: the ensured definition's, or any valid field for a collection this process did not ensure. */
  private queryableIn(collection: string): (field: string) => boolean {
    assertCollectionName(collection);
    const schema = this.schemas.get(collection);
    return (field) => (schema ? isQueryableField(schema, field) : true);
  }

  private requireSchema(collection: string): CollectionSchema {
    const schema = this.schemas.get(collection);
    if (!schema) {
      assertCollectionName(collection);
      throw new ReadModelUsageError(`Collection ${collection} was not ensured; ensureCollections() it first`);
    }
    return schema;
  }

  private collection(name: string): Collection<MongoReadModelDocument> {
    return this.db.collection<MongoReadModelDocument>(name);
  }
}

function indexName(fields: readonly string[]): string {
  return `${INDEX_PREFIX}(${fields.map(mongoField).join(',')})`;
}

function isDuplicateKey(error: unknown): boolean {
  return error instanceof MongoServerError && error.code === DUPLICATE_KEY;
}

function isOnlyDuplicateKeys(error: unknown): boolean {
  if (!(error instanceof MongoBulkWriteError) || error.err) return false;
  const writeErrors: readonly { code: number }[] = Array.isArray(error.writeErrors)
    ? error.writeErrors
    : [error.writeErrors];
  return writeErrors.length > 0 && writeErrors.every((writeError) => writeError.code === DUPLICATE_KEY);
}

/** The database named in a connection string's path (`mongodb://host/db?...`), if any. */
function databaseNameFromUrl(url: string): string | undefined {
  const match = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]+)/.exec(url);
  return match ? decodeURIComponent(match[1]) : undefined;
}
