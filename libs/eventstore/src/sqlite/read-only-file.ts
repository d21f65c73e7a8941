import Database from 'better-sqlite3';
import {
  chmodSync,
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  mkdtempSync,
  openSync,
  readSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

/** A copy taken while another process changed the file is retried this many times. */
const COPY_ATTEMPTS = 3;

/**
 * An existing SQLite file opened so that reading it changes nothing, neither the file nor its
 * folder: what an auditor's check needs, whose evidence may be a backup listed with its checksums.
 * SQLite's rules for read-only connections (https://sqlite.org/wal.html#readonly) decide where it
 * is read:
 *
 * - A file in rollback-journal mode (what `VACUUM INTO`, and so `casetrail backup`, writes) is read
 *   in place: a read-only connection writes nothing there, not even a journal.
 * - A file in WAL mode with its -wal and -shm files beside it (a store a process has open, or one
 *   that crashed) is read in place, through them: that is what lets readers work beside a live
 *   writer. A read-only reader only takes its read locks in the -shm file.
 * - A file in WAL mode without them (the last connection closed it cleanly and removed them): a
 *   read-only connection would create both even to read and could not remove them again (removing
 *   them takes a checkpoint, a write); in a read-only folder it cannot even open. So it is opened
 *   with a writable connection made query-only (`PRAGMA query_only`: SQLite refuses every change
 *   through it), whose close removes the two files again, having written nothing: the file keeps
 *   its bytes and times. Not so when one of the two was left behind (a crash, a copy without the
 *   -shm): closing would fold a -wal into the file and remove it. Then, and where the query-only
 *   connection cannot open (a read-only folder or file), no process has the file open (an open
 *   connection keeps its -wal and -shm files), so the file, with a -wal if one was left, is the
 *   whole database: it is read from a private copy, removed at `close`.
 */
export class ReadOnlySqliteFile {
  private constructor(
    readonly db: Database.Database,
    /** The private folder of the copy that is read instead of the file; absent when read in place. */
    private readonly copyFolder?: string,
  ) {}

  static open(file: string): ReadOnlySqliteFile {
    if (!isWalModeWithoutItsFiles(file)) {
      return new ReadOnlySqliteFile(new Database(file, { readonly: true, fileMustExist: true }));
    }
    // Only with neither file left: a -wal would be checkpointed into the file when the connection
    // closes (query_only does not stop that), and the -wal itself removed.
    const queryOnly = hasNoWalFiles(file) ? openQueryOnly(file) : undefined;
    if (queryOnly) return new ReadOnlySqliteFile(queryOnly);
    const folder = privateCopyOf(file);
    try {
      const db = new Database(join(folder, basename(file)), { readonly: true, fileMustExist: true });
      return new ReadOnlySqliteFile(db, folder);
    } catch (error) {
      rmSync(folder, { recursive: true, force: true });
      throw error;
    }
  }

  /** True when a private copy is read, the file itself being left closed. */
  get readsCopy(): boolean {
    return this.copyFolder !== undefined;
  }

  close(): void {
    if (this.db.open) this.db.close();
    if (this.copyFolder) rmSync(this.copyFolder, { recursive: true, force: true });
  }
}

/**
 * A writable connection that refuses every change, or undefined where the file or its folder cannot
 * be written (SQLite then cannot make the -wal and -shm files a WAL-mode reader needs).
 */
function openQueryOnly(file: string): Database.Database | undefined {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { fileMustExist: true });
    db.pragma('query_only = 1');
    // Opening is lazy: the first read is what creates the -wal and -shm files, or fails to.
    db.prepare('SELECT COUNT(*) FROM sqlite_master').get();
    return db;
  } catch {
    db?.close();
    return undefined;
  }
}

function hasNoWalFiles(file: string): boolean {
  return !existsSync(`${file}-wal`) && !existsSync(`${file}-shm`);
}

/** True of a connection that changes nothing: opened read-only, or writable but query-only. */
export function isReadOnlyConnection(db: Database.Database): boolean {
  return db.readonly || db.pragma('query_only', { simple: true }) === 1;
}

/** SQLite's file header: its magic string, and bytes 18-19 (write and read version: 2 in WAL mode). */
const SQLITE_MAGIC = 'SQLite format 3\0';
const WAL_VERSION = 2;

function isWalModeWithoutItsFiles(file: string): boolean {
  if (!isWalMode(file)) return false;
  return !existsSync(`${file}-wal`) || !existsSync(`${file}-shm`);
}

/** From the header alone: a file too short or not SQLite's is left to SQLite to refuse, in place. */
function isWalMode(file: string): boolean {
  const header = Buffer.alloc(20);
  const fd = openSync(file, 'r');
  try {
    if (readSync(fd, header, 0, header.length, 0) < header.length) return false;
  } finally {
    closeSync(fd);
  }
  return header.toString('latin1', 0, 16) === SQLITE_MAGIC && header[18] === WAL_VERSION;
}

/**
 * A copy of the file (and of a -wal file left beside it) in a new folder of the temporary
 * directory, both readable by the owner alone: the stores hold customers' personal data. Taken
 * again should the file change meanwhile (a process starting on it), so the copy is one state of it.
 */
function privateCopyOf(file: string): string {
  for (let attempt = 1; ; attempt++) {
    const folder = mkdtempSync(join(tmpdir(), 'casetrail-read-only-'));
    const before = identityOf(file);
    for (const suffix of existsSync(`${file}-wal`) ? ['', '-wal'] : ['']) {
      const copy = join(folder, `${basename(file)}${suffix}`);
      // A clone where the file system can (instant, no space), a byte copy elsewhere.
      copyFileSync(`${file}${suffix}`, copy, constants.COPYFILE_FICLONE);
      chmodSync(copy, 0o600);
    }
    if (identityOf(file) === before) return folder;
    rmSync(folder, { recursive: true, force: true });
    if (attempt === COPY_ATTEMPTS) {
      throw new Error(
        `${file} kept changing while it was copied to be read: stop what writes to it, and check again`,
      );
    }
  }
}

/** What a write to the file or its -wal changes, or a file put in its place. */
function identityOf(file: string): string {
  return [file, `${file}-wal`]
    .map((path) => statSync(path, { bigint: true, throwIfNoEntry: false }))
    .map((stats) => (stats ? `${stats.ino}:${stats.size}:${stats.mtimeNs}` : 'none'))
    .join('/');
}
