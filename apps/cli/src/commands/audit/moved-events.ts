import type { GlobalPosition, RecordedEvent } from '@casetrail/eventstore';
import { describePositions, type MissingPositions } from './missing-positions';

/**
 * An event the log holds out of its stream's order. A store appends a stream's events in revision
 * order, each at the next position of the log, so a stream's positions rise with its revisions;
 * when they do not, a position was changed after the event was written (the event moved, or two
 * events swapped places). Positions are not hashed, so the stream's chain can be whole all the
 * same: the event is still there, only elsewhere in the log.
 */
export interface MovedEvent {
  stream: string;
  revision: number;
  eventId: string;
  position: GlobalPosition;
  /** The nearest event of the stream, in order, that the log holds on the wrong side of this one. */
  passed: { revision: number; position: GlobalPosition; side: 'after' | 'before' };
  /**
   * Where the store appended it: between the positions of the stream's in-order events around it
   * (exclusive; `before` null when none follows).
   */
  slot: { after: GlobalPosition; before: GlobalPosition | null };
  /** The run of missing positions in its slot, one of which it left (see `explainMissingPositions`). */
  leftEmpty?: MissingPositions;
  /** The run the log skips just before it, which its move past the log's end explains. */
  skippedBefore?: MissingPositions;
}

/**
 * The fewest events of a stream (in revision order) that, taken out, leave the rest in log order:
 * those off a longest run of rising positions. One event moved is named alone, not with every
 * event it was moved past; of two events that swapped places, one is named, with the other.
 */
export function findMovedEvents(events: readonly RecordedEvent[]): MovedEvent[] {
  const inOrder = longestRisingRun(events.map((event) => event.position));
  const moved: MovedEvent[] = [];
  events.forEach((event, index) => {
    if (inOrder.has(index)) return;
    const previous = nearest(events, inOrder, index, -1);
    const next = nearest(events, inOrder, index, +1);
    // Off a longest rising run, the event is past the next in-order one or before the previous one.
    const passed =
      next && event.position > next.position
        ? { revision: next.revision, position: next.position, side: 'after' as const }
        : { revision: previous!.revision, position: previous!.position, side: 'before' as const };
    moved.push({
      stream: event.stream,
      revision: event.revision,
      eventId: event.id,
      position: event.position,
      passed,
      slot: { after: previous?.position ?? 0, before: next?.position ?? null },
    });
  });
  return moved;
}

/** One line an operator can act on. */
export function describeMovedEvent(event: MovedEvent): string {
  const { passed, leftEmpty, skippedBefore } = event;
  const left = leftEmpty
    ? `; it left ${leftEmpty.from === leftEmpty.to ? '' : 'one of '}${describePositions(leftEmpty)} empty`
    : '';
  const skipped = skippedBefore
    ? `; the log skips ${describePositions(skippedBefore)} just before it, not counted as deleted: an event ` +
      'moved past the end of the log leaves such a run, which need never have held events (the store ' +
      'numbers a new event one past the highest position)'
    : '';
  return (
    `${event.stream} revision ${event.revision} (event ${event.eventId}) is at position ${event.position}, ` +
    `${passed.side} revision ${passed.revision} at position ${passed.position}: the store appends a stream's ` +
    `events in order, so its position in the log was changed (the event moved, or swapped places with another)${left}${skipped}`
  );
}

/** The nearest in-order event before (`step` -1) or after (+1) `index`. */
function nearest(
  events: readonly RecordedEvent[],
  inOrder: ReadonlySet<number>,
  index: number,
  step: -1 | 1,
): RecordedEvent | undefined {
  for (let other = index + step; other >= 0 && other < events.length; other += step) {
    if (inOrder.has(other)) return events[other];
  }
  return undefined;
}

/**
 * The indexes of a longest strictly rising subsequence of `values` (patience sorting, O(n log n)).
 * Of several, the one that keeps each length's last value lowest: an event moved later in the log
 * is the one left out, not the ones it was moved past.
 */
function longestRisingRun(values: readonly number[]): Set<number> {
  /** `ends[length - 1]`: the index ending the rising run of that length whose last value is lowest. */
  const ends: number[] = [];
  const previous: number[] = [];
  values.forEach((value, index) => {
    let low = 0;
    let high = ends.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (values[ends[middle]] < value) low = middle + 1;
      else high = middle;
    }
    previous[index] = low > 0 ? ends[low - 1] : -1;
    ends[low] = index;
  });
  const run = new Set<number>();
  for (let index = ends.at(-1) ?? -1; index >= 0; index = previous[index]) run.add(index);
  return run;
}
