import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { EventStore } from '@casetrail/eventstore';
import { ReadOnlySqliteEventStore } from '@casetrail/eventstore/sqlite/read-only-event-store';
import { ReadOnlySqliteFile } from '@casetrail/eventstore/sqlite/read-only-file';
import { loadConfig, type AppConfig } from '../../../../api/src/config/app-config';
import {
  assertPassesQuickCheck,
  sqliteFileError,
  unchangedSinceCleanClose,
  type SqliteFileRole,
} from '../../../../api/src/storage/sqlite-file-check';
import { EvidenceLog } from '../audit/evidence-log';
import { readModelEvidenceOf, type ReadModelEvidence } from '../audit/read-model-evidence';
import { ReadOnlySqliteReadModels } from '../audit/read-only-sqlite-read-models';

/** What the read-only commands (`verify`, `verify-projections`, `replay`, `export`) read. */
export interface Evidence {
  eventStore: EventStore;
  /** The event store read so that a row that cannot be read is reported, not a reason to stop. */
  log: EvidenceLog;
  /** Absent when not asked for, or asked for as optional and embedded mode has no file of them. */
  readModels?: ReadModelEvidence;
  /** Where the read models are, or would be: for messages. */
  readModelsLocation: string;
  /**
   * The log numbers its events 1, 2, 3, … with no gap, so a missing position is a deleted event.
   * True of the SQLite store: `position` is the table's rowid (INTEGER PRIMARY KEY, no
   * AUTOINCREMENT), which SQLite sets one above the largest in the table, and rows are never
   * deleted; an append that fails or rolls back takes its rowids back with it. EventStoreDB's
   * positions are byte offsets into its transaction log, with gaps between any two events.
   */
  gaplessPositions: boolean;
}

/** `required`: refuse without them; `optional`: go on without them; `none`: not opened at all. */
export type ReadModelNeed = 'required' | 'optional' | 'none';

const EVENTS_FILE = 'events.sqlite';
const READ_MODELS_FILE = 'readmodels.sqlite';

/**
 * Opens the configured stores for a command that only reads them, and always closes them. Unlike
 * `withRuntime` it changes nothing in DATA_DIR, which an auditor may have been handed as evidence
 * (a backup, listed in its `backup.json` with every file's checksum): no event store or read
 * models where there are none (a wrong DATA_DIR is refused, with its path, instead of verifying an
 * empty store it would create), no `auth-jwt-secret` (these commands mint no tokens), no
 * `.clean-close` records (they only spare the API a full check of a file at its next start, which
 * then checks it in full), and no byte of the files: the embedded stores are opened read-only, so
 * neither their journal mode, nor their schema, nor their statistics change, and no -wal or -shm
 * file is left that was not there (see ReadOnlySqliteFile for SQLite's rules). A live DATA_DIR is
 * read beside the processes writing to it.
 */
export async function withEvidence<T>(
  need: 'required',
  work: (evidence: Evidence & { readModels: ReadModelEvidence }) => Promise<T>,
): Promise<T>;
export async function withEvidence<T>(
  need: 'optional' | 'none',
  work: (evidence: Evidence) => Promise<T>,
): Promise<T>;
export async function withEvidence<T>(
  need: ReadModelNeed,
  work: (evidence: Evidence & { readModels: ReadModelEvidence }) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const opened: { close(): Promise<void> }[] = [];
  try {
    const eventStore = await openEventLog(config);
    opened.push(eventStore);
    const readModelsLocation = config.mongodbUrl
      ? 'MongoDB (MONGODB_URL)'
      : join(config.dataDir, READ_MODELS_FILE);
    const readModels = need === 'none' ? undefined : await openReadModels(config, need === 'required');
    if (readModels) opened.push(readModels);
    return await work({
      eventStore,
      log: new EvidenceLog(eventStore),
      readModels: readModels!,
      readModelsLocation,
      gaplessPositions: !config.eventStoreUrl,
    });
  } finally {
    await Promise.allSettled(opened.reverse().map((store) => store.close()));
  }
}

async function openEventLog(config: AppConfig): Promise<EventStore> {
  if (config.eventStoreUrl) {
    const { connectEsdbEventStore } = await import('@casetrail/eventstore/esdb/esdb-event-store');
    return connectEsdbEventStore(config.eventStoreUrl);
  }
  const file = requireEventLogFile(config);
  return openReadOnly(
    file,
    {
      name: 'event store',
      remedy: 'Restore it (with its -wal file, if any) from the copy it was taken from.',
    },
    (source) => new ReadOnlySqliteEventStore(source),
  );
}

/**
 * The embedded event store's file, which must exist: a command that reads the log (or rebuilds
 * from it) refuses a wrong DATA_DIR, naming it, instead of creating an empty store there.
 */
export function requireEventLogFile(config: AppConfig = loadConfig()): string {
  return requireDataDirFile(config, EVENTS_FILE, { name: 'event store', none: 'is no event store' });
}

/** A file of DATA_DIR a command reads, which must exist: a wrong DATA_DIR is refused, naming it. */
export function requireDataDirFile(
  config: AppConfig,
  fileName: string,
  holds: { name: string; none: string },
): string {
  if (!existsSync(config.dataDir)) {
    throw new Error(
      `DATA_DIR ${config.dataDir} does not exist: there ${holds.none} to read (set DATA_DIR to the folder that holds ${fileName})`,
    );
  }
  const file = join(config.dataDir, fileName);
  if (!existsSync(file)) {
    throw new Error(
      `No ${holds.name} at ${file}: nothing to read (set DATA_DIR to the folder that holds ${fileName})`,
    );
  }
  return file;
}

async function openReadModels(config: AppConfig, required: boolean): Promise<ReadModelEvidence | undefined> {
  if (config.mongodbUrl) {
    const { connectMongoReadModelStore } = await import('@casetrail/readmodels/mongo/mongo-read-model-store');
    return readModelEvidenceOf(await connectMongoReadModelStore(config.mongodbUrl));
  }
  const file = join(config.dataDir, READ_MODELS_FILE);
  if (!existsSync(file)) {
    if (!required) return undefined;
    throw new Error(
      `No read models at ${file}: nothing to compare with (\`casetrail rebuild\` builds them from the log)`,
    );
  }
  return openReadOnly(
    file,
    {
      name: 'read-model store',
      remedy: 'The read models can be rebuilt from the events (`casetrail rebuild`).',
    },
    (source) => new ReadOnlySqliteReadModels(source),
  );
}

/** A file that exists, opened read-only and checked first as the API checks it, so a damaged one is named. */
function openReadOnly<Store>(
  file: string,
  role: SqliteFileRole,
  open: (source: ReadOnlySqliteFile) => Store,
): Store {
  let source: ReadOnlySqliteFile | undefined;
  try {
    source = ReadOnlySqliteFile.open(file);
    assertSound(source, file, role);
    return open(source);
  } catch (error) {
    source?.close();
    throw sqliteFileError(file, role, error);
  }
}

/**
 * SQLite's `quick_check`, skipped as the API skips it for a file exactly as a process of ours left
 * it after a clean close (checkSqliteFile): reading a 1.2 GB log in full took 15 s to a minute,
 * which a `replay` of one case of a stopped deployment need not pay. Checked over the read-only
 * connection: the API's own check opens the file to write.
 */
function assertSound({ db }: ReadOnlySqliteFile, file: string, role: SqliteFileRole): void {
  if (!unchangedSinceCleanClose(file)) assertPassesQuickCheck(db, file, role, '');
}
