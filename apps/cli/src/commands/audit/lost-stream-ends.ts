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
import type { MissingPositions } from './missing-positions';
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
  const found = new Map<string, string>();
  for (const tail of removed) {
    if (tail.kind === 'stream')
      found.set(tail.stream, `the read models applied its revision ${tail.seenRevision}, past its end`);
    if (tail.kind === 'stream-gone')
      found.set(tail.stream, `the ${tail.projection} read models were built from it`);
  }
  for (const { stream, evidence } of await rowsARebuildDoesNotReproduce(eventStore, readModels)) {
    if (!found.has(stream)) found.set(stream, evidence);
  }
  const ends: LostStreamEnd[] = [];
  for (const [stream, evidence] of found) {
    const [last] = await eventStore.readStream(stream, { direction: 'backwards', maxCount: 1 });
    ends.push({ stream, evidence, lastPosition: last?.position ?? null });
  }
  return ends;
}

/**
 * Of the streams that lost their end, those that can have held events missing from `run`: their
 * remaining events all come before it (a stream is appended in order, so its end came last).
 */
export function endsThatFit(run: MissingPositions, ends: readonly LostStreamEnd[]): LostStreamEnd[] {
  return ends.filter((end) => end.lastPosition === null || end.lastPosition < run.from);
}

/** A line naming the stream (or streams) whose end the missing positions probably held. */
export function describeLostStreamEnds(ends: readonly Pick<LostStreamEnd, 'stream' | 'evidence'>[]): string {
  const named = ends.map((end) => `${end.stream} (${end.evidence})`);
  return ends.length === 1
    ? `what was deleted there was probably the end of ${named[0]}`
    : `what was deleted there was probably the end of one of: ${named.join('; ')}`;
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
