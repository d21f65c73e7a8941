import { setImmediate as nextTurn } from 'node:timers/promises';
import type { BatchHandler, GlobalPosition, RecordedEvent, Subscription } from '../event-store.port';

export interface PollingSubscriptionOptions {
  after: GlobalPosition;
  batchSize: number;
  /** Pause between looks at the log once caught up; the only way to notice other processes' appends. */
  pollIntervalMs: number;
}

/** Reads at most `maxCount` events after `after`, in position order. */
export type BatchReader = (after: GlobalPosition, maxCount: number) => RecordedEvent[];

/**
 * Catch-up-then-live subscription over a log that can only be polled (SQLite has no change feed
 * across processes). The same loop serves catch-up and live tailing: read a batch, hand it over,
 * and only when a read comes back empty wait for the poll interval or an in-process `wake()`.
 */
export class PollingSubscription implements Subscription {
  readonly done: Promise<void>;
  private stopRequested = false;
  private cancelIdle: (() => void) | undefined;

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
    // A failed subscription is already stopped; its error belongs to `done`, not to stop().
    await this.done.catch(() => undefined);
  }

  private async run(): Promise<void> {
    // Never call the handler before subscribeToAll has returned the subscription to its caller.
    await nextTurn();
    let after = this.options.after;
    while (!this.stopRequested) {
      const batch = this.readBatch(after, this.options.batchSize);
      if (batch.length === 0) {
        await this.idle();
        continue;
      }
      await this.handler(batch);
      after = batch[batch.length - 1].position;
      // A long catch-up must not starve the process's other work (HTTP requests, timers).
      await nextTurn();
    }
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
