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
 * WAL lets readers (subscriptions, other processes) run while one writer appends. `synchronous =
 * FULL` fsyncs the WAL at every commit: an append that returned survives kill -9 and power loss
 * (NORMAL would only survive a process crash).
 */
export function applyDurablePragmas(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
}
