import type { GlobalPosition } from '@casetrail/eventstore';
import { SqliteReadModelStore, type Doc, type Projection } from '@casetrail/readmodels';
import {
  ACCOUNTS,
  accountsProjection,
  CASE_TEAM_MEMBERS,
} from '@casetrail/readmodels/accounts/accounts.projection';
import {
  LICENCES,
  licencesProjection,
  LICENSED_USERS,
} from '@casetrail/readmodels/licences/licences.projection';
import { compareCollection } from '../projections/read-model-diff';
import { replayInto } from '../projections/scratch-replay';
import type { EvidenceLog } from './evidence-log';
import type { DeletedPositions, MissingPositions } from './missing-positions';
import { readModelEvidenceOf, type ReadModelEvidence } from './read-model-evidence';
import type { RemovedTail } from './removed-tails';

/**
 * A stream the read models show lost its last events, with where its remaining events end: the
 * events missing from a run of positions after that may have been its end.
 */
export interface LostStreamEnd {
  stream: string;
  /** What shows it, in words. */
  evidence: string;
  /** The position of its last remaining event; null when none remains. */
  lastPosition: GlobalPosition | null;
  /**
   * How many events it lost, when the read models tell (a case's row names the revision it applied;
   * the account and licence rows only that the stream existed, or what it did).
   */
  lostEvents?: number;
}

/**
 * The stream of each document the account and licence read models hold. Their rows record no
 * revision to hold a stream against, but they hold what its events did: rebuilt from the log as it
 * is, they come out otherwise when an event of their stream was deleted (a user registered, or
 * removed, that the stream no longer says was).
 */
const STREAMS_OF_DOCUMENTS: { projection: Projection; streamOf: Record<string, (doc: Doc) => string> }[] = [
  {
    projection: accountsProjection,
    streamOf: {
      [ACCOUNTS]: (doc) => `account-${String(doc.id)}`,
      [CASE_TEAM_MEMBERS]: (doc) => `account-${String(doc.accountId)}`,
    },
  },
  {
    projection: licencesProjection,
    streamOf: {
      [LICENCES]: (doc) => `licence-${String(doc.id)}`,
      [LICENSED_USERS]: (doc) => `licence-${String(doc.licenceId)}`,
    },
  },
];

/** Documents differing from a rebuild looked at per collection: a deletion touches few. */
const DIFFERENCES_LOOKED_AT = 100;

/**
 * The streams the read models show lost their end: cases whose row applied a revision past the
 * stream's end, account and licence streams that are gone (both from the cross-check), and account
 * and licence streams whose read models a rebuild from the log does not reproduce. The rebuild
 * reads the log again, so `verify` asks for it only when the log skips positions no stream's chain
 * accounts for.
 */
export async function findLostStreamEnds(
  eventStore: EvidenceLog,
  readModels: ReadModelEvidence,
  removed: readonly RemovedTail[],
): Promise<LostStreamEnd[]> {
  const found = new Map<string, Pick<LostStreamEnd, 'evidence' | 'lostEvents'>>();
  for (const tail of removed) {
    if (tail.kind === 'stream')
      found.set(tail.stream, {
        evidence: `the read models applied its revision ${tail.seenRevision}, past its end`,
        lostEvents: tail.seenRevision - (tail.lastRevision ?? -1),
      });
    if (tail.kind === 'stream-gone')
      found.set(tail.stream, { evidence: `the ${tail.projection} read models were built from it` });
  }
  for (const { stream, evidence } of await rowsARebuildDoesNotReproduce(eventStore, readModels)) {
    if (!found.has(stream)) found.set(stream, { evidence });
  }
  const ends: LostStreamEnd[] = [];
  for (const [stream, lost] of found) {
    const [last] = await eventStore.readStream(stream, { direction: 'backwards', maxCount: 1 });
    ends.push({ stream, ...lost, lastPosition: last?.position ?? null });
  }
  return ends;
}

/**
 * Each run of deleted positions with the streams whose end it probably held (`endOf`), and those
 * that may have held some of it but cannot be told to (`mayBeEndOf`): a stream that lost N events
 * held at most N of the positions deleted after its last remaining event. When more were deleted
 * there, some were another stream's (one whose end the read models no longer show, after a rebuild,
 * say), and which of them were its own the log does not tell: naming it for each would have the
 * operator restore one stream many times over and never look for the other.
 */
