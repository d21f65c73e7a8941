import type { RecordedEvent } from '@casetrail/eventstore';

/** One line of a case's history, as auditors and the console read it. */
export interface HistoryEntry {
  position: number;
  revision: number;
  id: string;
  type: string;
  /** When the event was recorded (API.md names it `time`). */
  time: string;
  /** The same instant as `time`, under the name the console and earlier clients read. */
  at: string;
  actor: string;
  reason?: string;
  data: unknown;
  hash?: string;
  previousHash?: string;
  correlationId: string;
  causationId?: string;
  schemaVersion: number;
  /** The stream the event belongs to (`case-<id>`): part of what its hash covers. */
  stream: string;
  /**
   * Every metadata field the hash covers (all but `hash` and `previousHash`), so an auditor can
   * recompute each hash from the history alone; the fields above repeat some of them by name.
   */
  metadata: Record<string, unknown>;
}

/**
 * History entries from a case's events. Customers see every entry (positions and the hash chain
 * stay whole) but never the content of an internal note.
 */
export function historyEntries(events: readonly RecordedEvent[], staff: boolean): HistoryEntry[] {
  return events.map((event) => {
    const { hash: _hash, previousHash: _previous, ...hashedMetadata } = event.metadata;
    const hidden = !staff && isInternalNote(event);
    return {
      position: event.position,
      revision: event.revision,
      id: event.id,
      type: event.type,
      time: event.recordedAt,
      at: event.recordedAt,
      actor: event.metadata.actor,
      ...(event.metadata.reason ? { reason: event.metadata.reason } : {}),
      data: hidden ? redacted(event) : event.data,
      hash: event.metadata.hash,
      previousHash: event.metadata.previousHash,
      correlationId: event.metadata.correlationId,
      ...(event.metadata.causationId ? { causationId: event.metadata.causationId } : {}),
      schemaVersion: event.metadata.schemaVersion,
      stream: event.stream,
      // A keyed request's `requestHash` is an unsalted SHA-256 of its body: a customer could confirm
      // a guess at the note's text with it, so it goes with the text.
      metadata: hidden ? withoutRequestHash(hashedMetadata) : hashedMetadata,
    };
  });
}

function isInternalNote(event: RecordedEvent): boolean {
  return event.type === 'CommentAdded' && (event.data as { internal?: boolean }).internal === true;
}

function withoutRequestHash(metadata: Record<string, unknown>): Record<string, unknown> {
  const { requestHash: _requestHash, ...rest } = metadata;
  return rest;
}

function redacted(event: RecordedEvent): unknown {
  const data = event.data as { commentId?: string; caseId?: string; at?: string };
  return {
    caseId: data.caseId,
    commentId: data.commentId,
    internal: true,
    at: data.at,
    redacted: 'internal note',
  };
}
