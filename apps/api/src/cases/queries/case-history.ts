import type { RecordedEvent } from '@casetrail/eventstore';
import {
  ASSIGNMENT_REASON,
  HistoryViewer,
  LICENCE_TERMS,
  Redaction,
  redactedData,
  redactedMetadata,
  redactionFor,
  tokenIdentityShown,
  WITHHELD_ACTOR,
  withoutTokenIdentity,
} from './history-redaction';

export type { HistoryViewer } from './history-redaction';

/** One line of a case's history, as auditors and the console read it. */
export interface HistoryEntry {
  /**
   * The event's position in the desk-wide log: the desk's staff and auditors only (readsLogPositions,
   * not a customer's compliance auditor). The gaps between a case's
   * positions count every event of every other customer written meanwhile, so a customer reading
   * them would watch how busy the desk (and, timing their own writes, another customer) is. A
   * customer orders their entries by `revision`, which is all the hash chain links.
   */
  position?: number;
  revision: number;
  id: string;
  type: string;
  /** When the event was recorded (API.md names it `time`). */
  time: string;
  /** The same instant as `time`, under the name the console and earlier clients read. */
  at: string;
  actor: string;
  /**
   * The `sub` and `iss` of the bearer token the event was written with, as its metadata records
   * them; absent on events written before they were recorded, and on the system's own. Withheld from
   * a customer on another customer's entries (see tokenIdentityShown).
   */
  actorSubject?: string;
  actorIssuer?: string;
  reason?: string;
  data: unknown;
  hash?: string;
  previousHash?: string;
  /** Withheld, with the rest of what identifies the request, from an entry about another sharee. */
  correlationId?: string;
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
 * History entries from a case's events. Every viewer gets every entry, in place: revisions, ids,
 * times and the hash chain's links stay whole (log positions are for staff: see HistoryEntry), so the history never has a gap that
 * reads as a lost or removed event, and `GET /integrity` and the entries agree. What a viewer may
 * not read is withheld from the entry's content instead (`data.redacted` says why): the text of an
 * internal note and an assignment's reason from customers, and from someone who sees the case only through a share, the
 * share events of other people (who they are, who shared the case with them, why). Leaving such
 * entries out would hide nothing more, since revisions are consecutive and would show the gap, but
 * would break the chain the viewer can check. The withheld content cannot be recomputed into its
 * hash by that viewer, as with internal notes; staff and auditors read every entry whole. Someone
 * from outside the case's account (a sharee, a case-team member of another company) reads neither
 * the account's licence terms the opening recorded nor its Mission Critical changes
 * (HistoryViewer.licenceTermsWithheld), as the detail withholds them.
 */
export function historyEntries(events: readonly RecordedEvent[], viewer: HistoryViewer): HistoryEntry[] {
  return events.map((event) => {
    const redaction = redactionFor(event, viewer);
    const whole = wholeEntry(event, viewer);
    const entry = tokenIdentityShown(event, viewer) ? whole : withTokenIdentityWithheld(whole);
    return redaction ? withheld(entry, event, redaction) : entry;
  });
}

function wholeEntry(event: RecordedEvent, viewer: HistoryViewer): HistoryEntry {
  const { hash: _hash, previousHash: _previous, ...hashedMetadata } = event.metadata;
  return {
    ...(viewer.staff && !viewer.positionsWithheld ? { position: event.position } : {}),
    revision: event.revision,
    id: event.id,
    type: event.type,
    time: event.recordedAt,
    at: event.recordedAt,
    actor: event.metadata.actor,
    ...tokenIdentityOf(event),
    ...reasonOf(event),
    data: event.data,
    hash: event.metadata.hash,
    previousHash: event.metadata.previousHash,
    correlationId: event.metadata.correlationId,
    ...(event.metadata.causationId ? { causationId: event.metadata.causationId } : {}),
    schemaVersion: event.metadata.schemaVersion,
    stream: event.stream,
    metadata: hashedMetadata,
  };
}

/** The token identity the event's metadata records, by name beside `actor`. */
function tokenIdentityOf(event: RecordedEvent): { actorSubject?: string; actorIssuer?: string } {
  const { actorSubject, actorIssuer } = event.metadata;
  return {
    ...(typeof actorSubject === 'string' ? { actorSubject } : {}),
    ...(typeof actorIssuer === 'string' ? { actorIssuer } : {}),
  };
}

function withTokenIdentityWithheld(entry: HistoryEntry): HistoryEntry {
  const { actorSubject: _subject, actorIssuer: _issuer, ...rest } = entry;
  return { ...rest, metadata: withoutTokenIdentity(entry.metadata) };
}

/**
 * The why of the event itself. One command's reason is copied into the metadata of every event it
 * records, but some of those events are the system's consequence and carry a reason of their own in
 * their data: the de-escalation a customer's closure records ("The customer closed the case,
 * confirming the resolution"), the reopening a customer's reply or escalation records. That one
 * wins, as replay, the escalations board and the mails say it; the command's reason stays in
 * `metadata.reason`, where its hash covers it.
 */
function reasonOf(event: RecordedEvent): { reason?: string } {
  const own = (event.data as { reason?: unknown } | null)?.reason;
  const reason = typeof own === 'string' && own.trim() ? own : event.metadata.reason;
  return reason ? { reason } : {};
}

function withheld(entry: HistoryEntry, event: RecordedEvent, redaction: Redaction): HistoryEntry {
  const data = redactedData(event, redaction);
  const metadata = redactedMetadata(entry.metadata, redaction);
  if (redaction === 'internal note') return { ...entry, data, metadata };
  if (redaction === ASSIGNMENT_REASON) {
    const { reason: _reason, ...kept } = entry;
    return { ...kept, data, metadata };
  }
  if (redaction === LICENCE_TERMS) {
    const { correlationId: _correlationId, ...kept } = entry;
    return { ...kept, data, metadata };
  }
  // The actor is withheld, so is the token identity that would name them.
  const {
    reason: _reason,
    correlationId: _correlationId,
    actorSubject: _subject,
    actorIssuer: _issuer,
    ...kept
  } = entry;
  return { ...kept, actor: WITHHELD_ACTOR, data, metadata };
}
