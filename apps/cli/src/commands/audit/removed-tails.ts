import type { EventStore, GlobalPosition } from '@casetrail/eventstore';
import { findEach, type ReadModelStore } from '@casetrail/readmodels';
import { ALL_PROJECTIONS } from '@casetrail/readmodels/all-projections';
import { CASES, type CaseDocument } from '@casetrail/readmodels/cases/cases.projection';

/**
 * Evidence that events were removed from the end of a stream or of the log. A hash chain cannot
 * show that by itself: without its last events a stream is a shorter chain, whole. The read models
 * remember what they were built from, though: each case's row names the revision and event it last
 * applied, and each projection its position in the log. More than the log now holds means events
 * were taken away after the read models saw them (or the read models come from another log).
 */
export type RemovedTail =
  | { kind: 'stream'; stream: string; seenRevision: number; seenEventId: string; lastRevision: number | null }
  | { kind: 'log'; projection: string; seenPosition: GlobalPosition; headPosition: GlobalPosition };

const PAGE = 1_000;

/**
 * Compared with the log as it stands after what the read models saw was read, never before: a
 * projection (or a case's row) that moved on while the log was walked only saw events appended
 * meanwhile, which are in the log by then. Only what the log still lacks is reported.
 */
export async function findRemovedTails(
  readModels: ReadModelStore,
  eventStore: Pick<EventStore, 'headPosition' | 'readStream'>,
  lastRevisionWalked: (stream: string) => number | undefined,
): Promise<RemovedTail[]> {
  const found: RemovedTail[] = [];
  const seen = await Promise.all(ALL_PROJECTIONS.map(({ name }) => readModels.getCheckpoint(name)));
  const headPosition = await eventStore.headPosition();
  ALL_PROJECTIONS.forEach(({ name }, index) => {
    if (seen[index] > headPosition)
      found.push({ kind: 'log', projection: name, seenPosition: seen[index], headPosition });
  });
  const cases = findEach<CaseDocument>(
    readModels,
    CASES,
    { orderBy: [{ field: 'id', direction: 'asc' }] },
    PAGE,
  );
  for await (const row of cases) {
    const stream = `case-${row.id}`;
    const walked = lastRevisionWalked(stream);
    if (walked !== undefined && walked >= row.revision) continue;
    // Behind what the row saw: look at the stream's end now (the row may be newer than the walk).
    const [last] = await eventStore.readStream(stream, { direction: 'backwards', maxCount: 1 });
    if (last && last.revision >= row.revision) continue;
    found.push({
      kind: 'stream',
      stream,
      seenRevision: row.revision,
      seenEventId: row.lastEventId,
      lastRevision: last?.revision ?? null,
    });
  }
  return found;
}

/** One line an operator can act on. */
export function describeRemovedTail(tail: RemovedTail): string {
  if (tail.kind === 'log') {
    return `the log ends at position ${tail.headPosition}, but the ${tail.projection} read models applied events up to ${tail.seenPosition}: events were removed from the end of the log`;
  }
  const ends =
    tail.lastRevision === null ? 'the stream is gone' : `the stream ends at revision ${tail.lastRevision}`;
  return `${tail.stream}: the read models applied revision ${tail.seenRevision} (event ${tail.seenEventId}), but ${ends}: events were removed from its end`;
}
