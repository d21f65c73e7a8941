import type { GlobalPosition } from '@casetrail/eventstore';
import type { MovedEvent } from './moved-events';

/** Positions `from` to `to` (inclusive) hold no event. */
export interface MissingPositions {
  from: GlobalPosition;
  to: GlobalPosition;
}

/**
 * Finds the positions missing from a log that numbers its events 1, 2, 3, … without gaps (the
 * SQLite store: see `Evidence.gaplessPositions`), while the log is walked once in position order.
 * Each is an event deleted from the middle of the log, whatever stream it belonged to, unless the
 * event is elsewhere in the log, its position changed (`explainMissingPositions`). A stream that
 * lost its last events, or every event, still has whole hash chains. What is missing after the last
 * event read is a removed tail, which only what the read models applied can show
 * (`findRemovedTails`).
 */
export class MissingPositionFinder {
  private readonly ranges: MissingPositions[] = [];
  private last: GlobalPosition = 0;

  accept(position: GlobalPosition): void {
    if (position > this.last + 1) this.ranges.push({ from: this.last + 1, to: position - 1 });
    this.last = Math.max(this.last, position);
  }

  get missing(): readonly MissingPositions[] {
    return this.ranges;
  }

  /** How many positions are missing in all. */
  get count(): number {
    return this.ranges.reduce((sum, range) => sum + size(range), 0);
  }
}

/** A run of missing positions whose events, all or some, were deleted. */
export interface DeletedPositions extends MissingPositions {
  /** How many events were deleted there: the run's positions less those `movedAway`. */
  deleted: number;
  /** Positions of the run that held an event the log now holds elsewhere (absent: none). */
  movedAway?: number;
  /**
   * The streams whose end the run probably held: the read models show they lost it, and what is
   * left of them comes before the run (absent: none known).
   */
  endOf?: { stream: string; evidence: string }[];
  /**
   * Streams whose end the run may have held, or not: they lost fewer events than were deleted after
   * their last remaining one, so some of those were another stream's, and which cannot be told.
   */
  mayBeEndOf?: { stream: string; evidence: string; lostEvents: number; deletedAfterItsEnd: number }[];
}

/** The missing positions, once the events the log holds out of their stream's order are known. */
export interface PositionsVerdict {
  deleted: DeletedPositions[];
  /** How many events were deleted in all. */
  deletedCount: number;
  /** The moved events, each with what it explains of the missing positions. */
  moved: MovedEvent[];
}

/**
 * Which missing positions are deleted events, and which the moved events explain. A moved event
 * was appended between the positions of its stream's in-order events around it (its `slot`): one
 * position of a run missing there is the one it left. An event moved past the log's end leaves the
 * positions between the end and its new one empty, and the store numbers the next event one past
 * it, so those positions may never have held an event: a run ending just before an event moved
 * later in the log is counted as skipped by that move, not as deleted events. (Events deleted there
 * before an event was moved into the hole they left would go uncounted; the move is reported, and
 * a deleted event's stream shows a missing revision unless it was the stream's last.)
 */
export function explainMissingPositions(
  ranges: readonly MissingPositions[],
  movedEvents: readonly MovedEvent[],
): PositionsVerdict {
  const movedLater = new Map(
    movedEvents.filter((event) => event.passed.side === 'after').map((event) => [event.position, event]),
  );
  const skippedBefore = new Map<string, MissingPositions>();
  const runs = ranges.filter((range) => {
    const mover = movedLater.get(range.to + 1);
    if (mover) skippedBefore.set(mover.eventId, range);
    return mover === undefined;
  });

  const movedAway = new Map<MissingPositions, number>();
  const leftEmpty = new Map<string, MissingPositions>();
  for (const event of movedEvents) {
    const { after, before } = event.slot;
    const run = runs.find(
      (range) =>
        range.to > after &&
        (before === null || range.from < before) &&
        (movedAway.get(range) ?? 0) < size(range),
    );
    if (!run) continue;
    movedAway.set(run, (movedAway.get(run) ?? 0) + 1);
    leftEmpty.set(event.eventId, run);
  }

  const deleted = runs
    .map((range) => {
      const away = movedAway.get(range) ?? 0;
      return { ...range, deleted: size(range) - away, ...(away > 0 ? { movedAway: away } : {}) };
    })
    .filter((run) => run.deleted > 0);
  const moved = movedEvents.map((event) => {
    const left = leftEmpty.get(event.eventId);
    const skipped = skippedBefore.get(event.eventId);
    return { ...event, ...(left ? { leftEmpty: left } : {}), ...(skipped ? { skippedBefore: skipped } : {}) };
  });
  return { deleted, deletedCount: deleted.reduce((sum, run) => sum + run.deleted, 0), moved };
}

/** One line an operator can act on. */
export function describeMissingPositions(run: DeletedPositions): string {
  const where = describePositions(run);
  const deleted = run.deleted === 1 ? '1 event was deleted' : `${run.deleted} events were deleted`;
  const moved = run.movedAway
    ? `; ${run.movedAway} of them held ${run.movedAway === 1 ? 'an event' : 'events'} now elsewhere in the log (MOVED)`
    : '';
  return `the log skips ${where}: the SQLite store numbers events without gaps and never deletes one${moved}, so ${deleted} there`;
}

/** `position 7`, `positions 26-998`. */
export function describePositions({ from, to }: MissingPositions): string {
  return from === to ? `position ${from}` : `positions ${from}-${to}`;
}

function size({ from, to }: MissingPositions): number {
  return to - from + 1;
}
