import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';

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

/**
 * SQLite's own consistency check of an existing file (`quick_check`: every page and record well
 * formed, O(file size)) before a store opens it. Without it a file damaged in the middle opens
 * fine and fails, or answers wrongly, only when the damaged pages are read.
 */
export function checkSqliteFile(file: string, role: SqliteFileRole): void {
  if (!existsSync(file)) return;
  let problems: string[];
  try {
    const db = new Database(file, { fileMustExist: true });
    try {
      problems = (db.pragma('quick_check(5)') as { quick_check: string }[]).map((row) =>
        row.quick_check.replace(/\s+/g, ' ').trim(),
      );
    } finally {
      db.close();
    }
  } catch (error) {
    throw sqliteFileError(file, role, error);
  }
  if (problems.length !== 1 || problems[0] !== 'ok')
    throw new StorageFileError(damaged(file, role, problems.join('; ')));
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
  return new StorageFileError(
    `The ${role.name} file ${file} cannot be opened: ${message}${kind ? ` (${kind})` : ''}.`,
    { cause: error },
  );
}

function damaged(file: string, role: SqliteFileRole, problem: string): string {
  return `The ${role.name} file ${file} is damaged (SQLite: ${problem}); not starting on it. ${role.remedy}`;
}
