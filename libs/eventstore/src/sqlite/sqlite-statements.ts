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

/** SQLite reads `LIMIT -1` as "no limit". */
export const NO_LIMIT = -1;

/** Every statement the store runs, prepared once per connection. */
export function prepareEventStatements(db: Database.Database) {
  return {
    streamRevision: db
      .prepare<[string], number | null>('SELECT MAX(revision) FROM events WHERE stream = ?')
      .pluck(),
    insert: db.prepare<InsertParameters>(
      'INSERT INTO events (id, stream, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    readStreamForwards: db
      .prepare<[string, number, number], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?`,
      )
      .raw(),
    readStreamBackwards: db
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
    ping: db.prepare<[], number>('SELECT 1').pluck(),
  };
}

export type EventStatements = ReturnType<typeof prepareEventStatements>;
