import Database from 'better-sqlite3';
import type { LicenceEvent } from '@casetrail/domain';
import {
  licenceIssued,
  userInvited,
  userRegistered,
} from '@casetrail/domain/licences/testing/licence-events';
import { SqliteEventStore } from '@casetrail/eventstore';
import { SqliteReadModelStore } from '@casetrail/readmodels';
import { accountsProjection } from '@casetrail/readmodels/accounts/accounts.projection';
import { licencesProjection } from '@casetrail/readmodels/licences/licences.projection';
import { replayInto } from '../projections/scratch-replay';
import { EvidenceLog } from './evidence-log';
import {
  describeLostStreamEnds,
  describeRunOwners,
  endsThatFit,
  findLostStreamEnds,
  ownersOfDeletedRuns,
  type LostStreamEnd,
} from './lost-stream-ends';
import { readModelEvidenceOf, type ReadModelEvidence } from './read-model-evidence';

const AT = '2026-03-02T09:00:00.000Z';
const metadata = { actor: 'ops@vendor.example', correlationId: 'c', schemaVersion: 1 };

/** Licences lic-1 (issued, a user invited and registered) and lic-2 (issued), in that order. */
async function licences(): Promise<{ db: Database.Database; store: EvidenceLog }> {
  const db = new Database(':memory:');
  const events = new SqliteEventStore(db);
  const append = (stream: string, appended: LicenceEvent[]) =>
    events.append(
      stream,
      appended.map((event) => ({ ...event, metadata })),
      'no-stream',
    );
  await append('licence-lic-1', [
    licenceIssued(),
    userInvited('ann@acme.example', AT),
    userRegistered('ann@acme.example', AT),
  ]);
  await append('licence-lic-2', [licenceIssued({ licenceId: 'lic-2' })]);
  return { db, store: new EvidenceLog(events) };
}

/** Read models built from the log as it stands. */
async function readModelsOf(store: EvidenceLog): Promise<ReadModelEvidence> {
  const readModels = new SqliteReadModelStore(':memory:');
  const head = await store.headPosition();
  for (const projection of [accountsProjection, licencesProjection])
    await replayInto(store, readModels, projection, head);
  return readModelEvidenceOf(readModels);
}

describe('streams that lost their end', () => {
  it('finds none when the read models come out of the log as it is', async () => {
    const { store } = await licences();
    expect(await findLostStreamEnds(store, await readModelsOf(store), [])).toEqual([]);
  });

  it('name a licence whose last event was deleted: its rows hold what it did, though they record no revision', async () => {
    const { db, store } = await licences();
    const readModels = await readModelsOf(store);
    // The registration (position 3) deleted: the log now skips it, and lic-1 ends at position 2.
    db.prepare(`DELETE FROM events WHERE position = 3`).run();

    const ends = await findLostStreamEnds(store, readModels, []);
    expect(ends).toEqual([
      {
        stream: 'licence-lic-1',
        evidence:
          'its licences read models hold licensed_users lic-1|ann@acme.example otherwise than its events make it',
        lastPosition: 2,
      },
    ]);
    expect(endsThatFit({ from: 3, to: 3 }, ends)).toEqual(ends);
    // A stream whose remaining events go on past a run did not lose its end there.
    expect(endsThatFit({ from: 2, to: 2 }, ends)).toEqual([]);
    expect(describeLostStreamEnds(ends)).toBe(
      'what was deleted there was probably the end of licence-lic-1 (its licences read models hold licensed_users lic-1|ann@acme.example otherwise than its events make it)',
    );
  });

  it("take the cross-check's streams too: a case that lost its end, a licence that is gone", async () => {
    const { store } = await licences();
    const ends = await findLostStreamEnds(store, await readModelsOf(store), [
      { kind: 'stream', stream: 'licence-lic-2', seenRevision: 3, seenEventId: 'e3', lastRevision: 0 },
      {
        kind: 'stream-gone',
        stream: 'licence-lic-9',
        projection: 'licences',
        collection: 'licences',
        id: 'lic-9',
      },
    ]);
    expect(ends).toEqual([
      {
        stream: 'licence-lic-2',
        evidence: 'the read models applied its revision 3, past its end',
        lastPosition: 4,
        lostEvents: 3,
      },
      {
        stream: 'licence-lic-9',
        evidence: 'the licences read models were built from it',
        lastPosition: null,
      },
    ]);
    expect(describeLostStreamEnds(endsThatFit({ from: 5, to: 6 }, ends))).toMatch(
      /^what was deleted there was probably the end of one of: licence-lic-2 \(.+\); licence-lic-9 \(.+\)$/,
    );
  });

  describe('whose end each run of deleted positions held', () => {
    /** A case that lost one event (applied revision 3, ends at 2), its last remaining one at position 10. */
    const oneLost: LostStreamEnd = {
      stream: 'case-c6',
      evidence: 'the read models applied its revision 3, past its end',
      lastPosition: 10,
      lostEvents: 1,
    };
    const run = (position: number) => ({ from: position, to: position, deleted: 1 });

    it('names a stream that lost as many events as were deleted after its end', () => {
      expect(ownersOfDeletedRuns([run(12)], [oneLost])).toEqual([
        { ...run(12), endOf: [{ stream: 'case-c6', evidence: oneLost.evidence }] },
      ]);
    });

    it("names no owner of two deleted positions after the end of a stream that lost one event: one of them was another stream's", () => {
      const runs = ownersOfDeletedRuns([run(12), run(14)], [oneLost]);
      const mayBeEndOf = [
        { stream: 'case-c6', evidence: oneLost.evidence, lostEvents: 1, deletedAfterItsEnd: 2 },
      ];
      expect(runs).toEqual([
        { ...run(12), mayBeEndOf },
        { ...run(14), mayBeEndOf },
      ]);
      expect(describeRunOwners(runs[0])).toBe(
        'whose events were deleted there is unknown: it may have been the end of case-c6 (the read models applied its revision 3, past its end), which lost 1 event while 2 were deleted after its last remaining one (which of them it held cannot be told)',
      );
      // A run before its last remaining event was not its end.
      expect(ownersOfDeletedRuns([run(8), run(12)], [oneLost])[1]).toHaveProperty('endOf');
    });

    it('keeps naming a stream whose loss the read models do not count, beside one that cannot be told', () => {
      const gone: LostStreamEnd = {
        stream: 'licence-lic-9',
        evidence: 'the licences read models were built from it',
        lastPosition: null,
      };
      const [first] = ownersOfDeletedRuns([run(12), run(14)], [oneLost, gone]);
      expect(first).toMatchObject({
        endOf: [{ stream: 'licence-lic-9' }],
        mayBeEndOf: [{ stream: 'case-c6' }],
      });
      expect(describeRunOwners(first)).toMatch(
        /^what was deleted there was probably the end of licence-lic-9 \(.+\); it may also have held the end of case-c6 \(.+\), which lost 1 event while 2 were deleted after its last remaining one/,
      );
      expect(describeRunOwners({})).toBeUndefined();
    });
  });
});
