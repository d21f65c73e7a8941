import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { EventMetadata, GlobalPosition, NewEvent, RecordedEvent } from '../event-store.port';

/**
 * Tamper evidence: every event of a stream carries `metadata.hash`, the lowercase hex SHA-256 of
 * the previous event's hash and this event's canonical content (RFC 8785 JSON of id, stream,
 * revision, type, data and metadata without the hash fields). Editing, removing or reordering a
 * stored event breaks the chain from that event on; removing a stream's last events leaves a
 * shorter chain that is whole, which only a record of the head kept elsewhere can show (`verify`,
 * `replay`, `export` and the integrity endpoint compare with what the read models applied; an
 * auditor can keep `replay`'s head hash).
 *
 * Two formats, told apart by a field of the (hashed) metadata, so chains stored before the second
 * keep verifying as they are:
 * - format 1 (no `hashFormat`): the content above. The caller chains the events before the append
 *   (`chainEvents`), so the hash is the same on every store, but it cannot cover when the store
 *   records the event. EventStoreDB events stay in this format: their recorded time is the
 *   server's `created`, unknown until the append has happened.
 * - format 2 (`hashFormat: 2`): the content and `recordedAt`, exactly as stored. The SQLite store
 *   re-chains the caller's events in this format at commit, when it stamps the time
 *   (`chainAtCommit`), so the recorded time that as-of queries, the history and audit bundles show
 *   cannot be moved without breaking the chain, nor the marker removed to hide that it was hashed.
 *
 * Two rules hold of every stream beside its hashes, and the checks below apply them too: formats
 * only go forward (a store that writes format 2 never writes format 1 again, so a format-1 event
 * after a format-2 one was rewritten, its hash computed again without the marker), and positions
 * rise with revisions (a store appends a stream's events in order, and positions are not hashed).
 */
export const GENESIS_HASH = '0'.repeat(64);

/** The metadata field naming an event's hash format; absent on format 1. */
export const HASH_FORMAT_FIELD = 'hashFormat';
/** `hashFormat` of an event whose hash also covers its `recordedAt`. */
export const HASH_FORMAT_WITH_RECORDED_AT = 2;

interface HashedContent {
  id: string;
  stream: string;
  revision: number;
  type: string;
  data: unknown;
  metadata: EventMetadata;
  /** Hashed only when the metadata says format 2; such an event without one cannot verify. */
  recordedAt?: string;
}

/** Whether an event's hash covers its recorded time (format 2); any other marker value is hashed as content. */
export function hashCoversRecordedAt(metadata: EventMetadata): boolean {
  return metadata[HASH_FORMAT_FIELD] === HASH_FORMAT_WITH_RECORDED_AT;
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
    ...(hashCoversRecordedAt(content.metadata) ? { recordedAt: content.recordedAt } : {}),
  });
  return createHash('sha256')
    .update(previousHash)
    .update('\n')
    .update(canonical ?? '')
    .digest('hex');
}

/**
 * Adds `previousHash` and `hash` (format 1) to events about to be appended at `firstRevision`
 * onwards. Events must carry ids (the hash covers them). A store that stamps the recorded time
 * itself re-chains them at commit (see `chainAtCommit`).
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

/**
 * The metadata of one event chained at commit by a store that stamps its recorded time: marked
 * format 2, linked to `previousHash`, hashed with `recordedAt`. `data` and `metadata` must be
 * exactly what a read will return (parsed from the stored JSON), or the hash will not verify.
 */
export function chainAtCommit(
  previousHash: string,
  content: Required<HashedContent>,
): EventMetadata & { hash: string; previousHash: string } {
  const metadata = { ...content.metadata, [HASH_FORMAT_FIELD]: HASH_FORMAT_WITH_RECORDED_AT, previousHash };
  return { ...metadata, hash: eventHash(previousHash, { ...content, metadata }) };
}

