import type { GlobalPosition } from '@casetrail/eventstore';
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

export async function findRemovedTails(
  readModels: ReadModelStore,
  headPosition: GlobalPosition,
  lastRevisionOf: (stream: string) => number | undefined,
): Promise<RemovedTail[]> {
  const found: RemovedTail[] = [];
  for (const { name } of ALL_PROJECTIONS) {
    const seenPosition = await readModels.getCheckpoint(name);
    if (seenPosition > headPosition)
      found.push({ kind: 'log', projection: name, seenPosition, headPosition });
  }
  const cases = findEach<CaseDocument>(
    readModels,
    CASES,
    { orderBy: [{ field: 'id', direction: 'asc' }] },
    PAGE,
  );
  for await (const row of cases) {
    const stream = `case-${row.id}`;
    const lastRevision = lastRevisionOf(stream);
    if (lastRevision !== undefined && lastRevision >= row.revision) continue;
    found.push({
      kind: 'stream',
      stream,
      seenRevision: row.revision,
      seenEventId: row.lastEventId,
      lastRevision: lastRevision ?? null,
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
