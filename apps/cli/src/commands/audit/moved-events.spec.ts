import type { RecordedEvent } from '@casetrail/eventstore';
import { describeMovedEvent, findMovedEvents } from './moved-events';

/** A stream whose revision `index` sits at `positions[index]` of the log. */
const stream = (positions: number[]): RecordedEvent[] =>
  positions.map((position, revision) => ({
    id: `e${revision}`,
    stream: 'case-1',
    revision,
    position,
    type: 'Noted',
    data: {},
    metadata: { actor: 'a', correlationId: 'c', schemaVersion: 1 },
    recordedAt: '2026-01-01T00:00:00.000Z',
  }));

const moved = (positions: number[]) =>
  findMovedEvents(stream(positions)).map(({ revision, position, passed, slot }) => ({
    revision,
    position,
    passed,
    slot,
  }));

describe('findMovedEvents', () => {
  it('finds nothing in a stream whose positions rise with its revisions', () => {
    expect(moved([1, 4, 9, 30])).toEqual([]);
    expect(moved([])).toEqual([]);
  });

  it('names the one event moved later in the log, not the events it was moved past', () => {
    expect(moved([2, 999, 7, 12, 20])).toEqual([
      {
        revision: 1,
        position: 999,
        passed: { revision: 2, position: 7, side: 'after' },
        slot: { after: 2, before: 7 },
      },
    ]);
  });

  it('names the one event moved earlier in the log, before the one it should follow', () => {
    expect(moved([5, 6, 7, 1])).toEqual([
      {
        revision: 3,
        position: 1,
        passed: { revision: 2, position: 7, side: 'before' },
        slot: { after: 7, before: null },
      },
    ]);
  });

  it('names one of two events that swapped places, next to the other', () => {
    expect(moved([1, 2, 4, 3, 5])).toEqual([
      {
        revision: 2,
        position: 4,
        passed: { revision: 3, position: 3, side: 'after' },
        slot: { after: 2, before: 3 },
      },
    ]);
  });

  it('says where the event is, what it passed, and that its position was changed', () => {
    const [event] = findMovedEvents(stream([2, 999, 7]));
    expect(describeMovedEvent(event)).toBe(
      "case-1 revision 1 (event e1) is at position 999, after revision 2 at position 7: the store appends a stream's events in order, so its position in the log was changed (the event moved, or swapped places with another)",
    );
    expect(describeMovedEvent({ ...event, leftEmpty: { from: 3, to: 3 } })).toMatch(
      /; it left position 3 empty$/,
    );
    expect(describeMovedEvent({ ...event, leftEmpty: { from: 3, to: 5 } })).toMatch(
      /; it left one of positions 3-5 empty$/,
    );
    expect(describeMovedEvent({ ...event, skippedBefore: { from: 26, to: 998 } })).toContain(
      '; the log skips positions 26-998 just before it, not counted as deleted: an event moved past the end of the log leaves such a run',
    );
  });
});
