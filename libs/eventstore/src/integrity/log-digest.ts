import { createHash, type Hash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { GlobalPosition, RecordedEvent } from '../event-store.port';

/**
 * A digest of the whole log up to some event: what a receipt records and what checking it
 * recomputes. Hash chains show an edited event only until someone with write access computes the
 * stream's chain again; a digest kept outside the system (a receipt) shows any change to the log
 * before it, chains recomputed or not: an event edited, removed, inserted or moved to another
 * position.
 *
 * The rule, simple enough for an auditor to recompute with their own tools: SHA-256 over every
 * event in position order, each as the RFC 8785 (canonical) JSON of
 * `{position, stream, revision, id, type, recordedAt, data, metadata}` followed by a newline.
 */
export const LOG_DIGEST_RULE =
  'SHA-256 over every event in position order, each as the RFC 8785 JSON of {position, stream, revision, id, type, recordedAt, data, metadata} followed by "\\n"';

/** Where the digest stood after some number of events. */
export interface LogDigestMark {
  /** Events digested so far (the log's first `events` events). */
  events: number;
  /** Position of the last of them (0 before any). */
  position: GlobalPosition;
  /** Lowercase hex SHA-256 of those events by `LOG_DIGEST_RULE`. */
  digest: string;
}

/** Digests the log event by event; `mark()` gives the digest so far without ending it. */
export class LogDigest {
  private readonly hash: Hash = createHash('sha256');
  private digested = 0;
  private position: GlobalPosition = 0;

  /** Events taken so far. */
  get events(): number {
    return this.digested;
  }

  accept(event: RecordedEvent): void {
    const record = canonicalize({
      position: event.position,
      stream: event.stream,
      revision: event.revision,
      id: event.id,
      type: event.type,
      recordedAt: event.recordedAt,
      data: event.data,
      metadata: event.metadata,
    });
    this.hash.update(record ?? 'null').update('\n');
    this.digested += 1;
    this.position = event.position;
  }

  mark(): LogDigestMark {
    // A copy, so the running hash goes on: one pass over the log gives every checkpoint.
    return { events: this.digested, position: this.position, digest: this.hash.copy().digest('hex') };
  }
}
