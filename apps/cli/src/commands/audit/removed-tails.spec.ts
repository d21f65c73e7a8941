import { SqliteReadModelStore } from '@casetrail/readmodels';
import { ACCOUNTS, accountsProjection } from '@casetrail/readmodels/accounts/accounts.projection';
import { ALL_PROJECTIONS } from '@casetrail/readmodels/all-projections';
import { CASES, casesProjection } from '@casetrail/readmodels/cases/cases.projection';
import { LICENCES, licencesProjection } from '@casetrail/readmodels/licences/licences.projection';
import { InMemoryEventStore } from '@casetrail/readmodels/testing/in-memory-event-store';
import { readModelEvidenceOf, type ReadModelEvidence } from './read-model-evidence';
import { crossCheckReadModels, describeChangedEvent, describeRemovedTail } from './removed-tails';

/**
 * The read models saw case-c1 up to revision 5 (event e5), account a1 and licence l1, and every
 * projection up to position 10.
 */
async function readModelsThatSaw(): Promise<ReadModelEvidence> {
  const store = new SqliteReadModelStore(':memory:');
  for (const projection of [casesProjection, accountsProjection, licencesProjection]) {
    // The rows below hold only what the audit reads: no state to compute a case's queue columns from.
    await store.ensureCollections(
      projection.collections.map(({ complete: _computed, ...definition }) => definition),
    );
  }
  for (const { name } of ALL_PROJECTIONS) {
    await store.applyBatch(name, [{ position: 10 }], (_, tx) => {
      if (name === casesProjection.name) tx.put(CASES, 'c1', { id: 'c1', revision: 5, lastEventId: 'e5' });
      if (name === accountsProjection.name) tx.put(ACCOUNTS, 'a1', { id: 'a1' });
      if (name === licencesProjection.name) tx.put(LICENCES, 'l1', { id: 'l1' });
    });
  }
  return readModelEvidenceOf(store);
}

/** A log whose streams hold events with these ids, revisions from 0, appended stream after stream. */
async function logNow(streams: Record<string, string[]>): Promise<InMemoryEventStore> {
  const store = new InMemoryEventStore();
  for (const [stream, ids] of Object.entries(streams)) {
    if (ids.length === 0) continue;
    await store.append(
      stream,
      ids.map((id) => ({
        id,
        type: 'Noted',
        data: {},
        metadata: { actor: 'a', correlationId: 'c', schemaVersion: 1 },
      })),
      'no-stream',
    );
  }
  return store;
}

const ids = (count: number) => Array.from({ length: count }, (_, index) => `e${index}`);
/** What the read models saw of the account's and the licence's streams is still there. */
const organisation = { 'account-a1': ['a0'], 'licence-l1': ['l0', 'l1'] };
/** The walk of the log saw these streams end at these events. */
const walkedUpTo =
  (ends: Record<string, { revision: number; id: string }>) =>
  (stream: string): { revision: number; id: string } | undefined =>
    ends[stream];

describe('events removed from the end of a stream or of the log', () => {
  it('are not seen in events appended while the log was walked (the read models moved on meanwhile)', async () => {
    const readModels = await readModelsThatSaw();
    // The walk ended at revision 3 of case-c1; the stream has grown to revision 5 since.
    const log = await logNow({ ...organisation, 'case-c1': ids(6), 'case-c2': ids(3) });
    expect(
      await crossCheckReadModels(readModels, log, walkedUpTo({ 'case-c1': { revision: 3, id: 'e3' } })),
    ).toEqual({
      removed: [],
      changed: [],
      seenUpTo: 10,
    });
  });

  it('are named when the log lacks what the read models applied', async () => {
    const readModels = await readModelsThatSaw();
    const log = await logNow({ ...organisation, 'case-c1': ids(5), 'case-c2': ids(1) });
    const { removed } = await crossCheckReadModels(
      readModels,
      log,
      walkedUpTo({ 'case-c1': { revision: 4, id: 'e4' } }),
    );
    expect(removed).toContainEqual({
      kind: 'stream',
      stream: 'case-c1',
      seenRevision: 5,
      seenEventId: 'e5',
      lastRevision: 4,
    });
    expect(removed).toContainEqual({ kind: 'log', projection: 'cases', seenPosition: 10, headPosition: 9 });
  });

  it("name an account's or a licence's stream that is gone, though their rows record no revision", async () => {
    const readModels = await readModelsThatSaw();
    const log = await logNow({ 'licence-l1': ['l0'], 'case-c1': ids(6), 'case-c2': ids(5) });
    const { removed } = await crossCheckReadModels(readModels, log, walkedUpTo({}));
    expect(removed).toEqual([
      { kind: 'stream-gone', stream: 'account-a1', projection: 'accounts', collection: ACCOUNTS, id: 'a1' },
    ]);
    expect(describeRemovedTail(removed[0])).toBe(
      'account-a1: the accounts read models were built from this stream (accounts a1), but the stream is gone: its events were removed',
    );
  });
});

describe('an event the read models applied that is no longer at its revision', () => {
  /** An event inserted at revision 2, with the chain computed again: the rest moved up by one. */
  const forged = ['e0', 'e1', 'forged', 'e2', 'e3', 'e4', 'e5'];

  it("is named when the walk ended at the row's revision", async () => {
    const readModels = await readModelsThatSaw();
    const log = await logNow({
      ...organisation,
      'case-c1': ['e0', 'e1', 'forged', 'e2', 'e3', 'e4'],
      x: ids(4),
    });
    const { changed } = await crossCheckReadModels(
      readModels,
      log,
      walkedUpTo({ 'case-c1': { revision: 5, id: 'e4' } }),
    );
    expect(changed).toEqual([{ stream: 'case-c1', revision: 5, appliedEventId: 'e5', eventIdNow: 'e4' }]);
    expect(describeChangedEvent(changed[0])).toBe(
      'case-c1: the read models applied event e5 as revision 5, but revision 5 is now event e4',
    );
  });

  it('is named when the stream goes on past what the read models applied', async () => {
    const readModels = await readModelsThatSaw();
    const log = await logNow({ ...organisation, 'case-c1': forged, x: ids(1) });
    const { changed, removed } = await crossCheckReadModels(
      readModels,
      log,
      walkedUpTo({ 'case-c1': { revision: 6, id: 'e5' } }),
    );
    expect(changed).toEqual([{ stream: 'case-c1', revision: 5, appliedEventId: 'e5', eventIdNow: 'e4' }]);
    expect(removed).toEqual([]);
  });

  it('is not reported while the read models are behind an untouched stream', async () => {
    const readModels = await readModelsThatSaw();
    const log = await logNow({ ...organisation, 'case-c1': ids(9), x: ids(1) });
    const { changed } = await crossCheckReadModels(
      readModels,
      log,
      walkedUpTo({ 'case-c1': { revision: 8, id: 'e8' } }),
    );
    expect(changed).toEqual([]);
  });
});
