import { EventMetadata, RecordedEvent, UnreadableEventError, type UnreadableRows } from '../event-store.port';
import type { EventRow } from './sqlite-statements';

/** One stored row as the port's event. Throws a bare parse or type error for a damaged row. */
export function toRecordedEvent(row: EventRow): RecordedEvent {
  const metadata = JSON.parse(row[6]) as EventMetadata;
  // `null` or `[]` parse, and would only fail later, in every reader, naming nothing.
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
    throw new TypeError('its metadata is not a JSON object');
  }
  return {
    id: row[1],
    stream: row[2],
    revision: row[3],
    position: row[0],
    type: row[4],
    data: JSON.parse(row[5]),
    metadata,
    recordedAt: row[7],
  };
}

/**
 * Rows as events. A damaged row fails the read with an UnreadableEventError naming its stream,
 * revision and position, or, with `unreadable: 'deliver'`, takes its place as an event carrying
 * that error (see `RecordedEvent.unreadable`); the rows are only looked at again once one has
 * failed, so a read of sound rows does no more work than before.
 */
export function toRecordedEvents(rows: EventRow[], unreadableRows: UnreadableRows = 'fail'): RecordedEvent[] {
  try {
    return rows.map(toRecordedEvent);
  } catch (error) {
    if (unreadableRows === 'deliver') return rows.map(toEventOrUnreadable);
    throw unreadable(rows, error);
  }
}

function unreadable(rows: EventRow[], error: unknown): unknown {
  for (const row of rows) {
    const problem = unreadableError(row);
    if (problem !== undefined) return problem;
  }
  return error; // Not a row's content (nothing else in the mapping can fail): pass it on as it is.
}

function unreadableError(row: EventRow): UnreadableEventError | undefined {
  const problem = problemOf(row);
  if (problem === undefined) return undefined;
  const [position, , stream, revision] = row;
  return new UnreadableEventError(stream, revision, position, problem.what, { cause: problem.cause });
}

/** The row's event, or, when it cannot be read, what its own columns say of it and why. */
function toEventOrUnreadable(row: EventRow): RecordedEvent {
  const error = unreadableError(row);
  if (error === undefined) return toRecordedEvent(row);
  const [position, id, stream, revision, type, , , recordedAt] = row;
  // Empty, not parsed: nothing of the damaged JSON is trusted. Readers check `unreadable` first.
  const metadata = {} as EventMetadata;
  return { id, stream, revision, position, type, data: null, metadata, recordedAt, unreadable: error };
}

function problemOf(row: EventRow): { what: string; cause: unknown } | undefined {
  for (const [column, text] of [
    ['data', row[5]],
    ['metadata', row[6]],
  ] as const) {
    try {
      JSON.parse(text);
    } catch (cause) {
      return { what: `its ${column} is not valid JSON (${(cause as Error).message})`, cause };
    }
  }
  try {
    toRecordedEvent(row);
  } catch (cause) {
    return { what: (cause as Error).message, cause };
  }
  return undefined;
}
