import type { RecordedEvent } from '@casetrail/eventstore';

/**
 * The stream as the system knew it at `asOfMs`: its events in stream order up to the last one
 * recorded at or before then, stopping at the first one recorded after it (what the history's
 * `time` shows). A prefix of the stream, never a selection of its events: a stream only grows at
 * its end, so every state this folds to is one the case really had, even when a recorded time is
 * out of order (a clock stepped back, or a time edited in the file, which the hash chain exposes
 * for events hashed with their time). An event's own `at`, when it was decided, comes a moment
 * before it is recorded.
 */
export function eventsAsOf(events: readonly RecordedEvent[], asOfMs: number): readonly RecordedEvent[] {
  // `!(<=)`: a time that does not parse is not known to be before `asOfMs`, so it ends the prefix too.
  const firstAfter = events.findIndex((event) => !(Date.parse(event.recordedAt) <= asOfMs));
  return firstAfter === -1 ? events : events.slice(0, firstAfter);
}
