export * from './event-store.port';
export * from './integrity';
export * from './revision-gap';
export { openSqliteEventStore, SqliteEventStore } from './sqlite/sqlite-event-store';
export { preparePrivateStoreFile } from './sqlite/private-store-file';
export { SQLITE_EVENT_STORE_DEFAULTS } from './sqlite/sqlite-event-store.options';
export { StoreFileGoneError } from './sqlite/store-file-identity';
export type { SqliteEventStoreOptions } from './sqlite/sqlite-event-store.options';
// The EventStoreDB adapter is imported from '@casetrail/eventstore/esdb/esdb-event-store' where it
// is used, so the embedded default never loads its gRPC client.
