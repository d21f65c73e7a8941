import type { GlobalPosition } from '@casetrail/eventstore';

/** Positions `from` to `to` (inclusive) hold no event. */
export interface MissingPositions {
  from: GlobalPosition;
  to: GlobalPosition;
}

/**
 * Finds the positions missing from a log that numbers its events 1, 2, 3, … without gaps (the
 * SQLite store: see `Evidence.gaplessPositions`), while the log is walked once in position order.
 * Every one is an event deleted from the middle of the log, whatever stream it belonged to: a
 * stream that lost its last events, or every event, still has whole hash chains. What is missing
 * after the last event read is a removed tail, which only what the read models applied can show
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
    return this.ranges.reduce((sum, { from, to }) => sum + to - from + 1, 0);
  }
}

/** One line an operator can act on. */
export function describeMissingPositions({ from, to }: MissingPositions): string {
  const where = from === to ? `position ${from}` : `positions ${from}-${to}`;
  const events = to - from + 1;
  const deleted = events === 1 ? '1 event was deleted' : `${events} events were deleted`;
  return `the log skips ${where}: the SQLite store numbers events without gaps and never deletes one, so ${deleted} there`;
}
