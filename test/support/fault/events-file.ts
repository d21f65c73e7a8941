import Database from 'better-sqlite3';
import * as path from 'node:path';

/** Runs `change` on the events file of `dataDir` with a connection of its own, as an operator's `sqlite3` would. */
export function onEventsFile<T>(dataDir: string, change: (db: Database.Database) => T): T {
  const db = new Database(path.join(dataDir, 'events.sqlite'));
  try {
    return change(db);
  } finally {
    db.close();
  }
}

/** Edits the stored event at `position` so its data is no longer JSON. */
export function garbleEventData(dataDir: string, position: number): void {
  onEventsFile(dataDir, (db) =>
    db.prepare(`UPDATE events SET data = '{broken' WHERE position = ?`).run(position),
  );
}

/** The position of the last `type` event of `stream`. */
export function lastPositionOf(dataDir: string, stream: string, type: string): number {
  return onEventsFile(
    dataDir,
    (db) =>
      (
        db
          .prepare('SELECT MAX(position) AS position FROM events WHERE stream = ? AND type = ?')
          .get(stream, type) as { position: number }
      ).position,
  );
}
