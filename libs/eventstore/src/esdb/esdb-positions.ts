import { Position, ReadPosition, START } from '@eventstore/db-client';
import type { GlobalPosition } from '../event-store.port';

/**
 * EventStoreDB places an event in `$all` by a (commit, prepare) pair of byte offsets into its
 * transaction log. The port wants one growing number, and the commit position is that number:
 *
 * - Every append through the gRPC API is an implicit transaction, and for those the server reports
 *   each event's commit position as its own log position (`commit === prepare`), so it is unique
 *   per event and grows along `$all`. (Only legacy TCP-client explicit transactions share one
 *   commit position between events; this adapter never writes those.)
 * - It is a byte offset: Number.MAX_SAFE_INTEGER bytes is 8 PiB of log, beyond any realistic
 *   store, and `toGlobalPosition` refuses anything larger rather than lose precision.
 * - Going back, a numeric position p becomes `{ commit: p, prepare: p }`, the exact position of
 *   the event at p. Reads of `$all` from a position include the event there, so callers skip
 *   events at or before p; position 0 ("before the first event") becomes START.
 */
export function toGlobalPosition(position: Position): GlobalPosition {
  const commit = Number(position.commit);
  if (!Number.isSafeInteger(commit) || BigInt(commit) !== position.commit) {
    throw new RangeError(`EventStoreDB commit position ${position.commit} does not fit a GlobalPosition`);
  }
  return commit;
}

export function toReadPosition(position: GlobalPosition): ReadPosition {
  if (position === 0) return START;
  const exact = BigInt(position);
  return { commit: exact, prepare: exact };
}
