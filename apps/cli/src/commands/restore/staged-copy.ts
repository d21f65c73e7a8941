import { createHash } from 'node:crypto';
import {
  closeSync,
  createReadStream,
  createWriteStream,
  existsSync,
  fsyncSync,
  linkSync,
  openSync,
  renameSync,
  unlinkSync,
} from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createOwnerOnlyFile } from '../shared/owner-only-file';
import type { BackupFile } from './verified-backup';

/**
 * Copies a backup file to `staged` (a name of its own, never the store's), owner-only (0600: it
 * holds customers' data) from its first byte, and flushed to disk. The bytes are hashed as they are
 * written: a file that changed since it was verified, or a copy the disk got wrong, is refused.
 * Not `copyFileSync`, which gives the copy the source's mode (a backup copied around may be 0644).
 */
export async function stageCopy(source: string, staged: string, expected: BackupFile): Promise<void> {
  const hash = createHash('sha256');
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  // Exactly 0600 whatever the umask; the folder around it is owner-only too.
  const fd = createOwnerOnlyFile(staged);
  try {
    await pipeline(createReadStream(source), hashing, createWriteStream('', { fd, autoClose: false }));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  const sha256 = hash.digest('hex');
  if (sha256 !== expected.sha256) {
    throw new Error(
      `${expected.name} changed while it was copied (SHA-256 ${sha256}, not the ${expected.sha256} recorded)`,
    );
  }
}

/**
 * Gives a staged file its real name in one step, so that name only ever holds a whole file: a
 * crash before this leaves the staged copy under its own name, never half a store under the real
 * one. A hard link, not a rename, so a file that appeared under the real name meanwhile (a server
 * started during the restore) is refused rather than replaced under that server; a filesystem
 * without hard links gets the rename, after a last look.
 */
export function placeWithoutReplacing(staged: string, final: string): void {
  try {
    linkSync(staged, final);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw appeared(final);
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
    if (existsSync(final)) throw appeared(final);
    renameSync(staged, final);
    return;
  }
  unlinkSync(staged);
}

/** Flushes a folder's entries (the renames and links made in it) to disk; best effort. */
export function syncFolder(folder: string): void {
  try {
    const fd = openSync(folder, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some filesystems do not sync folders; the entries reach the disk with the next sync.
  }
}

function appeared(final: string): Error {
  return new Error(`${final} appeared while the restore ran: another process is using DATA_DIR`);
}
