import type { RecordedEvent } from '@casetrail/eventstore';
import { SqliteReadModelStore } from '@casetrail/readmodels';
import { ALL_PROJECTIONS } from '@casetrail/readmodels/all-projections';
import { CASES, casesProjection } from '@casetrail/readmodels/cases/cases.projection';
import { findRemovedTails } from './removed-tails';

/** The read models saw case-c1 up to revision 5 and every projection up to position 10. */
async function readModelsThatSaw(): Promise<SqliteReadModelStore> {
  const store = new SqliteReadModelStore(':memory:');
  await store.ensureCollections(casesProjection.collections);
  for (const { name } of ALL_PROJECTIONS) {
    await store.applyBatch(name, [{ position: 10 }], (_, tx) => {
      if (name === casesProjection.name) tx.put(CASES, 'c1', { id: 'c1', revision: 5, lastEventId: 'e5' });
    });
  }
  return store;
}

/** An event store whose head and last revision of case-c1 are as given, now. */
const logNow = (head: number, lastRevision: number | undefined) => ({
  headPosition: async () => head,
  readStream: async () =>
    (lastRevision === undefined ? [] : [{ revision: lastRevision } as RecordedEvent]) as RecordedEvent[],
});

describe('events removed from the end of a stream or of the log', () => {
  it('are not seen in events appended while the log was walked (the read models moved on meanwhile)', async () => {
    const readModels = await readModelsThatSaw();
    // The walk ended at position 8 and revision 3; the log has grown to 12 and revision 5 since.
    expect(await findRemovedTails(readModels, logNow(12, 5), () => 3)).toEqual([]);
  });

  it('are named when the log lacks what the read models applied', async () => {
    const readModels = await readModelsThatSaw();
    const removed = await findRemovedTails(readModels, logNow(9, 4), () => 4);
    expect(removed).toContainEqual({
      kind: 'stream',
      stream: 'case-c1',
      seenRevision: 5,
      seenEventId: 'e5',
      lastRevision: 4,
    });
    expect(removed).toContainEqual({ kind: 'log', projection: 'cases', seenPosition: 10, headPosition: 9 });
  });
});
