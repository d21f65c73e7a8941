import Database from 'better-sqlite3';
import { accessSync, constants, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { isDeepStrictEqual } from 'node:util';

/** An embedded database file the process must not start on; the message names the file and what to do. */
export class StorageFileError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageFileError';
  }
}

export interface SqliteFileRole {
  /** What the file holds, for the message: "event store", "read-model store". */
  name: string;
  /** What the operator can do when it is damaged. */
  remedy: string;
}

/** How a start made sure an embedded file is sound. */
export type SqliteFileCheck =
  | { kind: 'new' }
  /** Nothing touched the file since a process of ours closed it cleanly: not read again. */
  | { kind: 'unchanged' }
  /** SQLite's `quick_check` read it all, in `ms`. */
  | { kind: 'checked'; ms: number }
  /** Another thread of this process opened it moments ago, checked as above: not read again. */
  | { kind: 'opened-by-this-process' };

/**
 * SQLite's own consistency check of an existing file (`quick_check`: every page and record well
 * formed) before a store opens it. Without it a file damaged in the middle opens fine and fails,
 * or answers wrongly, only when the damaged pages are read.
 *
 * The check reads the whole file (15 s to a minute for the 1.2 GB events file of a million events
 * here, with a warm or a cold page cache), so it is skipped when the file is exactly as a process
 * of ours left it after closing it cleanly (`recordCleanClose`): same inode, size, and
 * modification and change times, and no write-ahead log waiting. Only SQLite wrote to it then,
 * and SQLite's writes are atomic. A start after a crash, or after anything else wrote to the file
 * (a restore, a copy, a stray write), checks it in full.
 */
export function checkSqliteFile(file: string, role: SqliteFileRole): SqliteFileCheck {
  if (!existsSync(file)) return { kind: 'new' };
  if (unchangedSinceCleanClose(file)) return { kind: 'unchanged' };
  const started = performance.now();
  try {
    const db = new Database(file, { fileMustExist: true });
    try {
      assertPassesQuickCheck(db, file, role);
    } finally {
      db.close();
    }
  } catch (error) {
    throw sqliteFileError(file, role, error);
  }
  return { kind: 'checked', ms: performance.now() - started };
}

/**
 * SQLite's `quick_check` over a connection already open to `file` (the API's own, or an auditor's
 * read-only one); a file it finds damaged is refused, named, with what to do.
 */
export function assertPassesQuickCheck(
  db: Database.Database,
  file: string,
  role: SqliteFileRole,
  /** What the caller does not do on a damaged file; '' for none (the auditor's checks stop anyway). */
  refusal = 'not starting on it',
): void {
  const problems = (db.pragma('quick_check(5)') as { quick_check: string }[]).map((row) =>
    row.quick_check.replace(/\s+/g, ' ').trim(),
  );
  if (problems.length !== 1 || problems[0] !== 'ok')
    throw new StorageFileError(damaged(file, role, problems.join('; '), refusal));
}

/**
 * Remember that `file` is as this process left it, once its stores have closed it: the next start
 * can then trust it without reading it all. Nothing is recorded while another connection keeps a
 * write-ahead log open (another process still writes), nor for a file that is gone. Best effort:
 * a record that cannot be written (a full disk) only means a full check at the next start.
 */
export function recordCleanClose(file: string): void {
  try {
    if (!existsSync(file) || walPending(file)) return;
    // Owner-only like every file of DATA_DIR (the mode applies when the record is first made).
    writeFileSync(cleanCloseRecord(file), JSON.stringify(identityOf(file)), { mode: 0o600 });
  } catch {
    // The next start reads the file in full.
  }
}

/** The record kept next to the file; delete it to have the next start check the file in full. */
export const cleanCloseRecord = (file: string) => `${file}.clean-close`;

/** The file is exactly as a process of ours left it after closing it cleanly (see checkSqliteFile). */
export function unchangedSinceCleanClose(file: string): boolean {
  if (walPending(file)) return false;
  let recorded: unknown;
  try {
    recorded = JSON.parse(readFileSync(cleanCloseRecord(file), 'utf8'));
  } catch {
    return false;
  }
  return isDeepStrictEqual(recorded, identityOf(file));
}

/** What changes whenever anything writes to the file or puts another in its place (ctime cannot be set by hand). */
function identityOf(file: string): Record<string, string> {
  const stats = statSync(file, { bigint: true });
  return {
    dev: String(stats.dev),
    ino: String(stats.ino),
    size: String(stats.size),
    mtimeNs: String(stats.mtimeNs),
    ctimeNs: String(stats.ctimeNs),
  };
}

/** A write-ahead log with frames in it: a connection is open, or one ended without checkpointing. */
function walPending(file: string): boolean {
  try {
    return statSync(`${file}-wal`).size > 0;
  } catch {
    return false;
  }
}

/** SQLite's bare message ("file is not a database") as one naming the file and what to do. */
export function sqliteFileError(file: string, role: SqliteFileRole, error: unknown): StorageFileError {
  if (error instanceof StorageFileError) return error;
  const code = (error as { code?: unknown }).code;
  const kind = typeof code === 'string' ? code : '';
  const message = error instanceof Error ? error.message : String(error);
  if (kind.startsWith('SQLITE_CORRUPT') || kind === 'SQLITE_NOTADB') {
    return new StorageFileError(damaged(file, role, message), { cause: error });
  }
  if (kind.startsWith('SQLITE_FULL')) {
    return new StorageFileError(
      `The ${role.name} file ${file} cannot be opened: the disk is full (${message}). Free space and start again.`,
      {
        cause: error,
      },
    );
  }
  if (
    (kind.startsWith('SQLITE_CANTOPEN') || kind.startsWith('SQLITE_READONLY')) &&
    !writable(dirname(file))
  ) {
    return new StorageFileError(
      `The ${role.name} file ${file} cannot be opened: its directory ${dirname(file)} is read-only (or not ` +
        'writable by this user), and SQLite writes the file and its -wal and -shm files there, even to read. ' +
        'Make it writable, or copy the files to a writable directory and point DATA_DIR there ' +
        `(${message}${kind ? `, ${kind}` : ''}).`,
      { cause: error },
    );
  }
  return new StorageFileError(
    `The ${role.name} file ${file} cannot be opened: ${message}${kind ? ` (${kind})` : ''}.`,
    { cause: error },
  );
}

function writable(directory: string): boolean {
  try {
    accessSync(directory, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function damaged(
  file: string,
  role: SqliteFileRole,
  problem: string,
  refusal = 'not starting on it',
): string {
  return `The ${role.name} file ${file} is damaged (SQLite: ${problem})${refusal ? `; ${refusal}` : ''}. ${role.remedy}`;
}
