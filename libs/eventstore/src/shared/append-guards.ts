import type { ExpectedRevision, NewEvent } from '../event-store.port';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Argument checks shared by every adapter, so a caller's mistake fails the same way on SQLite and
 * on EventStoreDB instead of being silently accepted by one and rejected by the other.
 */
export function assertAppendable(
  stream: string,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
): void {
  if (stream.length === 0) throw new RangeError('append: the stream name is empty');
  // An empty append has no last event to report; a decider that decided nothing should not append.
  if (events.length === 0) throw new RangeError(`append to ${stream}: no events given`);
  for (const event of events) {
    // EventStoreDB only takes UUIDs as event ids; SQLite would take anything, and then the data
    // could not move to EventStoreDB.
    if (event.id !== undefined && !UUID.test(event.id)) {
      throw new RangeError(`append to ${stream}: event id ${event.id} is not a UUID`);
    }
  }
  if (typeof expected === 'number' && !(Number.isSafeInteger(expected) && expected >= 0)) {
    throw new RangeError(`append to ${stream}: expected revision ${expected} is not a revision`);
  }
}

/** Whether a stream whose last revision is `current` (undefined when it has none) satisfies `expected`. */
export function revisionMatches(expected: ExpectedRevision, current: number | undefined): boolean {
  if (expected === 'any') return true;
  if (expected === 'no-stream') return current === undefined;
  return current === expected;
}

export function assertPositiveCount(what: string, count: number): void {
  if (!(Number.isSafeInteger(count) && count > 0)) throw new RangeError(`${what} must be a positive integer`);
}

/** A subscription's batch window: absent, or a finite number of milliseconds, 0 or more. */
export function assertBatchWindow(windowMs: number | undefined): void {
  if (windowMs !== undefined && !(Number.isFinite(windowMs) && windowMs >= 0)) {
    throw new RangeError('batchWindowMs must be a number of milliseconds, 0 or more');
  }
}
