import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { EVENTS_FILE, READ_MODELS_FILE } from '../backup/back-up-stores';

/**
 * What SQLite and Casetrail keep beside a store file. A `-wal` left next to a restored file would
 * be read as part of it (SQLite replays it into whatever file now has that name), and a
 * `.clean-close` record would wrongly vouch for it: they all go with the file they belong to.
 */
const COMPANIONS = ['', '-wal', '-shm', '-journal', '.clean-close'];

/**
 * The files of DATA_DIR a restore replaces: both stores with their companions, whether or not the
 * backup holds them (read models newer than a restored log would stop the next start), and the
 * other files the backup holds (the token secret).
 */
export function existingStoreFiles(dataDir: string, restoring: readonly string[]): string[] {
  const storeFiles = [EVENTS_FILE, READ_MODELS_FILE].flatMap((store) =>
    COMPANIONS.map((suffix) => `${store}${suffix}`),
  );
  const names = [...new Set([...storeFiles, ...restoring])];
  return names.filter((name) => existsSync(join(dataDir, name)));
}

/**
 * Moves `names` out of the way into a new owner-only folder of DATA_DIR named after the time,
 * kept rather than deleted: they are the installation's data until the restored copy has been
 * seen to work. A rename within DATA_DIR: no copy, no space needed, the files unchanged.
 */
export function moveAside(dataDir: string, names: readonly string[], now = new Date()): string {
  const folder = newFolderFor(dataDir, `replaced-by-restore-${now.toISOString().replace(/[:.]/g, '-')}`);
  for (const name of names) renameSync(join(dataDir, name), join(folder, name));
  return folder;
}

/** A folder of that name, or with a counter after it should two restores share a millisecond. */
function newFolderFor(dataDir: string, name: string): string {
  for (let attempt = 1; ; attempt++) {
    const folder = join(dataDir, attempt === 1 ? name : `${name}-${attempt}`);
    try {
      mkdirSync(folder, { mode: 0o700 });
      return folder;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