export interface BrokenLink {
  stream: string;
  revision: number;
  eventId: string;
  problem:
    | 'hash-mismatch'
    | 'previous-hash-mismatch'
    | 'missing-hash'
    | 'revision-gap'
    /** A format-1 event after a format-2 one: rewritten without its marker (hash computed again). */
    | 'format-downgrade'
    /** Not after the event before it in the log: its position (not hashed) was changed. */
    | 'position-out-of-order';
  expected?: string;
  actual?: string;
}

/** What the next event of a stream is checked against: the one before it, which verified. */
export interface ChainLink {
  hash: string;
  revision: number;
  position: GlobalPosition;
  /** Its hash covers its recorded time (format 2): so must every later event's. */
  recordedAtHashed: boolean;
}

/** An event that verified, as the next one is checked against it. */
export function chainLinkOf(event: RecordedEvent): ChainLink {
  return {
    hash: event.metadata.hash!,
    revision: event.revision,
    position: event.position,
    recordedAtHashed: hashCoversRecordedAt(event.metadata),
  };
}

/**
 * Checks one link: the event must follow `expectedRevision`, carry a hash, point at the previous
 * event's hash (or the genesis hash when there is none), and its content (with its recorded time,
 * in format 2) must hash to what it carries; then it must not go back to format 1 after format 2,
 * nor sit before the previous event in the log. Shared by the per-stream check and the one-pass
 * walk over the global log, so both apply the same rules (the walk meets events in log order, so
 * positions never fail there).
 */
export function checkLink(
  event: RecordedEvent,
  expectedRevision: number,
  previous: ChainLink | undefined,
): BrokenLink | undefined {
  const at = { stream: event.stream, revision: event.revision, eventId: event.id };
  if (event.revision !== expectedRevision) {
    return { ...at, problem: 'revision-gap', expected: String(expectedRevision) };
  }
  const { hash, previousHash: linked } = event.metadata;
  if (!hash) return { ...at, problem: 'missing-hash' };
  const previousHash = previous?.hash ?? GENESIS_HASH;
  if (linked !== previousHash) {
    return { ...at, problem: 'previous-hash-mismatch', expected: previousHash, actual: linked };
  }
  const recomputed = eventHash(previousHash, event);
  if (recomputed !== hash) return { ...at, problem: 'hash-mismatch', expected: recomputed, actual: hash };
  if (previous?.recordedAtHashed && !hashCoversRecordedAt(event.metadata)) {
    const marker = event.metadata[HASH_FORMAT_FIELD];
    return {
      ...at,
      problem: 'format-downgrade',
      expected: `${HASH_FORMAT_FIELD} ${HASH_FORMAT_WITH_RECORDED_AT}, as revision ${previous.revision}`,
      actual:
        marker === undefined ? `no ${HASH_FORMAT_FIELD}` : `${HASH_FORMAT_FIELD} ${JSON.stringify(marker)}`,
    };
  }
  if (previous && event.position <= previous.position) {
    return {
      ...at,
      problem: 'position-out-of-order',
      expected: `a position after ${previous.position} (revision ${previous.revision}'s)`,
      actual: `position ${event.position}`,
    };
  }
  return undefined;
}

/** Walks one stream's events in revision order; returns the first broken link, if any. */
export function verifyStreamChain(events: readonly RecordedEvent[]): BrokenLink | undefined {
  return firstBrokenLink(events, true);
}

/**
 * As `verifyStreamChain`, but leaves the order of positions alone: `verify` judges how a stream's
 * events lie in the log on its own, naming each event moved and what it passed.
 */
export function verifyStreamChainExceptPositions(events: readonly RecordedEvent[]): BrokenLink | undefined {
  return firstBrokenLink(events, false);
}

function firstBrokenLink(events: readonly RecordedEvent[], checkPositions: boolean): BrokenLink | undefined {
  let previous: ChainLink | undefined;
  for (let index = 0; index < events.length; index++) {
    const event = events[index];
    const broken = checkLink(event, index, previous);
    // The position is checkLink's last check: passing over it passes over nothing else.
    if (broken && (checkPositions || broken.problem !== 'position-out-of-order')) return broken;
    previous = chainLinkOf(event);
  }
  return undefined;
}
