import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * Makes a SQLite store file's place before SQLite opens it: a missing folder is created 0700 and a
 * missing file empty and 0600 (SQLite takes an empty file as a new database, and gives its -wal and
 * -shm files the main file's mode; it would create the file 0644 itself). Stores hold customers'
 * personal data, so they are the owner's alone. Existing folders and files keep the modes their
 * owner gave them. Should creating fail (a read-only folder), SQLite's own open fails next and says
 * why. The event store and the read models both open their files through this.
 */
export function preparePrivateStoreFile(file: string): void {
  if (file === ':memory:') return;
  mkdirSync(dirname(resolve(file)), { recursive: true, mode: 0o700 });
  try {
    closeSync(openSync(file, 'wx', 0o600));
  } catch {
    // Exists already, or SQLite's open reports the problem.
  }
}
