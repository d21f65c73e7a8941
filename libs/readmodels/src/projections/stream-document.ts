import type { RecordedEvent } from '@casetrail/eventstore';
import type { ProjectionTransaction } from '../read-model-store.port';

/**
 * The document a projection keeps about the stream `recorded` belongs to (a case's row, its SLA
 * copy, its report facts), keyed by that stream's own id. Only the stream's own events create it,
 * so before its first event (revision 0) there is none and that event needs no lookup: opening a
 * case reads nothing back, which is most of what a busy desk's projections look up in vain.
 *
 * A replay of that first event over a later version (MongoDB's at-least-once) is still harmless:
 * the store only writes over an older version of a document.
 */
export function streamDocument<T extends object>(
  tx: ProjectionTransaction,
  collection: string,
  id: string,
  recorded: RecordedEvent,
): Promise<T | undefined> {
  return recorded.revision === 0 ? Promise.resolve(undefined) : tx.get<T>(collection, id);
}
