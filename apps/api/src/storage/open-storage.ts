import * as path from 'node:path';
import type { AppConfig } from '../config/app-config';
import { checkSqliteFile, SqliteFileRole, sqliteFileError } from './sqlite-file-check';
import type { Storage } from './storage';

/**
 * Opens the stores the configuration names: EventStoreDB and MongoDB when their URLs are set,
 * otherwise the embedded SQLite files under DATA_DIR. Server drivers load only when used, so the
 * embedded default starts quickly and needs nothing else.
 */
export async function openStorage(config: AppConfig): Promise<Storage> {
  const eventStore = config.eventStoreUrl
    ? await (
        await import('@casetrail/eventstore/esdb/esdb-event-store')
      ).connectEsdbEventStore(config.eventStoreUrl)
    : await openEmbedded(path.join(config.dataDir, 'events.sqlite'), EVENT_STORE_FILE, async (file) =>
        (await import('@casetrail/eventstore/sqlite/sqlite-event-store')).openSqliteEventStore(file),
      );
  try {
    const readModels = config.mongodbUrl
      ? await (
          await import('@casetrail/readmodels/mongo/mongo-read-model-store')
        ).connectMongoReadModelStore(config.mongodbUrl)
      : await openEmbedded(path.join(config.dataDir, 'readmodels.sqlite'), READ_MODEL_FILE, async (file) =>
          (await import('@casetrail/readmodels/sqlite/sqlite-read-model-store')).openSqliteReadModelStore(
            file,
          ),
        );
    return {
      eventStore,
      readModels,
      description: {
        eventStore: config.eventStoreUrl
          ? `EventStoreDB (${redact(config.eventStoreUrl)})`
          : 'SQLite (events.sqlite)',
        readModels: config.mongodbUrl
          ? `MongoDB (${redact(config.mongodbUrl)})`
          : 'SQLite (readmodels.sqlite)',
      },
      async close() {
        await Promise.allSettled([eventStore.close(), readModels.close()]);
      },
    };
  } catch (error) {
    await eventStore.close();
    throw error;
  }
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

/** An embedded file, checked first, so a damaged or unreadable one stops the start with its name. */
async function openEmbedded<Store>(
  file: string,
  role: SqliteFileRole,
  open: (file: string) => Promise<Store>,
): Promise<Store> {
  checkSqliteFile(file, role);
  try {
    return await open(file);
  } catch (error) {
    throw sqliteFileError(file, role, error);
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