export function ownersOfDeletedRuns(
  runs: readonly DeletedPositions[],
  ends: readonly LostStreamEnd[],
): DeletedPositions[] {
  const deletedAfter = new Map(
    ends.map((end) => [end, runs.filter((run) => fits(run, end)).reduce((sum, run) => sum + run.deleted, 0)]),
  );
  const overcommitted = (end: LostStreamEnd) =>
    end.lostEvents !== undefined && deletedAfter.get(end)! > end.lostEvents;
  return runs.map((run) => {
    const fitting = endsThatFit(run, ends);
    const probable = fitting.filter((end) => !overcommitted(end));
    const possible = fitting.filter(overcommitted);
    return {
      ...run,
      ...(probable.length > 0
        ? { endOf: probable.map(({ stream, evidence }) => ({ stream, evidence })) }
        : {}),
      ...(possible.length > 0
        ? {
            mayBeEndOf: possible.map((end) => ({
              stream: end.stream,
              evidence: end.evidence,
              lostEvents: end.lostEvents!,
              deletedAfterItsEnd: deletedAfter.get(end)!,
            })),
          }
        : {}),
    };
  });
}

/**
 * Of the streams that lost their end, those that can have held events missing from `run`: their
 * remaining events all come before it (a stream is appended in order, so its end came last).
 */
export function endsThatFit(run: MissingPositions, ends: readonly LostStreamEnd[]): LostStreamEnd[] {
  return ends.filter((end) => fits(run, end));
}

function fits(run: MissingPositions, end: LostStreamEnd): boolean {
  return end.lastPosition === null || end.lastPosition < run.from;
}

/** A line naming the stream (or streams) whose end the missing positions probably held. */
export function describeLostStreamEnds(ends: readonly Pick<LostStreamEnd, 'stream' | 'evidence'>[]): string {
  const named = ends.map((end) => `${end.stream} (${end.evidence})`);
  return ends.length === 1
    ? `what was deleted there was probably the end of ${named[0]}`
    : `what was deleted there was probably the end of one of: ${named.join('; ')}`;
}

/**
 * The line under a run of deleted positions on whose stream the read models tell something (see
 * ownersOfDeletedRuns); undefined when they tell nothing.
 */
export function describeRunOwners({
  endOf,
  mayBeEndOf,
}: Pick<DeletedPositions, 'endOf' | 'mayBeEndOf'>): string | undefined {
  const uncertain = (mayBeEndOf ?? []).map(
    (end) =>
      `${end.stream} (${end.evidence}), which lost ${end.lostEvents === 1 ? '1 event' : `${end.lostEvents} events`} while ${end.deletedAfterItsEnd} were deleted after its last remaining one (which of them it held cannot be told)`,
  );
  const mayBe = uncertain.join('; or of ');
  if (endOf && uncertain.length > 0)
    return `${describeLostStreamEnds(endOf)}; it may also have held the end of ${mayBe}`;
  if (endOf) return describeLostStreamEnds(endOf);
  if (uncertain.length > 0)
    return `whose events were deleted there is unknown: it may have been the end of ${mayBe}`;
  return undefined;
}

/** Account and licence streams whose documents in the live read models a rebuild comes out without. */
async function rowsARebuildDoesNotReproduce(
  eventStore: EvidenceLog,
  live: ReadModelEvidence,
): Promise<{ stream: string; evidence: string }[]> {
  const streams: { stream: string; evidence: string }[] = [];
  for (const { projection, streamOf } of STREAMS_OF_DOCUMENTS) {
    const scratch = new SqliteReadModelStore(':memory:');
    try {
      // Up to where the live ones are, so the two are comparable while a projector goes on.
      await replayInto(eventStore, scratch, projection, await live.getCheckpoint(projection.name));
      for (const [collection, stream] of Object.entries(streamOf)) {
        const { differences } = await compareCollection(
          live,
          readModelEvidenceOf(scratch),
          collection,
          DIFFERENCES_LOOKED_AT,
        );
        for (const { id } of differences) {
          const doc = (await live.get(collection, id)) ?? (await scratch.get(collection, id));
          if (doc)
            streams.push({
              stream: stream(doc),
              evidence: `its ${projection.name} read models hold ${collection} ${id} otherwise than its events make it`,
            });
        }
      }
    } finally {
      await scratch.close();
    }
  }
  return streams;
}
