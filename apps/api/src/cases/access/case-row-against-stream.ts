import type { EventStore } from '@casetrail/eventstore';
import type { LostEventsEvidence } from '../../problems/storage-inconsistent.exception';
import { caseStream } from '../commands/case-command';

/** The last event a case's read-model row applied, as the row records it. */
export interface AppliedEvent {
  revision: number;
  lastEventId: string;
}

/** The last event of the case's stream, as the event store holds it. */
export interface StoredEvent {
  revision: number;
  id: string;
}

/**
 * How a case's read-model row stands against its stream, the row read first:
 * - `in-step`: the row applied the stream's last event;
 * - `behind`: the stream holds events the row has not applied yet (projections lag; normal);
 * - `lost-events`: the row applied an event the stream no longer holds, past its end or in place
 *   of the event now at that revision. Projections apply only stored events and a stream only
 *   grows, so a row read before the stream can never be ahead of it: events were deleted from
 *   the store (or it was restored from an older copy) after the read models applied them.
 */
export type RowAgainstStream = 'in-step' | 'behind' | 'lost-events';

export function rowAgainstStream(row: AppliedEvent, streamEnd: StoredEvent | undefined): RowAgainstStream {
  if (!streamEnd || row.revision > streamEnd.revision) return 'lost-events';
  if (row.revision < streamEnd.revision) return 'behind';
  return row.lastEventId === streamEnd.id ? 'in-step' : 'lost-events';
}

/**
 * For a process manager about to send a command on a case's row (an SLA timer, the Mission Critical
 * review): the evidence that the case's stream lost events the row had applied, or undefined. A
 * command decided on what is left would be stored under a lost event's revision, where `casetrail
 * verify` could no longer name the loss (HTTP commands are refused with 503 by CaseAccess).
 */
export async function lostEventsOfCase(
  events: Pick<EventStore, 'readStream'>,
  caseId: string,
  row: AppliedEvent,
): Promise<LostEventsEvidence | undefined> {
  const stream = caseStream(caseId);
  const [last] = await events.readStream(stream, { direction: 'backwards', maxCount: 1 });
  return rowAgainstStream(row, last) === 'lost-events' ? lostEventsEvidence(stream, row, last) : undefined;
}

/** What shows a stream lost events: the revision its row applied, and where the stream ends now. */
export function lostEventsEvidence(
  stream: string,
  row: AppliedEvent,
  streamEnd: StoredEvent | undefined,
): LostEventsEvidence {
  return { stream, appliedRevision: row.revision, storedRevision: streamEnd?.revision ?? -1 };
}
