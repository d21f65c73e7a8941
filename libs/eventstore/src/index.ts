export * from './event-store.port';
export * from './integrity';
export { openSqliteEventStore, SqliteEventStore } from './sqlite/sqlite-event-store';
export { SQLITE_EVENT_STORE_DEFAULTS } from './sqlite/sqlite-event-store.options';
export type { SqliteEventStoreOptions } from './sqlite/sqlite-event-store.options';
export { connectEsdbEventStore, EsdbEventStore } from './esdb/esdb-event-store';
export type { EsdbEventStoreOptions } from './esdb/esdb-event-store';
export { toGlobalPosition, toReadPosition } from './esdb/esdb-positions';
