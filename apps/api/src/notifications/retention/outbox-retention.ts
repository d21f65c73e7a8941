import {
  isLeaseOwnerProcessGone,
  processLeaseOwner,
  silentProjectionLogger,
  type ProjectionLogger,
  type ReadModelStore,
} from '@casetrail/readmodels';
import type { Clock } from '../../runtime/runtime';
import { pruneOutboxPage } from './outbox-pruning';

export const OUTBOX_PRUNING_LEASE = 'notifications:outbox-pruning';
const DAY_MS = 86_400_000;

export interface OutboxRetentionOptions {
  readModels: ReadModelStore;
  clock: Clock;
  /** How long a sent notification's outbox row is kept (NOTIFY_RETENTION_DAYS). */
  retentionDays: number;
  logger?: ProjectionLogger;
  ownerId?: string;
  leaseTtlMs: number;
  /** Between passes of a sweep (default one minute); the first pass runs one interval after start. */
  intervalMs?: number;
  /**
   * From the end of one sweep to the next (default an hour): only sent notifications come of age
   * meanwhile (rows never to be sent are no longer stored), so sweeping more often would only
   * read the retained rows again.
   */
  sweepIntervalMs?: number;
  /** Rows looked at per page (one small delete each) and per pass. */
  pageSize?: number;
  rowsPerPass?: number;
}

/**
 * Keeps the outbox from growing for ever (see outbox-pruning.ts for what goes and why that is
 * safe): each pass looks at a few thousand rows in small pages, each page its own short write,
 * yielding to the event loop between pages (about 10 ms each), so an API that runs the pipeline
 * keeps answering. A sweep goes through the outbox in position order over as many passes as it
 * takes (a pass a minute); the next sweep starts an hour after, and looks at the rows kept for
 * their retention period again. One process prunes at a time, by lease. Measured: 50,768 rows of
 * an upgraded demo-data world (stored before the writer skipped them) went in 12 passes.
 */
export class OutboxRetention {
  private readonly ownerId: string;
  private readonly logger: ProjectionLogger;
  private sweepCursor?: string;
  private timer?: NodeJS.Timeout;
  private running = false;
  private current: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: OutboxRetentionOptions) {
    this.ownerId = options.ownerId ?? processLeaseOwner();
    this.logger = options.logger ?? silentProjectionLogger;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.current;
    await this.options.readModels.releaseLease(OUTBOX_PRUNING_LEASE, this.ownerId).catch(() => undefined);
  }

  /** One pass, if this process holds the lease: how many rows it deleted (undefined when another prunes). */
  async runOnce(): Promise<number | undefined> {
    const { readModels, leaseTtlMs } = this.options;
    if (
      !(await readModels.tryAcquireLease(
        OUTBOX_PRUNING_LEASE,
        this.ownerId,
        leaseTtlMs,
        isLeaseOwnerProcessGone,
      ))
    )
      return undefined;
    const pageSize = this.options.pageSize ?? 100;
    const rowsPerPass = this.options.rowsPerPass ?? 5_000;
    let pruned = 0;
    for (let scanned = 0; scanned < rowsPerPass;) {
      const page = await pruneOutboxPage(readModels, {
        now: this.options.clock.now(),
        retentionMs: this.options.retentionDays * DAY_MS,
        pageSize,
        cursor: this.sweepCursor,
      });
      scanned += page.scanned;
      pruned += page.pruned;
      this.sweepCursor = page.next;
      if (!page.next) break;
      // Off the hot path: let requests in between two pages.
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (pruned > 0) this.logger.info('pruned notifications no longer needed from the outbox', { pruned });
    return pruned;
  }

  private schedule(delayMs = this.options.intervalMs ?? 60_000): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.current = this.runOnce()
        .catch((error: unknown) =>
          this.logger.warn('outbox pruning failed; will retry', {
            error: error instanceof Error ? error.message : String(error),
          }),
        )
        .finally(() =>
          this.schedule(this.sweepCursor ? undefined : (this.options.sweepIntervalMs ?? 3_600_000)),
        );
    }, delayMs);
  }
}
