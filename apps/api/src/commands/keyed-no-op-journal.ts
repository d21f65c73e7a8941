import type { CollectionDefinition, ReadModelStore } from '@casetrail/readmodels';
import { writeInJournal } from '../storage/journal-write';
import type { NoOpAnswer } from './keyed-no-ops';

/** One keyed command that changed nothing, as stored: its answer and when it was given. */
interface StoredNoOp extends NoOpAnswer {
  id: string;
  /** When it was answered (ISO instant): the record serves retries for `ttlMs` from then. */
  at: string;
}

export const KEYED_NO_OPS_COLLECTION: CollectionDefinition = { name: 'keyed_no_ops', indexedFields: ['at'] };
/** The checkpoint name that sequences the journal's writes (as the delivery journal's does). */
export const KEYED_NO_OPS_JOURNAL = 'keyed-no-ops-journal';
const DAY_MS = 24 * 60 * 60 * 1000;
/** Expired records removed per write: the journal shrinks as it grows, a write never does much. */
const PRUNE_PER_WRITE = 20;

/**
 * The durable memory of keyed commands that changed nothing, shared by every process on the same
 * read models: a retry after a restart, or on another API instance, answers as the command first
 * did instead of being decided again (a retried "assign eve" undid a later "assign bob").
 *
 * It lives in the read-model store (`writeInJournal`, as delivery state does), because that is the
 * store every process already shares. Losing the read models loses it with them: retries are then
 * decided afresh, as before it existed. Records serve for `ttlMs` (a day), retries come within that.
 */
export class KeyedNoOpJournal {
  private ready?: Promise<void>;

  constructor(
    private readonly readModels: ReadModelStore,
    private readonly ttlMs = DAY_MS,
    private readonly now: () => number = Date.now,
  ) {}

  async remember(commandId: string, answer: NoOpAnswer): Promise<void> {
    await this.ensureCollection();
    const at = this.now();
    const expiredBefore = new Date(at - this.ttlMs).toISOString();
    await writeInJournal(this.readModels, KEYED_NO_OPS_JOURNAL, async (tx) => {
      const record: StoredNoOp = { id: commandId, ...answer, at: new Date(at).toISOString() };
      tx.put(KEYED_NO_OPS_COLLECTION.name, commandId, record);
      const expired = await tx.findIds(KEYED_NO_OPS_COLLECTION.name, { at: { lt: expiredBefore } });
      for (const id of expired.slice(0, PRUNE_PER_WRITE)) tx.delete(KEYED_NO_OPS_COLLECTION.name, id);
    });
  }

  async recall(commandId: string): Promise<NoOpAnswer | undefined> {
    await this.ensureCollection();
    const record = await this.readModels.get<StoredNoOp>(KEYED_NO_OPS_COLLECTION.name, commandId);
    if (!record || this.now() - Date.parse(record.at) > this.ttlMs) return undefined;
    const { stream, revision, requestHash } = record;
    return { stream, revision, ...(requestHash !== undefined ? { requestHash } : {}) };
  }

  private ensureCollection(): Promise<void> {
    this.ready ??= this.readModels.ensureCollections([KEYED_NO_OPS_COLLECTION]).catch((error: unknown) => {
      // Tried again by the next command rather than failing every one after a passing fault.
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }
}
