import type { RecordedEvent } from '@casetrail/eventstore';
import { eventsAsOf, happenedAt } from './events-as-of';

const at = (minute: number) => `2026-03-02T09:${String(minute).padStart(2, '0')}:00.000Z`;
const ms = (instant: string) => Date.parse(instant);
/** The store records an event a moment after its command was decided. */
const RECORDING_DELAY_MS = 40;

/** A stream whose event `revision` happened (`data.at`) at `at(minutes[revision])`, and was recorded just after. */
function stream(minutes: number[]): RecordedEvent[] {
  return minutes.map((minute, revision) => ({
    id: `e${revision}`,
    stream: 'case-1',
    revision,
    position: revision + 1,
    type: 'Noted',
    data: { caseId: '1', at: at(minute), by: 'a@example.com' },
    metadata: { actor: 'a@example.com', correlationId: 'c', schemaVersion: 1 },
    recordedAt: new Date(ms(at(minute)) + RECORDING_DELAY_MS).toISOString(),
  }));
}

const revisions = (events: readonly RecordedEvent[]) => events.map((event) => event.revision);

describe('eventsAsOf', () => {
  it('keeps the events that happened at or before the instant', () => {
    const events = stream([0, 1, 2, 3]);
    expect(revisions(eventsAsOf(events, ms(at(2))))).toEqual([0, 1, 2]);
    expect(revisions(eventsAsOf(events, ms(at(2)) - 1))).toEqual([0, 1]);
    expect(revisions(eventsAsOf(events, ms(at(9))))).toEqual([0, 1, 2, 3]);
    expect(eventsAsOf(events, ms(at(0)) - 1)).toEqual([]);
  });

  it('cuts on when an event happened (its `at`, the time the detail shows), not on when it was recorded', () => {
    const events = stream([0, 1, 2]);
    // At the instant the closure (say) was decided it has happened, though the store had not recorded it yet.
    expect(revisions(eventsAsOf(events, ms(at(2))))).toEqual([0, 1, 2]);
    expect(ms(events[2].recordedAt)).toBeGreaterThan(ms(at(2)));
    // Between its decision and its recording the event has happened; before its decision it has not.
    expect(revisions(eventsAsOf(events, ms(at(1)) + RECORDING_DELAY_MS - 1))).toEqual([0, 1]);
    expect(revisions(eventsAsOf(events, ms(at(1)) - 1))).toEqual([0]);
    // However much later it was recorded (a test clock, a simulation, a slow append).
    events[1] = { ...events[1], recordedAt: '2026-11-27T18:00:00.000Z' };
    expect(revisions(eventsAsOf(events, ms(at(2))))).toEqual([0, 1, 2]);
  });

  it('cuts the stream at the first event that happened after the instant, never skipping events to take a later one', () => {
    // Revision 7's time moved before revision 1's (as an edit of the file could): folding 0 and 7
    // without 1-6 would show a state the case never had.
    const events = stream([0, 10, 11, 12, 13, 14, 15, 5]);
    expect(revisions(eventsAsOf(events, ms(at(6))))).toEqual([0]);
    expect(revisions(eventsAsOf(events, ms(at(12))))).toEqual([0, 1, 2, 3]);
    expect(revisions(eventsAsOf(events, ms(at(15))))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('ends the prefix at a time that is not an instant (nor one of a date that does not exist)', () => {
    for (const bad of ['garbage', '2026-02-30T09:01:00.000Z', 42]) {
      const events = stream([0, 1, 2]);
      events[1] = { ...events[1], data: { ...(events[1].data as object), at: bad } };
      expect({ bad, kept: revisions(eventsAsOf(events, ms(at(9)))) }).toEqual({ bad, kept: [0] });
    }
  });

  it('falls back on the recorded time for an event that carries no `at`', () => {
    const events = stream([0, 1, 2]);
    events[1] = { ...events[1], data: {}, recordedAt: at(5) };
    expect(happenedAt(events[1])).toBe(at(5));
    expect(happenedAt(events[2])).toBe(at(2));
    expect(revisions(eventsAsOf(events, ms(at(4))))).toEqual([0]);
    expect(revisions(eventsAsOf(events, ms(at(5))))).toEqual([0, 1, 2]);
  });
});
