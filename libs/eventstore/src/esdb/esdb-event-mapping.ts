import type {
  AllStreamResolvedEvent,
  JSONEventType,
  Position,
  RecordedEvent as EsdbRecordedEvent,
  ResolvedEvent,
} from '@eventstore/db-client';
import type { EventMetadata, GlobalPosition, RecordedEvent } from '../event-store.port';
import { toGlobalPosition } from './esdb-positions';

/**
 * Server versions before 22.6 do not report positions on stream reads (only on `$all` reads):
 * the position is absent, or its commit is 2^64 - 1. Those events get this placeholder; aggregates
 * only need revisions, and every consumer of positions (projections, lag) reads `$all`, where the
 * position is always present.
 */
export const UNKNOWN_POSITION = 0;
const NO_POSITION_SENTINEL = 2n ** 64n - 1n;

/**
 * `$all` also carries the server's own events (types and streams starting with `$`: stats,
 * settings, links) and could carry other applications' binary events. Only JSON events outside
 * system streams belong to this port's log.
 */
export function isOwnEvent(resolved: AllStreamResolvedEvent | ResolvedEvent): boolean {
  const event = resolved.event;
  return (
    event !== undefined && event.isJson && !event.type.startsWith('$') && !event.streamId.startsWith('$')
  );
}

/** Where a `$all` read found this record (every record read from `$all` has one). */
export function positionInAll(resolved: AllStreamResolvedEvent): GlobalPosition | undefined {
  const position = resolved.event?.position ?? resolved.link?.position;
  return position ? toGlobalPosition(position) : undefined;
}

export function toRecordedEvent(event: EsdbRecordedEvent): RecordedEvent {
  if (!event.isJson) {
    // A silently skipped event would shift every later revision an aggregate folds.
    throw new TypeError(
      `Event ${event.id} of stream ${event.streamId} is not JSON; this store only reads JSON events`,
    );
  }
  return {
    id: event.id,
    stream: event.streamId,
    revision: Number(event.revision),
    position: positionOf(event.position),
    type: event.type,
    data: event.data,
    metadata: event.metadata as EventMetadata,
    recordedAt: event.created.toISOString(),
  };
}

/** Data as the client's JSON event type wants it; the port's data is any JSON value. */
export function asJsonData(data: unknown): JSONEventType['data'] {
  return data as JSONEventType['data'];
}

function positionOf(position: Position | undefined): GlobalPosition {
  if (position === undefined || position.commit === NO_POSITION_SENTINEL) return UNKNOWN_POSITION;
  return toGlobalPosition(position);
}
