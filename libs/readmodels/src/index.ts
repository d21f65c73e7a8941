export * from './read-model-store.port';
export * from './read-model-errors';
export { findEach } from './documents/find-each';
export { bothAlternatives } from './documents/both-alternatives';
export { openSqliteReadModelStore, SqliteReadModelStore } from './sqlite/sqlite-read-model-store';
export type { SqliteReadModelStoreOptions } from './sqlite/sqlite-read-model-store';
export type { Projection } from './projections/projection';
export { silentProjectionLogger } from './projections/projection-logger';
export type { ProjectionLogger } from './projections/projection-logger';
export type { ProjectionState, ProjectionStatus } from './projections/projection-status';
export { ProjectionRunner } from './projections/projection-runner';
export type { ProjectionRunnerOptions } from './projections/projection-runner';
export type { RebuildLane, RebuildProgress, RebuildReadObserver } from './projections/one-pass-rebuild';
export type { SetAsideEvent, OnSetAside } from './projections/set-aside-events';
export { assertLogCoversCheckpoints, logBehindCheckpointMessage } from './projections/log-covers-checkpoints';
export { assertReadModelsCurrent, OutdatedReadModelsError } from './projections/read-models-current';
export {
  isLeaseOwnerProcessGone,
  markLeaseOwnersEnded,
  processLeaseOwner,
} from './leases/process-lease-owner';
