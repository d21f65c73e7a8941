import { EventMetadata, RecordedEvent, UnreadableEventError } from '../event-store.port';
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
 * revision and position; the rows are only looked at again once one has failed, so a read of sound
 * rows does no more work than before.
 */
export function toRecordedEvents(rows: EventRow[]): RecordedEvent[] {
  try {
    return rows.map(toRecordedEvent);
  } catch (error) {
    throw unreadable(rows, error);
  }
}

function unreadable(rows: EventRow[], error: unknown): unknown {
  for (const row of rows) {
    const problem = problemOf(row);
    if (problem === undefined) continue;
    const [position, , stream, revision] = row;
    return new UnreadableEventError(stream, revision, position, problem.what, { cause: problem.cause });
  }
  return error; // Not a row's content (nothing else in the mapping can fail): pass it on as it is.
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
