export interface SqliteEventStoreOptions {
  /**
   * How often a caught-up subscription looks for new events. Polling is what makes events appended
   * by another process visible; appends made through this store wake subscriptions at once.
   */
  pollIntervalMs?: number;
  /**
   * While another process keeps appending, how soon a subscription notices its next append: the
   * store watches for other connections' commits this often after each one it saw, backing off to
   * `pollIntervalMs` once they stop (see OtherWritersWatch).
   */
  otherWritersMinIntervalMs?: number;
  /**
   * Wake subscriptions at once when another store on the same file in this process (on another
   * thread) commits, and tell those stores of this one's commits (see SameFileAppends). Tests of the
   * watch on other writers turn it off, so that only the watch can deliver.
   */
  sameFileWake?: boolean;
  /** How long an append waits for another connection's write lock before failing with SQLITE_BUSY. */
  busyTimeoutMs?: number;
  /** Batch size of subscriptions that do not choose one. */
  defaultBatchSize?: number;
  /** The store's clock, for `recordedAt`. */
  now?: () => Date;
}

export const SQLITE_EVENT_STORE_DEFAULTS = {
  pollIntervalMs: 25,
  otherWritersMinIntervalMs: 1,
  sameFileWake: true,
  busyTimeoutMs: 10_000,
  defaultBatchSize: 500,
  now: () => new Date(),
} satisfies Required<SqliteEventStoreOptions>;

/** Fills the options a caller left out (or set to undefined) with the defaults. */
export function resolveSqliteEventStoreOptions(
  options: SqliteEventStoreOptions,
): Required<SqliteEventStoreOptions> {
  return {
    pollIntervalMs: options.pollIntervalMs ?? SQLITE_EVENT_STORE_DEFAULTS.pollIntervalMs,
    otherWritersMinIntervalMs:
      options.otherWritersMinIntervalMs ?? SQLITE_EVENT_STORE_DEFAULTS.otherWritersMinIntervalMs,
    sameFileWake: options.sameFileWake ?? SQLITE_EVENT_STORE_DEFAULTS.sameFileWake,
    busyTimeoutMs: options.busyTimeoutMs ?? SQLITE_EVENT_STORE_DEFAULTS.busyTimeoutMs,
    defaultBatchSize: options.defaultBatchSize ?? SQLITE_EVENT_STORE_DEFAULTS.defaultBatchSize,
    now: options.now ?? SQLITE_EVENT_STORE_DEFAULTS.now,
  };
}
