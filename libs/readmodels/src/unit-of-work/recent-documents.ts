import type { GlobalPosition } from '@casetrail/eventstore';
import type { Doc } from '../read-model-store.port';
import type { BatchWrite } from './batch-unit-of-work';

/**
 * The documents a projection wrote in its latest batches, as the frozen objects the batches
 * built, so the next batch reads them without a query and a JSON.parse. During a catch-up or a
 * rebuild most events touch cases the previous batches just wrote.
 *
 * Only valid while nobody else writes the projection's collections. Every write of a projection
 * moves its checkpoint, so the cache remembers the checkpoint it is current at and is dropped
 * when the stored checkpoint says another runner (or a reset) has been there since.
 * Bounded: the least recently used documents go first.
 */
export class RecentDocuments {
  private readonly documents = new Map<string, Readonly<Doc>>();
  /** The checkpoint these documents are current at. */
  private position: GlobalPosition = -1;

  constructor(private readonly capacity: number) {}

  /** Drop everything unless the store is still at the checkpoint this cache last saw. */
  validateAt(checkpoint: GlobalPosition): void {
    if (checkpoint === this.position) return;
    this.documents.clear();
    this.position = checkpoint;
  }

  get(collection: string, id: string): Readonly<Doc> | undefined {
    const key = keyOf(collection, id);
    const doc = this.documents.get(key);
    if (doc === undefined) return undefined;
    // Most recently used last: Map keeps insertion order.
    this.documents.delete(key);
    this.documents.set(key, doc);
    return doc;
  }

  /** Record a batch that was stored, and the checkpoint it moved to. */
  remember(writes: BatchWrite[], position: GlobalPosition): void {
    for (const write of writes) {
      const key = keyOf(write.collection, write.id);
      this.documents.delete(key);
      if (write.document) this.documents.set(key, write.document.doc);
    }
    for (const key of this.documents.keys()) {
      if (this.documents.size <= this.capacity) break;
      this.documents.delete(key);
    }
    this.position = position;
  }
}

function keyOf(collection: string, id: string): string {
  return `${collection}\u0000${id}`;
}
