import type Database from 'better-sqlite3';

/** An append to a store opened read-only: it was opened to be checked, and is never written. */
export class ReadOnlyEventStoreError extends Error {
  constructor(readonly file: string) {
    super(`The event store ${file} was opened read-only, to be checked: nothing can be appended to it`);
    this.name = 'ReadOnlyEventStoreError';
  }
}

/**
 * A read-only connection cannot create the events table as a writable one does: a file without it
 * (an empty file, another application's database) is refused by name instead of read as an empty log.
 */
export function assertHoldsEventLog(db: Database.Database): void {
  const table = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'`).get();
  if (table === undefined) throw new Error(`${db.name} holds no events table: it is not an event store`);
}
