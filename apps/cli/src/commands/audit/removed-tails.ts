import type { GlobalPosition } from '@casetrail/eventstore';
import { ACCOUNTS } from '@casetrail/readmodels/accounts/accounts.projection';
import { ALL_PROJECTIONS } from '@casetrail/readmodels/all-projections';
import { CASES, type CaseDocument } from '@casetrail/readmodels/cases/cases.projection';
import { LICENCES } from '@casetrail/readmodels/licences/licences.projection';
import { isUnreadable, type EvidenceLog, type LogEntry } from './evidence-log';
import { firstChangedRevision, type FirstChange } from './first-changed-revision';
import type { ReadModelEvidence } from './read-model-evidence';

/**
 * Evidence that events were removed from the end of a stream or of the log. A hash chain cannot
 * show that by itself: without its last events a stream is a shorter chain, whole. The read models
 * remember what they were built from, though: each case's row names the revision and event it last
 * applied, each account's and licence's row that its stream existed, and each projection its
 * position in the log. More than the log now holds means events were taken away after the read
 * models saw them (or the read models come from another log).
 */
export type RemovedTail =
  | { kind: 'stream'; stream: string; seenRevision: number; seenEventId: string; lastRevision: number | null }
  | { kind: 'stream-gone'; stream: string; projection: string; collection: string; id: string }
  | { kind: 'log'; projection: string; seenPosition: GlobalPosition; headPosition: GlobalPosition };

/**
 * Evidence that the event a case's row says it applied at a revision is no longer there: an event
 * was inserted before it (or removed, or replaced) and the stream's chain computed again.
 */
export interface ChangedEvent {
  stream: string;
  revision: number;
  appliedEventId: string;
  eventIdNow: string;
  /** Where the change begins, as narrowly as the reports' records of the case show it. */
  firstChange?: FirstChange;
}

export interface ReadModelCrossCheck {
  removed: RemovedTail[];
  changed: ChangedEvent[];
  /**
   * The furthest any projection has applied the log: 0 when the read models have applied nothing
   * (never served, or emptied), and so held nothing to compare the log's ends with.
   */
  seenUpTo: number;
}

/** The last event of a stream the walk of the log read; without `id` when its row cannot be read. */
export interface WalkedEvent {
  revision: number;
  id?: string;
}

/**
 * Read models with a row per stream that record nothing of how far they applied it: the accounts
 * and licences projections keep neither a revision nor an event id. A row still shows that its
 * stream existed (the stream's first event, `AccountRegistered` or `LicenceIssued`, made it, and
 * nothing deletes it). Stream names as the API's command handlers write them.
 */
const STREAMS_BEHIND_ROWS = [
  { projection: 'accounts', collection: ACCOUNTS, stream: (id: string) => `account-${id}` },
  { projection: 'licences', collection: LICENCES, stream: (id: string) => `licence-${id}` },
];

/**
 * Compared with the log as it stands after what the read models saw was read, never before: a
 * projection (or a row) that moved on while the log was walked only saw events appended
 * meanwhile, which are in the log by then. Only what the log still lacks, or holds otherwise, is
 * reported.
 */
export async function crossCheckReadModels(
  readModels: ReadModelEvidence,
  eventStore: Pick<EvidenceLog, 'headPosition' | 'readStream'>,
  lastWalked: (stream: string) => WalkedEvent | undefined,
): Promise<ReadModelCrossCheck> {
  const removed: RemovedTail[] = [];
  const changed: ChangedEvent[] = [];
  const seen = await Promise.all(ALL_PROJECTIONS.map(({ name }) => readModels.getCheckpoint(name)));
  const headPosition = await eventStore.headPosition();
  ALL_PROJECTIONS.forEach(({ name }, index) => {
    if (seen[index] > headPosition)
      removed.push({ kind: 'log', projection: name, seenPosition: seen[index], headPosition });
  });

  // A row that cannot be read still holds its stream's revision: the stream has not ended before it.
  const lastNow = async (stream: string): Promise<LogEntry | undefined> =>
    (await eventStore.readStream(stream, { direction: 'backwards', maxCount: 1 }))[0];

  for (const { projection, collection, stream: streamOf } of STREAMS_BEHIND_ROWS) {
    for await (const row of readModels.documentsById<{ id: string }>(collection)) {
      const stream = streamOf(row.id);
      if (lastWalked(stream) !== undefined || (await lastNow(stream))) continue;
      removed.push({ kind: 'stream-gone', stream, projection, collection, id: row.id });
    }
  }

  for await (const row of readModels.documentsById<CaseDocument>(CASES)) {
    const stream = `case-${row.id}`;
    const walked = lastWalked(stream);
    // The row and the walk usually ended at the same event; otherwise (a projection behind the
    // log, or one that moved on meanwhile) look the revision up in the stream as it is now.
    const atRevision =
      walked?.revision === row.revision
        ? walked
        : walkedEventOf(
            (await eventStore.readStream(stream, { fromRevision: row.revision, maxCount: 1 }))[0],
          );
    if (!atRevision) {
      removed.push({
        kind: 'stream',
        stream,
        seenRevision: row.revision,
        seenEventId: row.lastEventId,
        lastRevision: (await lastNow(stream))?.revision ?? null,
      });
    } else if (
      atRevision.revision === row.revision &&
      // A row that cannot be read there names no event to compare (it is reported as unreadable).
      atRevision.id !== undefined &&
      atRevision.id !== row.lastEventId
    ) {
      // The row names only its last event: the reports' records show how far back the change goes.
      const first = await firstChangedRevision(
        readModels,
        row.id,
        await eventStore.readStream(stream),
        row.revision,
      );
      changed.push({
        stream,
        revision: row.revision,
        appliedEventId: row.lastEventId,
        eventIdNow: atRevision.id,
        ...(first ? { firstChange: first } : {}),
      });
    }
  }
  return { removed, changed, seenUpTo: Math.max(0, ...seen) };
}

/** The entry as the walk keeps it: its revision, and its event's id when it can be read. */
export function walkedEventOf(entry: LogEntry): WalkedEvent;
export function walkedEventOf(entry: LogEntry | undefined): WalkedEvent | undefined;
export function walkedEventOf(entry: LogEntry | undefined): WalkedEvent | undefined {
  if (!entry) return undefined;
  return isUnreadable(entry) ? { revision: entry.revision } : { revision: entry.revision, id: entry.id };
}

/** One line an operator can act on. */
export function describeRemovedTail(tail: RemovedTail): string {
  switch (tail.kind) {
    case 'log':
      return `the log ends at position ${tail.headPosition}, but the ${tail.projection} read models applied events up to ${tail.seenPosition}: events were removed from the end of the log`;
    case 'stream-gone':
      return `${tail.stream}: the ${tail.projection} read models were built from this stream (${tail.collection} ${tail.id}), but the stream is gone: its events were removed`;
    case 'stream': {
      const ends =
        tail.lastRevision === null
          ? 'the stream is gone'
          : `the stream ends at revision ${tail.lastRevision}`;
      return `${tail.stream}: the read models applied revision ${tail.seenRevision} (event ${tail.seenEventId}), but ${ends}: events were removed from its end`;
    }
  }
}

/** One line an operator can act on. */
export function describeChangedEvent(change: ChangedEvent): string {
  return `${change.stream}: the read models applied event ${change.appliedEventId} as revision ${change.revision}, but revision ${change.revision} is now event ${change.eventIdNow}`;
}
