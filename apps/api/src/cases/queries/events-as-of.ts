import { instantToMillis, isIsoInstant } from '@casetrail/domain';
import type { RecordedEvent } from '@casetrail/eventstore';

/**
 * The stream as it stood at `asOfMs`: its events in stream order up to the last one that happened
 * at or before then, stopping at the first one that happened after it. When an event happened is
 * its own `at`, the instant its command was decided: what the case's detail shows as `openedAt`,
 * `firstResponseAt`, `resolvedAt`, `closedAt`, and the SLA clocks count from. The store records
 * the event a moment later (`recordedAt`, the history's `time`); cutting on that would show a case
 * at its own `closedAt` as not closed yet.
 *
 * A prefix of the stream, never a selection of its events: a stream only grows at its end, so
 * every state this folds to is one the case really had, even when a time is out of order (two
 * commands decided in one order and appended in the other, or a time edited in the file, which the
 * hash chain exposes: `data` is hashed in every format).
 */
export function eventsAsOf(events: readonly RecordedEvent[], asOfMs: number): readonly RecordedEvent[] {
  // `!(<=)`: a time that does not parse is not known to be before `asOfMs`, so it ends the prefix too.
  const firstAfter = events.findIndex((event) => !(happenedAtMillis(event) <= asOfMs));
  return firstAfter === -1 ? events : events.slice(0, firstAfter);
}

/**
 * When an event happened: its data's `at` (every case and account event carries one), or, for an
 * event without one, when it was recorded.
 */
export function happenedAt(event: RecordedEvent): string {
  const at = (event.data as { at?: unknown } | null)?.at;
  return at === undefined ? event.recordedAt : String(at);
}

/** NaN for a time that is not an ISO-8601 instant. */
function happenedAtMillis(event: RecordedEvent): number {
  const at = happenedAt(event);
  return isIsoInstant(at) ? instantToMillis(at) : Number.NaN;
}
