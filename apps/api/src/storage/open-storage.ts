import * as path from 'node:path';
import type { AppConfig } from '../config/app-config';
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
    : (await import('@casetrail/eventstore/sqlite/sqlite-event-store')).openSqliteEventStore(
        path.join(config.dataDir, 'events.sqlite'),
      );
  try {
    const readModels = config.mongodbUrl
      ? await (
          await import('@casetrail/readmodels/mongo/mongo-read-model-store')
        ).connectMongoReadModelStore(config.mongodbUrl)
      : (await import('@casetrail/readmodels/sqlite/sqlite-read-model-store')).openSqliteReadModelStore(
          path.join(config.dataDir, 'readmodels.sqlite'),
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

/** Connection strings may carry credentials: keep only scheme, host and port. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return 'configured';
  }
}
