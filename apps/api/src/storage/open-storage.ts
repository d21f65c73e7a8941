import * as path from 'node:path';
import type { EventStore } from '@casetrail/eventstore';
import type { ReadModelStore } from '@casetrail/readmodels';
import type { AppConfig } from '../config/app-config';
import {
  checkSqliteFile,
  recordCleanClose,
  sqliteFileError,
  type SqliteFileCheck,
  type SqliteFileRole,
} from './sqlite-file-check';
import type { LeaseReader } from './lease-reader';
import { recordReadModelsOrigin } from './read-models-origin';
import { SqliteLeaseReader } from './sqlite-lease-reader';
import type { Storage } from './storage';

/** How a process opens its stores: the defaults suit every process but a rebuild's second thread. */
export interface StorageOptions {
  /**
   * Another thread of this process opened the same files moments ago, and checked them: they are
   * not checked again (the check reads the whole file: 15 s or more for a million events), nor
   * recorded as closed cleanly when this closes (that thread's close records it, after its last write).
   */
  openedByThisProcess?: boolean;
}

/**
 * Opens the stores the configuration names: EventStoreDB and MongoDB when their URLs are set,
 * otherwise the embedded SQLite files under DATA_DIR. Server drivers load only when used, so the
 * embedded default starts quickly and needs nothing else.
 */
export async function openStorage(
  config: AppConfig,
  { openedByThisProcess = false }: StorageOptions = {},
): Promise<Storage> {
  const events: OpenedStore<EventStore> = config.eventStoreUrl
    ? {
        store: await (
          await import('@casetrail/eventstore/esdb/esdb-event-store')
        ).connectEsdbEventStore(config.eventStoreUrl),
        description: `EventStoreDB (${redact(config.eventStoreUrl)})`,
      }
    : await openEmbedded(
        path.join(config.dataDir, 'events.sqlite'),
        EVENT_STORE_FILE,
        async (file) =>
          (await import('@casetrail/eventstore/sqlite/sqlite-event-store')).openSqliteEventStore(file),
        openedByThisProcess,
      );
  try {
    const readModels: OpenedStore<ReadModelStore> = config.mongodbUrl
      ? {
          store: await (
            await import('@casetrail/readmodels/mongo/mongo-read-model-store')
          ).connectMongoReadModelStore(config.mongodbUrl),
          description: `MongoDB (${redact(config.mongodbUrl)})`,
        }
      : await openEmbedded(
          path.join(config.dataDir, 'readmodels.sqlite'),
          READ_MODEL_FILE,
          async (file) =>
            (await import('@casetrail/readmodels/sqlite/sqlite-read-model-store')).openSqliteReadModelStore(
              file,
            ),
          openedByThisProcess,
        );
    // Connects only when first asked (by /health), and never takes a lease.
    const leases: LeaseReader = config.mongodbUrl
      ? new (await import('./mongo-lease-reader')).MongoLeaseReader(config.mongodbUrl)
      : new SqliteLeaseReader(path.join(config.dataDir, 'readmodels.sqlite'));
    if (readModels.createdAfresh) {
      await recordReadModelsOrigin(readModels.store, await events.store.headPosition());
    }
    return {
      eventStore: events.store,
      readModels: readModels.store,
      leases,
      description: { eventStore: events.description, readModels: readModels.description },
      async close() {
        // First: the last connection to close checkpoints and removes the write-ahead log.
        await leases.close().catch(() => undefined);
        const opened = [events, readModels];
        const closed = await Promise.allSettled(opened.map(({ store }) => store.close()));
        opened.forEach(({ closedCleanly }, index) => {
          if (closed[index].status === 'fulfilled') closedCleanly?.();
        });
      },
    };
  } catch (error) {
    await events.store.close();
    throw error;
  }
}

interface OpenedStore<Store> {
  store: Store;
  /** For logs and /health, without credentials. */
  description: string;
  /** Called once the store has closed without an error. */
  closedCleanly?: () => void;
  /** The file did not exist before this start. */
  createdAfresh?: boolean;
}

const EVENT_STORE_FILE: SqliteFileRole = {
  name: 'event store',
  remedy:
    'Restore events.sqlite (with its -wal file, if any) from a backup; the events are the only copy of the history.',
};
const READ_MODEL_FILE: SqliteFileRole = {
  name: 'read-model store',
  remedy: 'Move readmodels.sqlite away and start again: the read models are rebuilt from the events.',
};

/**
 * An embedded file, checked first, so a damaged or unreadable one stops the start with its name;
 * once closed cleanly, recorded as such, so the next start need not read it all again.
 */
async function openEmbedded<Store>(
  file: string,
  role: SqliteFileRole,
  open: (file: string) => Promise<Store>,
  openedByThisProcess: boolean,
): Promise<OpenedStore<Store>> {
  const check: SqliteFileCheck = openedByThisProcess
    ? { kind: 'opened-by-this-process' }
    : checkSqliteFile(file, role);
  let store: Store;
  try {
    store = await open(file);
  } catch (error) {
    throw sqliteFileError(file, role, error);
  }
  return {
    store,
    description: `SQLite (${path.basename(file)}; ${describeCheck(check)})`,
    closedCleanly: openedByThisProcess ? undefined : () => recordCleanClose(file),
    createdAfresh: check.kind === 'new',
  };
}

function describeCheck(check: SqliteFileCheck): string {
  switch (check.kind) {
    case 'new':
      return 'new';
    case 'unchanged':
      return 'unchanged since its last clean close, not read again';
    case 'checked':
      return `checked in full at start, ${(check.ms / 1000).toFixed(1)} s`;
    case 'opened-by-this-process':
      return 'opened and checked by another thread of this process';
  }
}

/** Connection strings may carry credentials: keep only scheme, host and port. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return 'configured';
  }
}
