import type { GlobalPosition } from '@casetrail/eventstore';
import { isQueryableField } from '../documents/collection-schema';
import { deepFreeze } from '../documents/deep-freeze';
import { assertDocumentId, checkDocument, type CheckedDocument } from '../documents/prepared-document';
import { compareScalars } from '../documents/scalar-order';
import { parseWhere } from '../documents/where-conditions';
import { matchesConditions } from '../documents/where-matcher';
import type { Doc, ProjectionTransaction, Where } from '../read-model-store.port';
import { ReadModelUsageError } from '../read-model-errors';
import type { BatchReader, StoredDocument } from './batch-reader';

/**
 * The last write a batch made to one document: a new version, or a deletion (`document: null`).
 * The adapter serialises the document as it stores it (`serialiseDocument`).
 */
export interface BatchWrite {
  collection: string;
  id: string;
  document: CheckedDocument | null;
  /** Position of the event that made this write. */
  position: GlobalPosition;
}

/** A write held in the unit of work: the checked document, serialised only when the batch ends. */
interface PendingWrite {
  collection: string;
  id: string;
  /** What the projection put, as its later events read it back (null: deleted). */
  given: Readonly<Doc> | null;
  /**
   * The document to store: `given`, completed where the collection computes fields
   * (`CollectionDefinition.complete`), and checked. Made once, when first needed.
   */
  checked?: CheckedDocument | null;
  position: GlobalPosition;
}

interface Entry {
  /**
   * What the store held before the batch, once read (`document: undefined` = absent), and its
   * frozen object once an event asked for it.
   */
  loaded?: { document: StoredDocument | undefined; parsed?: Readonly<Doc> };
  pending?: PendingWrite;
}

/** A transaction handed to one event's `apply`, closed once that apply has settled. */
export interface EventTransaction {
  tx: ProjectionTransaction;
  close(): void;
}

/**
 * The in-memory unit of work behind `applyBatch`: reads go to the batch's own writes first and
 * then to the store; writes collapse to the last one per document and are handed to the adapter
 * only after every event of the batch has been applied.
 *
 * Documents are held as objects (frozen, unless a rebuild's batch says otherwise), not JSON: a
 * read returns the very snapshot an earlier event put (or the store's version, parsed once), and
 * each document is completed (computed fields), checked and serialised once per batch however
 * many events rewrote it. A case touched by ten events of a batch costs one JSON.stringify
 * instead of ten, and no JSON.parse at all; that is most of a rebuild's CPU.
 */
export class BatchUnitOfWork {
  private readonly entries = new Map<string, Map<string, Entry>>();

  /** `frozen: false`: see `HeldBatchOptions.frozen`. */
  constructor(
    private readonly reader: BatchReader,
    private readonly frozen = true,
  ) {}

  /** Documents this unit of work holds (read or written), what it costs in memory. */
  get size(): number {
    let documents = 0;
    for (const collection of this.entries.values()) documents += collection.size;
    return documents;
  }

  transactionFor(position: GlobalPosition): EventTransaction {
    let open = true;
    const assertOpen = () => {
      if (!open) {
        throw new ReadModelUsageError(
          `Transaction of the event at position ${position} used after its apply settled (missing await?)`,
        );
      }
    };
    const tx: ProjectionTransaction = {
      position,
      get: <T extends object = Doc>(collection: string, id: string) => {
        assertOpen();
        return this.get<T>(collection, id);
      },
      put: (collection, id, doc) => {
        assertOpen();
        this.write(position, collection, id, doc);
      },
      delete: (collection, id) => {
        assertOpen();
        this.write(position, collection, id, null);
      },
      findIds: (collection, where) => {
        assertOpen();
        return this.findIds(collection, where);
      },
    };
    return { tx, close: () => (open = false) };
  }

  /** The batch's effective writes, one per document. */
  writes(): BatchWrite[] {
    const writes: BatchWrite[] = [];
    for (const documents of this.entries.values()) {
      for (const { pending } of documents.values()) {
        if (!pending) continue;
        const document = this.checkedOf(pending);
        writes.push({ collection: pending.collection, id: pending.id, document, position: pending.position });
      }
    }
    return writes;
  }

