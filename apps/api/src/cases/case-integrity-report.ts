import {
  type BrokenLink,
  isUnreadable,
  type LogEntry,
  readableOnly,
  type RecordedEvent,
  type UnreadableEvent,
  verifyStreamChain,
} from '@casetrail/eventstore';
import type { AppliedEvent } from './access/case-row-against-stream';

/** The verdict on one case's hash chain, as auditors and the console's audit view read it. */
export interface CaseIntegrityReport {
  caseId: string;
  valid: boolean;
  /**
   * How many events the stream holds, readable or not: the count `casetrail replay` and `export`
   * give, whatever is wrong with the stream (a broken link, lost events, a row that cannot be read).
   */
  events: number;
  /** The hash of the last event: an auditor can note it and later prove nothing before it changed. */
  lastHash?: string;
  /** The first link that does not hold; everything from there on is unproven. */
  brokenAt?: Omit<BrokenLink, 'stream'>;
  /** The read models applied an event the stream no longer holds. */
  lostEvents?: LostEvents;
  /**
   * The first stored row of the stream that cannot be read as an event (its data or metadata is not
   * JSON): damaged or edited after it was written, so neither it nor the links after it can be
   * checked. The links before it are (`brokenAt`), and so is the stream's end (`lostEvents`) unless
   * it is the row the read models applied last. `problem` is what is wrong with it, in the words of
   * `casetrail verify --json`.
   */
  unreadable?: UnreadableRow;
  /**
   * Every stored row of the stream that cannot be read, in revision order (`unreadable` is the
   * first of them): an auditor restores each one. At most UNREADABLE_ROWS_LISTED are listed;
   * `unreadableCount` counts them all, and `unreadableRowsCut` says when the list stops short.
   */
  unreadableRows?: UnreadableRow[];
  unreadableCount?: number;
  /** Present only when `unreadableRows` does not list them all: how many it shows, and where the rest are. */
  unreadableRowsCut?: string;
  checkedAt: string;
}

/** A stored row that cannot be read: where it is, and what is wrong with it (as `verify --json` words it). */
export interface UnreadableRow {
  revision: number;
  position: number;
  problem: string;
}

/**
 * How many unreadable rows one report lists. A case stream holds tens to hundreds of events; a
 * stream with more rows than this damaged is restored whole, and `casetrail verify --json` lists
 * every row anyway. Keeps the answer (and the console's banner) a readable size.
 */
export const UNREADABLE_ROWS_LISTED = 100;

/**
 * A stream that lost events its read models had applied. A hash chain cannot show that by itself:
 * without its last events a stream is a shorter chain, whole. The case's read-model row remembers
 * the revision and the event it last applied, though.
 */
export interface LostEvents {
  /** The revision of the last event the read models applied. */
  appliedRevision: number;
  appliedEventId: string;
  /** The revision the stream ends at now; null when it holds no event. */
  streamEndsAt: number | null;
  /** The event the stream holds at `appliedRevision` now, when it holds another one there. */
  eventIdNow?: string;
  /** The above in a sentence. */
  reason: string;
}

/**
 * The report on a case's stream (its entries in revision order, as EvidenceLog reads them: a row
 * that cannot be read in its place), checked against what its read-model row applied. The row must
 * have been read before the stream: then a row behind the stream is only a projection lagging
 * (normal, not reported), and a row ahead of it, or naming another event at its revision, shows
 * events lost from the store after the read models applied them (deleted, replaced, or the store
 * restored from an older copy).
 */
export function caseIntegrityReport(
  caseId: string,
  entries: readonly LogEntry[],
  row: AppliedEvent,
  checkedAt: string,
  listed = UNREADABLE_ROWS_LISTED,
): CaseIntegrityReport {
  const events = readableOnly(entries);
  const unreadableEntries = entries.filter(isUnreadable);
  const [unreadable] = unreadableEntries;
  // What follows a row that cannot be read is unproven: the chain is judged up to it, where it
  // would otherwise call the row a missing revision (as `replay` and `export` judge it).
  const chain = chainVerdict(
    unreadable ? events.filter(({ revision }) => revision < unreadable.revision) : events,
  );
  // The end against the row, unless the row's own event cannot be read: nothing to compare then.
  const rowEventUnreadable = entries.some((entry) => isUnreadable(entry) && entry.revision === row.revision);
  const lostEvents = rowEventUnreadable ? undefined : lostEventsOf(events, row);
  // Every row counts, whatever is wrong: the stream holds them all, and the CLI's checks count them so.
  if (chain.valid && !lostEvents && !unreadable)
    return { caseId, ...chain, events: entries.length, checkedAt };
  return {
    caseId,
    valid: false,
    events: entries.length,
    ...(chain.brokenAt ? { brokenAt: chain.brokenAt } : {}),
    ...(lostEvents ? { lostEvents } : {}),
    ...(unreadable ? unreadableRowsOf(unreadableEntries, listed) : {}),
    checkedAt,
  };
}

function unreadableRowsOf(
  entries: readonly UnreadableEvent[],
  listed: number,
): Pick<CaseIntegrityReport, 'unreadable' | 'unreadableRows' | 'unreadableCount' | 'unreadableRowsCut'> {
  const rows = entries.map(({ revision, position, problem }) => ({ revision, position, problem }));
  return {
    unreadable: rows[0],
    unreadableRows: rows.slice(0, listed),
    unreadableCount: rows.length,
    ...(rows.length > listed
      ? {
          unreadableRowsCut: `only the first ${listed} of the ${rows.length} rows that cannot be read are listed (up to revision ${rows[listed - 1].revision}); \`casetrail verify --json\` lists every one`,
        }
      : {}),
  };
}

/** What a stream's hash chain alone shows (of any stream: a case's, an account's, a licence's). */
export type ChainVerdict = Pick<CaseIntegrityReport, 'valid' | 'events' | 'lastHash' | 'brokenAt'>;

/** The verdict on a stream's chain (its events in revision order): whole up to `lastHash`, or broken. */
export function chainVerdict(events: readonly RecordedEvent[]): ChainVerdict {
  const broken = verifyStreamChain(events);
  if (!broken) return { valid: true, events: events.length, lastHash: events.at(-1)?.metadata.hash };
  return { valid: false, events: events.length, brokenAt: withoutStream(broken) };
}

function lostEventsOf(events: readonly RecordedEvent[], row: AppliedEvent): LostEvents | undefined {
  const atApplied = events.find((event) => event.revision === row.revision);
  if (atApplied?.id === row.lastEventId) return undefined;
  const applied = `the read models applied revision ${row.revision} (event ${row.lastEventId})`;
  const lost = { appliedRevision: row.revision, appliedEventId: row.lastEventId };
  const streamEndsAt = events.at(-1)?.revision ?? null;
  if (atApplied) {
    const reason = `${applied}, but revision ${row.revision} is now event ${atApplied.id}: an event was replaced or inserted before it`;
    return { ...lost, streamEndsAt, eventIdNow: atApplied.id, reason };
  }
  const reason =
    streamEndsAt === null
      ? `${applied}, but the stream holds no events: they were removed`
      : `${applied}, but the stream ends at revision ${streamEndsAt}: events were removed from its end`;
  return { ...lost, streamEndsAt, reason };
}

function withoutStream({ stream: _stream, ...link }: BrokenLink): Omit<BrokenLink, 'stream'> {
  return link;
}
