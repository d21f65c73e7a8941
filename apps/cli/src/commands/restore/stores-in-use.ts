import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LeaseInspector } from '../../../../api/src/storage/lease-inspector';
import type { LeaseReader, StoredLease } from '../../../../api/src/storage/lease-reader';
import { readLeases } from '../../../../api/src/storage/sqlite-lease-reader';
import { EVENTS_FILE, READ_MODELS_FILE } from '../backup/back-up-stores';

/**
 * Refuses to go on while any process uses the embedded stores in `dataDir`, naming what was seen:
 *
 * 1. the leases in the read models, which is how `serve`, `project` and `notify` say that they
 *    run the projections, the SLA timers and mail delivery (renewed every few seconds, released on
 *    a clean stop; one that expired, or whose holder is a process of this host that has exited,
 *    counts for nothing, as for the runners themselves). They also show a process of another host
 *    that shares the files;
 * 2. SQLite's own lock: every connection to a store file in WAL mode (as Casetrail's are) holds a
 *    shared lock on it for as long as it is open, so a connection that asks for the file
 *    exclusively is refused while any other has it open: an API that runs no projections
 *    (EMBEDDED_PROJECTOR=false) and so holds no lease, a `verify` or `rebuild` under way, or a
 *    server still opening its stores, before its first lease.
 *
 * Read models in MongoDB keep their leases there; every process that runs them also has the
 * embedded event log open, which the lock shows.
 *
 * Looking opens the files read-write (an exclusive lock needs it). When nobody else has them open,
 * closing is then SQLite's clean close: a write-ahead log left by a crash is folded into its file
 * and removed, the content unchanged, as the next start of the API would do.
 */
export async function requireStoresNotInUse(dataDir: string): Promise<void> {
  const users: string[] = [];
  for (const file of [EVENTS_FILE, READ_MODELS_FILE].map((name) => join(dataDir, name))) {
    if (!existsSync(file)) continue;
    const openElsewhere = isOpenElsewhere(file);
    if (file.endsWith(READ_MODELS_FILE)) users.push(...(await heldLeases(file)));
    if (openElsewhere) users.push(`${file} is open in another process`);
  }
  if (users.length === 0) return;
  throw new Error(
    `DATA_DIR ${dataDir} is in use, so nothing was restored: ${users.join('; ')}. Stop the API (\`casetrail serve\`), ` +
      'the projector (`casetrail project`), `casetrail notify` and any other casetrail command on it first',
  );
}

/**
 * Asks SQLite for the file exclusively, without waiting. A connection in exclusive locking mode
 * takes an exclusive lock on the file at its first read, which SQLite refuses (SQLITE_BUSY) while
 * another connection holds its shared one. Closing gives it up at once.
 */
function isOpenElsewhere(file: string): boolean {
  const db = new Database(file, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return false;
  } catch (error) {
    // Anything else (not a database, damaged) is no sign of another process; --force moves it aside.
    return String((error as { code?: unknown }).code).startsWith('SQLITE_BUSY');
  } finally {
    db.close();
  }
}

/** The leases a live runner holds, described; none when the file has no lease table (or is no database). */
async function heldLeases(readModelsFile: string): Promise<string[]> {
  let db: Database.Database | undefined;
  try {
    // Read-write, not read-only: a read-only connection would leave -wal and -shm files behind.
    db = new Database(readModelsFile, { fileMustExist: true, timeout: 2_000 });
    const leases = await new LeaseInspector(new ConnectionLeaseReader(db)).inspect();
    return [...leases]
      .filter(([, lease]) => lease.state === 'held')
      .map(
        ([name, lease]) =>
          `${lease.holder} holds the lease ${name} (until ${lease.expiresAt}, renewed while it runs)`,
      );
  } catch {
    // Not readable as read models: the lock above still tells whether a process has the file open.
    return [];
  } finally {
    db?.close();
  }
}

/** The leases, as the API's SqliteLeaseReader reads them, through a connection already open. */
class ConnectionLeaseReader implements LeaseReader {
  constructor(private readonly db: Database.Database) {}

  async readAll(): Promise<StoredLease[]> {
    return readLeases(this.db);
  }

  async close(): Promise<void> {
    // The connection is its opener's to close.
  }
}