  private async get<T extends object = Doc>(collection: string, id: string): Promise<T | undefined> {
    this.reader.schema(collection);
    assertDocumentId(collection, id);
    const entry = this.entry(collection, id);
    if (!entry.pending || this.reader.guardsWritesByPosition) await this.loadInto(collection, id, entry);
    if (entry.pending) return (entry.pending.given ?? undefined) as T | undefined;
    const loaded = entry.loaded;
    if (!loaded?.document) return undefined;
    if (!loaded.parsed) {
      const parsed = loaded.document.parsed ?? (JSON.parse(loaded.document.json!) as Doc);
      // A document an unfrozen batch stored (the adapter's recent copy) is frozen once read here.
      loaded.parsed = this.frozen ? deepFreeze(parsed) : parsed;
    }
    return loaded.parsed as T;
  }

  private write(position: GlobalPosition, collection: string, id: string, doc: object | null): void {
    const schema = this.reader.schema(collection);
    assertDocumentId(collection, id);
    const entry = this.entry(collection, id);
    if (doc === null) {
      if (!this.isAlreadyStored(entry, position))
        entry.pending = { collection, id, given: null, checked: null, position };
      return;
    }
    // A document with computed fields is completed and checked once, when stored (or matched):
    // the events before the batch's last one for it would only compute what is overwritten.
    const checked = schema.complete ? undefined : checkDocument(schema, id, doc, this.frozen);
    const given = checked ? checked.doc : this.frozen ? deepFreeze(doc as Doc) : (doc as Doc);
    if (this.isAlreadyStored(entry, position)) return;
    entry.pending = { collection, id, given, checked, position };
  }

  private checkedOf(pending: PendingWrite): CheckedDocument | null {
    if (pending.checked !== undefined) return pending.checked;
    const schema = this.reader.schema(pending.collection);
    const completed = schema.complete!(pending.given!);
    return (pending.checked = checkDocument(schema, pending.id, completed, this.frozen));
  }

  private async findIds(collection: string, where: Where): Promise<string[]> {
    const schema = this.reader.schema(collection);
    const conditions = parseWhere(collection, where, (field) => isQueryableField(schema, field));
    const ids = new Set(await this.reader.findIds(collection, conditions));
    const entries = [...(this.entries.get(collection) ?? new Map<string, Entry>())];
    if (this.reader.guardsWritesByPosition) {
      await Promise.all(
        entries
          .filter(([, entry]) => entry.pending)
          .map(([id, entry]) => this.loadInto(collection, id, entry)),
      );
    }
    for (const [id, entry] of entries) {
      const pending = entry.pending;
      if (!pending) continue;
      const checked = this.checkedOf(pending);
      if (checked && matchesConditions(checked.doc, conditions)) ids.add(id);
      else ids.delete(id);
    }
    return [...ids].sort(compareScalars);
  }

  private async loadInto(collection: string, id: string, entry: Entry): Promise<void> {
    if (entry.loaded) return;
    const document = await this.reader.load(collection, id);
    entry.loaded ??= { document };
    // A write made before we knew the stored position may turn out to be one the store has already seen.
    if (entry.pending && this.isAlreadyStored(entry, entry.pending.position)) entry.pending = undefined;
  }

  /** MongoDB guard: the stored document already reflects the event at `position`. */
  private isAlreadyStored(entry: Entry, position: GlobalPosition): boolean {
    const stored = entry.loaded?.document;
    return this.reader.guardsWritesByPosition && stored !== undefined && position <= stored.position;
  }

  private entry(collection: string, id: string): Entry {
    let documents = this.entries.get(collection);
    if (!documents) this.entries.set(collection, (documents = new Map()));
    let entry = documents.get(id);
    if (!entry) documents.set(id, (entry = {}));
    return entry;
  }
}
