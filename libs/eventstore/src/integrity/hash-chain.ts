import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { EventMetadata, NewEvent, RecordedEvent } from '../event-store.port';

/**
 * Tamper evidence: every event of a stream carries `metadata.hash`, the lowercase hex SHA-256 of
 * the previous event's hash and this event's canonical content (RFC 8785 JSON of id, stream,
 * revision, type, data and metadata without the hash fields). Editing, removing or reordering a
 * stored event breaks the chain from that event on; removing a stream's last events leaves a
 * shorter chain that is whole, which only a record of the head kept elsewhere can show (`verify`
 * compares with what the read models applied; an auditor can keep `replay`'s head hash). The chain
 * is computed before the append, so it is the same on every store.
 */
export const GENESIS_HASH = '0'.repeat(64);

interface HashedContent {
  id: string;
  stream: string;
  revision: number;
  type: string;
  data: unknown;
  metadata: EventMetadata;
}

export function eventHash(previousHash: string, content: HashedContent): string {
  const { hash: _hash, previousHash: _previous, ...metadata } = content.metadata;
  const canonical = canonicalize({
    id: content.id,
    stream: content.stream,
    revision: content.revision,
    type: content.type,
    data: content.data,
    metadata,
  });
  return createHash('sha256')
    .update(previousHash)
    .update('\n')
    .update(canonical ?? '')
    .digest('hex');
}

/**
 * Adds `previousHash` and `hash` to events about to be appended at `firstRevision` onwards.
 * Events must carry ids (the hash covers them).
 */
export function chainEvents(
  stream: string,
  firstRevision: number,
  previousHash: string,
  events: (NewEvent & { id: string })[],
): (NewEvent & { id: string })[] {
  let previous = previousHash;
  return events.map((event, index) => {
    const metadata = { ...event.metadata, previousHash: previous };
    const hash = eventHash(previous, { ...event, stream, revision: firstRevision + index, metadata });
    previous = hash;
    return { ...event, metadata: { ...metadata, hash } };
  });
}

export interface BrokenLink {
  stream: string;
  revision: number;
  eventId: string;
  problem: 'hash-mismatch' | 'previous-hash-mismatch' | 'missing-hash' | 'revision-gap';
  expected?: string;
  actual?: string;
}

/**
 * Checks one link: the event must follow `expectedRevision`, carry a hash, point at `previousHash`,
 * and its content must hash to what it carries. Shared by the per-stream check and the one-pass
 * walk over the global log, so both apply the same rules.
 */
export function checkLink(
  event: RecordedEvent,
  expectedRevision: number,
  previousHash: string,
): BrokenLink | undefined {
  const at = { stream: event.stream, revision: event.revision, eventId: event.id };
  if (event.revision !== expectedRevision) {
    return { ...at, problem: 'revision-gap', expected: String(expectedRevision) };
  }
  const { hash, previousHash: linked } = event.metadata;
  if (!hash) return { ...at, problem: 'missing-hash' };
  if (linked !== previousHash) {
    return { ...at, problem: 'previous-hash-mismatch', expected: previousHash, actual: linked };
  }
  const recomputed = eventHash(previousHash, event);
  if (recomputed !== hash) return { ...at, problem: 'hash-mismatch', expected: recomputed, actual: hash };
  return undefined;
}

/** Walks one stream's events in revision order; returns the first broken link, if any. */
export function verifyStreamChain(events: readonly RecordedEvent[]): BrokenLink | undefined {
  let previous = GENESIS_HASH;
  for (let index = 0; index < events.length; index++) {
    const broken = checkLink(events[index], index, previous);
    if (broken) return broken;
    previous = events[index].metadata.hash!;
  }
  return undefined;
}
