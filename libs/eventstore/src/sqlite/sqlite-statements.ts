import type Database from 'better-sqlite3';

/** Column order of every event query; rows are read as arrays (`raw`), cheaper than objects. */
const EVENT_COLUMNS = 'position, id, stream, revision, type, data, metadata, recorded_at';

export type EventRow = [
  position: number,
  id: string,
  stream: string,
  revision: number,
  type: string,
  data: string,
  metadata: string,
  recordedAt: string,
];

export type InsertParameters = [
  id: string,
  stream: string,
  revision: number,
  type: string,
  data: string,
  metadata: string,
  recordedAt: string,
];

/**
 * Every statement the store runs, prepared once per connection. Stream reads come in two shapes,
 * whole (no maxCount: every command's read of its stream) and limited, prepared apart because a
 * `LIMIT ?` parameter costs this SQLite build about 6 µs per execution even when bound to -1,
 * twice the cost of the whole read of a short stream.
 */
export function prepareEventStatements(db: Database.Database) {
  return {
    /**
     * A stream's last revision and that event's hash (null when it has none, or its metadata is
     * damaged), which the events an append chains link to. One row, through the stream's index.
     */
    streamHead: db
      .prepare<[string], [revision: number, hash: unknown]>(
        `SELECT revision, CASE WHEN json_valid(metadata) THEN json_extract(metadata, '$.hash') END
         FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1`,
      )
      .raw(),
    insert: db.prepare<InsertParameters>(
      'INSERT INTO events (id, stream, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    readStreamForwards: db
      .prepare<[string, number], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision`,
      )
      .raw(),
    readStreamForwardsLimited: db
      .prepare<[string, number, number], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?`,
      )
      .raw(),
    readStreamBackwards: db
      .prepare<[string, number], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC`,
      )
      .raw(),
    readStreamBackwardsLimited: db
      .prepare<[string, number, number], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
      )
      .raw(),
    readAll: db
      .prepare<[number, number], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`,
      )
      .raw(),
    headPosition: db.prepare<[], number | null>('SELECT MAX(position) FROM events').pluck(),
    /** Positions and types of the events after a position, in log order: a walk of the table's own B-tree. */
    typesAfter: db
      .prepare<[number, number], [position: number, type: string]>(
        'SELECT position, type FROM events WHERE position > ? ORDER BY position LIMIT ?',
      )
      .raw(),
    ping: db.prepare<[], number>('SELECT 1').pluck(),
    /** Changes whenever another connection commits to the file (never for this connection's commits). */
    dataVersion: db.prepare<[], number>('PRAGMA data_version').pluck(),
  };
}

export type EventStatements = ReturnType<typeof prepareEventStatements>;
