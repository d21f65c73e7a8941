import Database from 'better-sqlite3';
import { LEASES_TABLE } from '@casetrail/readmodels/sqlite/sqlite-names';
import type { LeaseReader, StoredLease } from './lease-reader';

/**
 * The leases of the embedded read-model file, through a read-only connection of its own, opened at
 * the first read (most processes never ask) and closed before the store's: SQLite leaves its
 * write-ahead log in place when another connection is still open as the last writer closes.
 */
export class SqliteLeaseReader implements LeaseReader {
  private db?: Database.Database;
  private closed = false;

  constructor(private readonly file: string) {}

  async readAll(): Promise<StoredLease[]> {
    if (this.closed) throw new Error('The lease reader is closed');
    this.db ??= new Database(this.file, { readonly: true, fileMustExist: true });
    return readLeases(this.db);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.db?.close();
    this.db = undefined;
  }
}

/** Every lease in a read-model file, through any open connection to it. */
export function readLeases(db: Database.Database): StoredLease[] {
  const rows = db.prepare(`SELECT name, owner, expires_at FROM ${LEASES_TABLE}`).all() as {
    name: string;
    owner: string;
    expires_at: number;
  }[];
  return rows.map((row) => ({ name: row.name, holder: row.owner, expiresAtMs: row.expires_at }));
}
