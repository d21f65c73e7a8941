import { resolve } from 'node:path';
import { isSameOrInside, realPathOf } from './real-path';

/**
 * Refuses a backup folder that is DATA_DIR, lies inside it, or holds it, symlinks resolved. A backup
 * inside DATA_DIR is lost with the disk, volume or folder it is meant to outlive, and it sits among
 * the live stores, where a restore that moves them aside (or an operator cleaning up) takes it
 * along; a backup folder that holds DATA_DIR is never empty, and would be the live data itself.
 */
export function requireOutsideDataDir(dataDir: string, folder: string): void {
  const data = realPathOf(dataDir);
  const backup = realPathOf(folder);
  const shown = (given: string, real: string) =>
    resolve(given) === real ? real : `${resolve(given)} (that is, ${real})`;
  const backupShown = shown(folder, backup);
  const dataShown = shown(dataDir, data);
  if (backup === data) {
    throw new Error(
      `The backup folder ${backupShown} is DATA_DIR ${dataShown} itself: back up into a folder outside DATA_DIR`,
    );
  }
  if (isSameOrInside(backup, data)) {
    throw new Error(
      `The backup folder ${backupShown} is inside DATA_DIR ${dataShown}: back up into a folder outside ` +
        'DATA_DIR, so the backup does not share the fate of the data it guards',
    );
  }
  if (isSameOrInside(data, backup)) {
    throw new Error(
      `DATA_DIR ${dataShown} is inside the backup folder ${backupShown}: back up into a new folder ` +
        'outside DATA_DIR',
    );
  }
}
