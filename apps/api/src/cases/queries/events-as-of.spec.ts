import type { RecordedEvent } from '@casetrail/eventstore';
import { eventsAsOf } from './events-as-of';

const at = (minute: number) => `2026-03-02T09:${String(minute).padStart(2, '0')}:00.000Z`;

/** A stream whose event `revision` was recorded at `at(minutes[revision])`. */
function stream(minutes: number[]): RecordedEvent[] {
  return minutes.map((minute, revision) => ({
    id: `e${revision}`,
    stream: 'case-1',
    revision,
    position: revision + 1,
    type: 'Noted',
    data: {},
    metadata: { actor: 'a@example.com', correlationId: 'c', schemaVersion: 1 },
    recordedAt: at(minute),
  }));
}

const revisions = (events: readonly RecordedEvent[]) => events.map((event) => event.revision);

describe('eventsAsOf', () => {
  it('keeps the events recorded at or before the instant', () => {
    const events = stream([0, 1, 2, 3]);
    expect(revisions(eventsAsOf(events, Date.parse(at(2))))).toEqual([0, 1, 2]);
    expect(revisions(eventsAsOf(events, Date.parse(at(2)) - 1))).toEqual([0, 1]);
    expect(revisions(eventsAsOf(events, Date.parse(at(9))))).toEqual([0, 1, 2, 3]);
    expect(eventsAsOf(events, Date.parse(at(0)) - 1)).toEqual([]);
  });

  it('cuts the stream at the first event recorded after the instant, never skipping events to take a later one', () => {
    // Revision 7's time moved before revision 1's (as an edit of the file could): folding 0 and 7
    // without 1-6 would show a state the case never had.
    const events = stream([0, 10, 11, 12, 13, 14, 15, 5]);
    expect(revisions(eventsAsOf(events, Date.parse(at(6))))).toEqual([0]);
    expect(revisions(eventsAsOf(events, Date.parse(at(12))))).toEqual([0, 1, 2, 3]);
    expect(revisions(eventsAsOf(events, Date.parse(at(15))))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('ends the prefix at a recorded time that does not parse', () => {
    const events = stream([0, 1, 2]);
    events[1] = { ...events[1], recordedAt: 'garbage' };
    expect(revisions(eventsAsOf(events, Date.parse(at(9))))).toEqual([0]);
  });
});
