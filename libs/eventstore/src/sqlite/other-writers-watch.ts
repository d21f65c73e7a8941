export interface OtherWritersWatchOptions {
  /** The interval right after a change was seen: how soon the next of a run of changes is noticed. */
  minIntervalMs: number;
  /** The interval once things are quiet (it doubles on every look that finds nothing new, up to this). */
  maxIntervalMs: number;
}

/**
 * Notices commits made to the file by other connections (other processes: an API appending while
 * a projector subscribes), which SQLite cannot announce across processes. It looks at
 * `PRAGMA data_version`, a counter SQLite changes whenever another connection has committed, which
 * costs a few microseconds and reads no table, so it can look often: every `minIntervalMs` while
 * changes keep coming, backing off to `maxIntervalMs` when they stop. Commits made through this
 * connection do not change the counter; the store wakes its subscriptions for those itself.
 */
export class OtherWritersWatch {
  private timer?: NodeJS.Timeout;
  private intervalMs: number;
  private lastVersion: number | undefined;

  constructor(
    private readonly dataVersion: () => number,
    private readonly onChange: () => void,
    private readonly options: OtherWritersWatchOptions,
  ) {
    this.intervalMs = options.minIntervalMs;
  }

  /** Starts looking, soon at first (a no-op while already looking). */
  start(): void {
    if (this.timer) return;
    this.lastVersion ??= this.dataVersion();
    this.intervalMs = this.options.minIntervalMs;
    this.schedule();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    this.timer = setTimeout(() => this.look(), this.intervalMs);
    // The subscriptions' own poll timers keep the process alive; this one never needs to.
    this.timer.unref();
  }

  private look(): void {
    const version = this.dataVersion();
    if (version !== this.lastVersion) {
      this.lastVersion = version;
      this.intervalMs = this.options.minIntervalMs;
      this.onChange();
    } else {
      this.intervalMs = Math.min(this.intervalMs * 2, this.options.maxIntervalMs);
    }
    // onChange may have stopped the watch (a subscriber closing the store).
    if (this.timer) this.schedule();
  }
}
