import Database from 'better-sqlite3';
import {
  chmodSync,
  closeSync,
  openSync,
  rmSync,
  copyFileSync,
  existsSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { jwtSecretFile, type AppConfig } from '../../../../api/src/config/app-config';
import { LEASES_TABLE } from '@casetrail/readmodels/sqlite/sqlite-names';
import { damageIn, type DamagedLog } from './damaged-log';
import { sha256Of } from './file-sha256';
import { requireOutsideDataDir } from './outside-data-dir';
import { makePrivateFolder } from './private-folder';
import { KEYED_NO_OPS_JOURNAL } from '../../../../api/src/commands/keyed-no-op-journal';
import { DELIVERY_JOURNAL } from '../../../../api/src/notifications/delivery/delivery-journal';
import { OUTBOX_PRUNING_JOURNAL } from '../../../../api/src/notifications/retention/outbox-pruning';

export const READ_MODELS_FILE = 'readmodels.sqlite';
export const EVENTS_FILE = 'events.sqlite';
export const MANIFEST_FILE = 'backup.json';
/**
 * Checkpoints in the read models that count something else than log positions: the journals that
 * sequence their own writes (deliveries, keyed commands that changed nothing, the outbox pruner's
 * deletions, numbered one past the outbox writer's checkpoint). Taken for positions, a busy desk's
 * count ran past the log's head and every backup was refused as inconsistent.
 */
const NOT_LOG_POSITIONS = new Set([DELIVERY_JOURNAL, KEYED_NO_OPS_JOURNAL, OUTBOX_PRUNING_JOURNAL]);

export interface BackupManifest {
  folder: string;
  createdAt: string;
  files: { name: string; bytes: number; sha256: string }[];
  /**
   * The copied log's last position, and the positions the copied read models had applied.
   * `damaged`, only when the copied log holds stored events that cannot be read: a backup that
   * cannot repair that damage, which `backup` and `restore` warn of.
   */
  eventLog?: { head: number; damaged?: DamagedLog };
  readModels?: { checkpoints: Record<string, number> };
}

/**
 * Copies the embedded stores into a new folder while the API, projector and notifier go on:
 *
 * 1. the read models, as one consistent snapshot (`VACUUM INTO` reads in one transaction, which
 *    WAL lets writers work beside);
 * 2. then the event log, the same way. Taken after the read models, it holds every event they
 *    had applied: restored together, the read models are at most a little behind their log and
 *    catch up, never ahead of it (which the API refuses to start on). Notifications of the
 *    events between the two snapshots may be mailed again after a restore, with the same
 *    Message-ID;
 * 3. the token secret, without which no token minted before still works.
 *
 * Refuses a folder that exists and is not empty, so no earlier backup is overwritten, and one that
 * is DATA_DIR, inside it or around it (see `requireOutsideDataDir`); says at once when the folder
 * cannot be made or written (see `makePrivateFolder`), before anything is written. Writes
 * `backup.json`: every file with its SHA-256 (to check a copy of the backup later) and the
 * positions reached, checked to be consistent, and the stored events of the copied log that
 * cannot be read (`damageIn`), if any.
 */
export async function backUpStores(
  config: AppConfig,
  folder: string,
  say: (line: string) => void,
): Promise<BackupManifest> {
  const target = resolve(folder);
  requireOutsideDataDir(config.dataDir, target);
  requireEmptyFolder(target);
  const created = makePrivateFolder(target, 'the backup folder');
  try {
    return await copyStores(config, target, say);
  } catch (error) {
    // A half-made backup is no backup, holds customers' data, and would make the next try "not empty".
    for (const name of readdirSync(target)) rmSync(join(target, name), { force: true });
    if (created.length > 0) rmSync(created[0], { recursive: true, force: true });
    throw new Error(`Backup into ${target} failed, and what it had copied is removed: ${describe(error)}`, {
      cause: error,
    });
  }
}

async function copyStores(
  config: AppConfig,
  target: string,
  say: (line: string) => void,
): Promise<BackupManifest> {
  const manifest: BackupManifest = { folder: target, createdAt: new Date().toISOString(), files: [] };

  const readModelsFile = join(config.dataDir, READ_MODELS_FILE);
  if (config.mongodbUrl)
    say('Read models: in MongoDB (MONGODB_URL); back them up with mongodump, before the event log');
  else if (existsSync(readModelsFile)) {
    snapshot(readModelsFile, join(target, READ_MODELS_FILE));
    dropLeases(join(target, READ_MODELS_FILE));
    manifest.readModels = { checkpoints: checkpointsIn(join(target, READ_MODELS_FILE)) };
    say(`Read models: copied ${READ_MODELS_FILE}`);
  } else say(`Read models: none in ${config.dataDir} (they are rebuilt from the log at the next start)`);

  if (config.eventStoreUrl)
    say('Event log: in EventStoreDB (EVENTSTORE_URL); back it up with its own tools, after the read models');
  else {
    snapshot(join(config.dataDir, EVENTS_FILE), join(target, EVENTS_FILE));
    const damaged = await damageIn(join(target, EVENTS_FILE));
    manifest.eventLog = { head: headOf(join(target, EVENTS_FILE)), ...(damaged && { damaged }) };
    say(`Event log: copied ${EVENTS_FILE} up to position ${manifest.eventLog.head}`);
  }

  const secretFile = jwtSecretFile(config);
  const secretName = basename(secretFile);
  if (config.jwtSecret) say('Token secret: AUTH_JWT_SECRET is set; keep its value with this backup');
  else if (existsSync(secretFile)) {
    copyFileSync(secretFile, join(target, secretName));
    chmodSync(join(target, secretName), 0o600);
    say(`Token secret: copied ${secretName}`);
  }

  assertConsistent(manifest);
  for (const name of readdirSync(target).sort()) {
    const file = join(target, name);
    manifest.files.push({ name, bytes: statSync(file).size, sha256: await sha256Of(file) });
  }
  writeFileSync(join(target, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  return manifest;
}

function requireEmptyFolder(folder: string): void {
  if (existsSync(folder) && !statSync(folder).isDirectory()) {
    throw new Error(`${folder} is a file: back up into a new folder`);
  }
  if (existsSync(folder) && readdirSync(folder).length > 0) {
    throw new Error(`${folder} is not empty: back up into a new folder, so no earlier backup is overwritten`);
  }
}

/** One consistent copy of a SQLite file, compacted, readable only by its owner (it holds customers' data). */
function snapshot(source: string, copy: string): void {
  // Created empty and owner-only first (VACUUM INTO fills an empty file), so no partial copy is
  // ever readable by others.
  closeSync(openSync(copy, 'wx', 0o600));
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    db.prepare('VACUUM INTO ?').run(copy);
  } finally {
    db.close();
  }
}

/**
 * Leases say which running process works on these stores (projections, SLA timers, notifier). In a
 * copy they would name the source's processes, still alive on this host, so a restore of the
 * backup would be refused as "in use" by a server that never touched it, and a rebuild there too.
 */
function dropLeases(readModelsCopy: string): void {
  const db = new Database(readModelsCopy, { fileMustExist: true });
  try {
    const hasTable = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")
      .get(LEASES_TABLE);
    if (hasTable) db.exec(`DELETE FROM ${LEASES_TABLE}`);
  } finally {
    db.close();
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function headOf(eventsFile: string): number {
  const db = new Database(eventsFile, { readonly: true });
  try {
    return (db.prepare('SELECT coalesce(max(position), 0) AS head FROM events').get() as { head: number })
      .head;
  } finally {
    db.close();
  }
}

function checkpointsIn(readModelsFile: string): Record<string, number> {
  const db = new Database(readModelsFile, { readonly: true });
  try {
    const hasTable = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'readmodel_checkpoints'")
      .get();
    if (!hasTable) return {};
    const rows = db
      .prepare('SELECT projection, position FROM readmodel_checkpoints ORDER BY projection')
      .all() as {
      projection: string;
      position: number;
    }[];
    return Object.fromEntries(
      rows
        .filter((row) => !NOT_LOG_POSITIONS.has(row.projection))
        .map((row) => [row.projection, row.position]),
    );
  } finally {
    db.close();
  }
}

/** The order above guarantees it; a failure here means the stores were already inconsistent. */
function assertConsistent(manifest: BackupManifest): void {
  const head = manifest.eventLog?.head;
  if (head === undefined || !manifest.readModels) return;
  for (const [projection, position] of Object.entries(manifest.readModels.checkpoints)) {
    if (position > head) {
      throw new Error(
        `The copied read models' ${projection} has applied the log up to position ${position}, beyond the copied log's end at ${head}: ` +
          'the running stores are already inconsistent (run `casetrail verify`); this backup is incomplete',
      );
    }
  }
}
