import type Database from 'better-sqlite3';

/**
 * One table is the whole log. `position` is the rowid alias, so the global order is the insertion
 * order and reading the log is a scan of the table's own B-tree. Rows are never deleted, so rowids
 * are never reused and need no AUTOINCREMENT. `UNIQUE (stream, revision)` is both the index that
 * reads a stream and the last line of defence against two events claiming one revision.
 */
export const EVENTS_TABLE_DDL = `
  CREATE TABLE IF NOT EXISTS events (
    position    INTEGER PRIMARY KEY,
    id          TEXT    NOT NULL UNIQUE,
    stream      TEXT    NOT NULL,
    revision    INTEGER NOT NULL,
    type        TEXT    NOT NULL,
    data        TEXT    NOT NULL,
    metadata    TEXT    NOT NULL,
    recorded_at TEXT    NOT NULL,
    UNIQUE (stream, revision)
  )`;

/**
 * A count of events changed or deleted in place (stored events are never changed by Casetrail: the
 * log is append-only), kept by triggers, so whoever changes a row in the file (a `sqlite3` shell
 * while the desk runs) moves it too. Commands verify a stream's hash chain whole once, then only what
 * was appended (StreamChainCheck); the count tells them when to verify every stream whole again.
 * Created by every writable connection (IF NOT EXISTS): a file an older release wrote gains it.
 */
export const EVENT_EDITS_DDL = `
  CREATE TABLE IF NOT EXISTS event_edits (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    count INTEGER NOT NULL
  );
  INSERT OR IGNORE INTO event_edits (id, count) VALUES (1, 0);
  CREATE TRIGGER IF NOT EXISTS events_updated AFTER UPDATE ON events
    BEGIN UPDATE event_edits SET count = count + 1 WHERE id = 1; END;
  CREATE TRIGGER IF NOT EXISTS events_deleted AFTER DELETE ON events
    BEGIN UPDATE event_edits SET count = count + 1 WHERE id = 1; END;`;

/**
 * WAL lets readers (subscriptions, other processes) run while one writer appends. `synchronous =
 * FULL` fsyncs the WAL at every commit: an append that returned survives kill -9 and power loss
 * (NORMAL would only survive a process crash).
 */
export function applyDurablePragmas(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
}
