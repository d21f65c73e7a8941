import { setImmediate as nextTurn } from 'node:timers/promises';
import type { BatchHandler, GlobalPosition, RecordedEvent, Subscription } from '../event-store.port';

export interface PollingSubscriptionOptions {
  after: GlobalPosition;
  batchSize: number;
  /** Pause between looks at the log once caught up; the only way to notice other processes' appends. */
  pollIntervalMs: number;
  /** Once caught up, how long new events gather before a batch is handed over (0: at once). */
  batchWindowMs?: number;
}

/** Reads at most `maxCount` events after `after`, in position order. */
export type BatchReader = (after: GlobalPosition, maxCount: number) => RecordedEvent[];

/**
 * Catch-up-then-live subscription over a log that can only be polled (SQLite has no change feed
 * across processes). The same loop serves catch-up and live tailing: read a batch, hand it over,
 * and only when a read comes back empty wait for the poll interval or an in-process `wake()`.
 * With a batch window, a read that is not a full batch (the subscription is at the head of the log)
 * waits out the window and reads again, so live events arrive in fewer, larger batches.
 */
export class PollingSubscription implements Subscription {
  readonly done: Promise<void>;
  private stopRequested = false;
  private cancelIdle: (() => void) | undefined;
  private cancelWindow: (() => void) | undefined;

  constructor(
    private readonly readBatch: BatchReader,
    private readonly options: PollingSubscriptionOptions,
    private readonly handler: BatchHandler,
  ) {
    this.done = this.run();
  }

  /** Cuts the idle wait short: the store calls this after an in-process append. */
  wake(): void {
    this.cancelIdle?.();
  }

  async stop(): Promise<void> {
    this.stopRequested = true;
    this.wake();
    this.cancelWindow?.();
    // A failed subscription is already stopped; its error belongs to `done`, not to stop().
    await this.done.catch(() => undefined);
  }

  private async run(): Promise<void> {
    // Never call the handler before subscribeToAll has returned the subscription to its caller.
    await nextTurn();
    let after = this.options.after;
    while (!this.stopRequested) {
      let batch = this.readBatch(after, this.options.batchSize);
      if (batch.length === 0) {
        await this.idle();
        continue;
      }
      const windowMs = this.options.batchWindowMs ?? 0;
      if (windowMs > 0 && batch.length < this.options.batchSize) {
        await this.gather(windowMs);
        if (this.stopRequested) break;
        batch = this.readBatch(after, this.options.batchSize);
      }
      await this.handler(batch);
      after = batch[batch.length - 1].position;
      // A long catch-up must not starve the process's other work (HTTP requests, timers).
      await nextTurn();
    }
  }

  /** The batch window: appends do not cut it short (that is its point), stop() does. */
  private gather(windowMs: number): Promise<void> {
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.cancelWindow = undefined;
        resolve();
      };
      const timer = setTimeout(finish, windowMs);
      this.cancelWindow = finish;
    });
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.cancelIdle = undefined;
        resolve();
      };
      const timer = setTimeout(finish, this.options.pollIntervalMs);
      this.cancelIdle = finish;
    });
  }
}
