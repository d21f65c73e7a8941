import type { MovedEvent } from './moved-events';
import {
  describeMissingPositions,
  explainMissingPositions,
  MissingPositionFinder,
} from './missing-positions';

const walk = (positions: number[]) => {
  const finder = new MissingPositionFinder();
  positions.forEach((position) => finder.accept(position));
  return finder;
};

/** An event of case-1 at `position`, appended between positions `after` and `before` of its stream. */
function movedEvent(
  eventId: string,
  position: number,
  slot: MovedEvent['slot'],
  side: 'after' | 'before' = 'after',
): MovedEvent {
  const passed = side === 'after' ? slot.before! : slot.after;
  return {
    stream: 'case-1',
    revision: 1,
    eventId,
    position,
    passed: { revision: 2, position: passed, side },
    slot,
  };
}

describe('MissingPositionFinder', () => {
  it('finds nothing missing in a log numbered 1, 2, 3, … (nor in an empty one)', () => {
    expect(walk([1, 2, 3, 4]).missing).toEqual([]);
    expect(walk([]).missing).toEqual([]);
  });

  it('names each run of missing positions, from the first one on, and counts them', () => {
    const finder = walk([3, 4, 6, 10, 11]);
    expect(finder.missing).toEqual([
      { from: 1, to: 2 },
      { from: 5, to: 5 },
      { from: 7, to: 9 },
    ]);
    expect(finder.count).toBe(6);
  });

  it('says which positions and how many events', () => {
    expect(describeMissingPositions({ from: 5, to: 5, deleted: 1 })).toMatch(
      /^the log skips position 5: .*, so 1 event was deleted there$/,
    );
    expect(describeMissingPositions({ from: 7, to: 9, deleted: 3 })).toMatch(
      /^the log skips positions 7-9: .*, so 3 events were deleted there$/,
    );
    expect(describeMissingPositions({ from: 5, to: 9, deleted: 4, movedAway: 1 })).toMatch(
      /^the log skips positions 5-9: .*; 1 of them held an event now elsewhere in the log \(MOVED\), so 4 events were deleted there$/,
    );
  });
});

describe('explainMissingPositions', () => {
  it('counts every missing position as a deleted event when no event moved', () => {
    const verdict = explainMissingPositions(walk([1, 3, 4, 8]).missing, []);
    expect(verdict.deleted).toEqual([
      { from: 2, to: 2, deleted: 1 },
      { from: 5, to: 7, deleted: 3 },
    ]);
    expect(verdict.deletedCount).toBe(4);
  });

  it('deletes nothing where one event was moved past the end of the log: the position it left, and those it jumped', () => {
    // 25 events; the one at 7 (between its stream's events at 3 and 12) moved to 999.
    const positions = [...Array.from({ length: 25 }, (_, index) => index + 1).filter((p) => p !== 7), 999];
    const ranges = walk(positions).missing;
    expect(ranges).toEqual([
      { from: 7, to: 7 },
      { from: 26, to: 998 },
    ]);
    const moved = movedEvent('e1', 999, { after: 3, before: 12 });
    const verdict = explainMissingPositions(ranges, [moved]);
    expect(verdict.deleted).toEqual([]);
    expect(verdict.deletedCount).toBe(0);
    expect(verdict.moved).toEqual([
      { ...moved, leftEmpty: { from: 7, to: 7 }, skippedBefore: { from: 26, to: 998 } },
    ]);
  });

  it('still counts the other positions of a run as deleted events', () => {
    // Positions 5-8 missing: the event moved from there, and three deleted.
    const moved = movedEvent('e1', 40, { after: 4, before: 12 });
    const verdict = explainMissingPositions(
      [
        { from: 5, to: 8 },
        { from: 20, to: 21 },
      ],
      [moved],
    );
    expect(verdict.deleted).toEqual([
      { from: 5, to: 8, deleted: 3, movedAway: 1 },
      { from: 20, to: 21, deleted: 2 },
    ]);
    expect(verdict.deletedCount).toBe(5);
    expect(verdict.moved[0]).toMatchObject({ leftEmpty: { from: 5, to: 8 } });
    expect(verdict.moved[0]).not.toHaveProperty('skippedBefore');
  });

  it('does not take a run just before an event moved earlier in the log as a jump', () => {
    // Moved earlier, to 30, into the gap events deleted at 28-29 left: those stay deleted.
    const moved = movedEvent('e1', 30, { after: 40, before: 50 }, 'before');
    const verdict = explainMissingPositions(
      [
        { from: 28, to: 29 },
        { from: 45, to: 45 },
      ],
      [moved],
    );
    expect(verdict.deleted).toEqual([{ from: 28, to: 29, deleted: 2 }]);
    expect(verdict.moved[0]).toMatchObject({ leftEmpty: { from: 45, to: 45 } });
  });

  it('explains no gap by two events swapped in place, which leave none', () => {
    const moved = movedEvent('e1', 4, { after: 2, before: 3 });
    const verdict = explainMissingPositions([{ from: 10, to: 10 }], [moved]);
    expect(verdict.deleted).toEqual([{ from: 10, to: 10, deleted: 1 }]);
    expect(verdict.moved).toEqual([moved]);
  });
});
