import { fchmodSync, openSync } from 'node:fs';

/**
 * Creates `file` (never replacing one: 'wx') readable and writable by its owner alone, 0600 from
 * its first byte whatever the umask, and returns its descriptor. For files that hold customers'
 * data (restored stores, audit bundles with internal notes and customers' emails), as the stores,
 * backups and `.eml` messages are.
 */
export function createOwnerOnlyFile(file: string): number {
  const fd = openSync(file, 'wx', 0o600);
  // The mode given to open is masked by the umask; this makes it exactly 0600.
  fchmodSync(fd, 0o600);
  return fd;
}
