import { UnreadableEvent } from '@casetrail/eventstore';
import { ReadOnlySqliteEventStore } from '@casetrail/eventstore/sqlite/read-only-event-store';
import { ReadOnlySqliteFile } from '@casetrail/eventstore/sqlite/read-only-file';
import { LISTED, unreadableRowLines } from '../shared/unreadable-rows-listing';

/** A stored event of the copied log that cannot be read, as `backup.json` records it. */
export interface UnreadableStoredEvent {
  stream: string;
  revision: number;
  position: number;
  type: string;
  problem: string;
}

/** What `backup.json` records of a copied log that holds unreadable stored events. */
export interface DamagedLog {
  /** How many stored events cannot be read. */
  unreadableEvents: number;
  /** The first of them (at most LISTED), in log order. */
  first: UnreadableStoredEvent[];
}

/**
 * Rows whose data or metadata SQLite itself finds not JSON, or whose metadata is not an object:
 * every row the store's mapping could fail on. One pass over the table in SQLite's C code (about
 * 0.3 s for 112,768 events, against 0.8 s to parse every row in JavaScript); the store then reads
 * each one found, so what is reported is what every reader of the log meets. The CASE keeps
 * `json_type` from running on text that is not JSON (it would fail the query).
 */
const MAYBE_UNREADABLE = `SELECT position FROM events
  WHERE CASE WHEN json_valid(data) AND json_valid(metadata) THEN json_type(metadata) <> 'object' ELSE 1 END
  ORDER BY position`;

/**
 * The stored events of a copied event log that cannot be read, or undefined when every row reads.
 * A backup of a damaged log is kept (better than none), but the README's repair for such a row is
 * to restore it from an older backup: an operator rotating backups must hear that this one lacks
 * it. Hash chains are not walked (that is `casetrail verify`, a pass that hashes every event).
 */
export async function damageIn(eventsFile: string): Promise<DamagedLog | undefined> {
  const source = ReadOnlySqliteFile.open(eventsFile);
  let store: ReadOnlySqliteEventStore | undefined;
  try {
    const candidates = source.db.prepare<[], number>(MAYBE_UNREADABLE).pluck().all();
    if (candidates.length === 0) return undefined;
    store = new ReadOnlySqliteEventStore(source);
    const unreadable: UnreadableStoredEvent[] = [];
    for (const position of candidates) {
      const [row] = await store.readAll({ after: position - 1, maxCount: 1, unreadable: 'deliver' });
      if (row?.unreadable) {
        const { stream, revision, problem } = UnreadableEvent.of(row.unreadable);
        unreadable.push({ stream, revision, position, type: row.type, problem });
      }
    }
    if (unreadable.length === 0) return undefined;
    return { unreadableEvents: unreadable.length, first: unreadable.slice(0, LISTED) };
  } finally {
    if (store) await store.close();
    else source.close();
  }
}

/**
 * The warning for a backup holding a damaged log, when it is taken and when it is restored: the
 * rows named (stream, revision, position, type) so the operator can look for them whole in an
 * older backup.
 */
export function damagedLogWarning(damage: DamagedLog, when: 'backup' | 'restore'): string[] {
  const rows = Array.isArray(damage.first) ? damage.first : [];
  const count = Number.isSafeInteger(damage.unreadableEvents) ? damage.unreadableEvents : rows.length;
  const listed = unreadableRowLines(rows, (row) => [row.type]);
  // The manifest keeps the first LISTED: say how many more there are from its count.
  if (count > rows.length && rows.length > 0) listed.push(`  … and ${count - rows.length} more`);
  const head =
    when === 'backup'
      ? `Warning: the event log copied holds ${count} stored event(s) that cannot be read (recorded in backup.json); the backup keeps them as they are:`
      : `Warning: the restored event log holds ${count} stored event(s) that could not be read when the backup was taken (backup.json says so):`;
  const advice =
    when === 'backup'
      ? 'Keep an older backup that still holds these events whole: restoring them from a backup is how this damage is repaired. Run `casetrail verify` for the whole story.'
      : 'Their streams are set aside until the rows are restored from an older backup that holds them whole (then `casetrail rebuild`). Run `casetrail verify` for the whole story.';
  return [head, ...listed, advice];
}
