import {
  CheckpointConflictError,
  type ProjectionTransaction,
  type ReadModelStore,
} from '@casetrail/readmodels';

const WRITE_RETRIES = 10;

/**
 * A write to the read-model store that no projection makes (delivery state, keyed no-ops). The
 * port writes only through `applyBatch`, which is what we want: each change is a one-entry batch
 * under the journal's own sequence number (its checkpoint plus one), stored atomically with that
 * number. On SQLite a concurrent writer moves the number and the loser's write is refused; on
 * MongoDB writes are guarded by the same number. Either way the change is tried again on fresh
 * state, up to ten times.
 */
export async function writeInJournal<T>(
  readModels: ReadModelStore,
  journal: string,
  change: (tx: ProjectionTransaction) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const sequence = (await readModels.getCheckpoint(journal)) + 1;
    let applied = false;
    let result!: T;
    try {
      await readModels.applyBatch(journal, [{ position: sequence }], async (_entry, tx) => {
        result = await change(tx);
        applied = true;
      });
    } catch (error) {
      if (!(error instanceof CheckpointConflictError) || attempt >= WRITE_RETRIES) throw error;
      continue;
    }
    // Not applied: another writer took this sequence number between our read and the batch.
    if (applied) return result;
    if (attempt >= WRITE_RETRIES) throw new Error(`Could not write to ${journal} after ${attempt} tries`);
  }
}
