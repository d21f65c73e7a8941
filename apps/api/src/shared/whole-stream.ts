import { firstRevisionGap, type RecordedEvent } from '@casetrail/eventstore';
import {
  StorageInconsistentException,
  type RefusedOnLostEvents,
} from '../problems/storage-inconsistent.exception';

/**
 * Refuses (503 `storage-inconsistent`) what would be decided or shown from `events`, a stream read
 * whole, when its revisions skip one: an event was lost from inside it (or its opening event), where
 * the check of its end against the read models (CaseAccess) cannot see it. Decided on what is left,
 * a command would be taken for a revision race and retried for ever, or stored under a revision
 * that no longer follows what was decided; `?asOf=` would fold a state the case never had, or none.
 * Callers check visibility first: someone who may not see the record learns nothing of it here.
 */
export function requireNoRevisionGap(
  stream: string,
  events: readonly RecordedEvent[],
  refused: RefusedOnLostEvents = 'change',
): void {
  const gap = firstRevisionGap(events);
  if (gap) throw new StorageInconsistentException({ stream, ...gap }, refused);
}
