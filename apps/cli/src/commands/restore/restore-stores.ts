import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { jwtSecretFile, type AppConfig } from '../../../../api/src/config/app-config';
import { EVENTS_FILE, READ_MODELS_FILE } from '../backup/back-up-stores';
import { makePrivateFolder } from '../backup/private-folder';
import { realPathOf } from '../backup/real-path';
import { existingStoreFiles, moveAside } from './existing-store-files';
import { placeWithoutReplacing, stageCopy, syncFolder } from './staged-copy';
import { requireStoresNotInUse } from './stores-in-use';
import { verifiedBackup, type BackupFile, type VerifiedBackup } from './verified-backup';

export interface RestoreOutcome {
  backup: VerifiedBackup;
  dataDir: string;
  /** Where DATA_DIR's earlier files went (with --force), and which they were. */
  movedAside?: { folder: string; names: string[] };
}

/**
 * Puts a backup's files in DATA_DIR in place of the stores there, refusing, with nothing changed:
 * a backup whose files do not match `backup.json`; a DATA_DIR any process is using; a DATA_DIR that
 * holds stores already, unless `force`, which moves them aside into a folder of DATA_DIR named
 * after the time (kept, not deleted).
 *
 * Every file is first copied whole beside DATA_DIR's files (in a staging folder of DATA_DIR, so
 * the last step is a link within one filesystem), then each is given its real name in one step:
 * a crash leaves a staging folder to delete, never half a file under a store's name. The log is
 * placed first: should the restore stop between two files, a log without read models is one the
 * next start rebuilds them from; read models without their log are refused at start.
 */
export async function restoreStores(
  config: AppConfig,
  folder: string,
  options: { force: boolean },
  say: (line: string) => void,
): Promise<RestoreOutcome> {
  const dataDir = resolve(config.dataDir);
  const restorable = [EVENTS_FILE, READ_MODELS_FILE, basename(jwtSecretFile(config))];
  const backup = await verifiedBackup(folder, restorable);
  say(
    `Checked ${backup.files.length} file(s) in ${backup.folder} against backup.json: every SHA-256 matches`,
  );
  const names = backup.files.map((file) => file.name);
  // Read models are built from a log: in embedded mode, without it they are refused at start, and
  // `rebuild` would empty them. (With EVENTSTORE_URL the log lives elsewhere, backed up by its tools.)
  if (!config.eventStoreUrl && names.includes(READ_MODELS_FILE) && !names.includes(EVENTS_FILE)) {
    throw new Error(
      `The backup in ${backup.folder} holds read models but no ${EVENTS_FILE}, the event log they were built from: nothing was restored`,
    );
  }
  if (realPathOf(backup.folder) === realPathOf(dataDir)) {
    throw new Error(`The backup folder ${backup.folder} is DATA_DIR itself: nothing to restore`);
  }
  if (!existsSync(dataDir)) makePrivateFolder(dataDir, 'DATA_DIR');

  await requireStoresNotInUse(dataDir);
  requireNothingToReplace(dataDir, names, options.force);

  mentionLeftStaging(dataDir, say);
  const staging = stagingFolderIn(dataDir);
  try {
    for (const file of backup.files) {
      await stageCopy(join(backup.folder, file.name), join(staging, file.name), file);
    }
    // Again, right before the switch: the copies may have taken minutes, and a server started meanwhile.
    await requireStoresNotInUse(dataDir);
    const replaced = requireNothingToReplace(dataDir, names, options.force);
    const movedAside =
      replaced.length > 0 ? { folder: moveAside(dataDir, replaced), names: replaced } : undefined;
    if (movedAside)
      say(`Moved DATA_DIR's earlier files aside into ${movedAside.folder}: ${replaced.join(', ')}`);
    try {
      for (const file of placingOrder(backup.files)) {
        placeWithoutReplacing(join(staging, file.name), join(dataDir, file.name));
      }
    } catch (error) {
      const kept = movedAside ? ` DATA_DIR's earlier files are in ${movedAside.folder}.` : '';
      throw new Error(`The restore into ${dataDir} stopped part way: ${(error as Error).message}.${kept}`, {
        cause: error,
      });
    }
    syncFolder(dataDir);
    return { backup, dataDir, movedAside };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

const STAGING_PREFIX = '.restore-staging-';

/**
 * Staging folders an interrupted restore left (killed before it could remove its own): copies of
 * customer data nobody needs, since files are placed from them whole or not at all. Named, not
 * removed: another restore into the same DATA_DIR may be staging in one right now.
 */
function mentionLeftStaging(dataDir: string, say: (line: string) => void): void {
  for (const name of readdirSync(dataDir)) {
    if (!name.startsWith(STAGING_PREFIX)) continue;
    say(`Found ${join(dataDir, name)}, left by an interrupted restore: delete it once no restore runs`);
  }
}

/** A new staging folder in DATA_DIR, or a refusal that says why DATA_DIR cannot take one. */
function stagingFolderIn(dataDir: string): string {
  try {
    return mkdtempSync(join(dataDir, STAGING_PREFIX));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
      throw new Error(
        `Cannot write in DATA_DIR ${dataDir} (${code}): nothing was restored; restore into a folder this user can write`,
        { cause: error },
      );
    }
    throw error;
  }
}

/** The files the restore would replace; refused unless `force`. */
function requireNothingToReplace(dataDir: string, restoring: readonly string[], force: boolean): string[] {
  const existing = existingStoreFiles(dataDir, restoring);
  if (existing.length > 0 && !force) {
    throw new Error(
      `DATA_DIR ${dataDir} already holds ${existing.join(', ')}, so nothing was restored. Run again with --force ` +
        'to move them aside into a new folder of DATA_DIR (kept, not deleted) and restore the backup in their place',
    );
  }
  return existing;
}

/** The token secret, the log, then the read models (see `restoreStores` for why the log first). */
function placingOrder(files: readonly BackupFile[]): BackupFile[] {
  const rank = (name: string) => [EVENTS_FILE, READ_MODELS_FILE].indexOf(name);
  return [...files].sort((a, b) => rank(a.name) - rank(b.name));
}
