import {
  AllStreamResolvedEvent,
  AllStreamSubscription,
  EventStoreDBClient,
  excludeSystemEvents,
} from '@eventstore/db-client';
import type { BatchHandler, GlobalPosition, RecordedEvent, Subscription } from '../event-store.port';
import { isOwnEvent, toRecordedEvent } from './esdb-event-mapping';
import { toReadPosition } from './esdb-positions';

export interface EsdbSubscriptionOptions {
  after: GlobalPosition;
  batchSize: number;
  /** When the client has less than a batch buffered, how long to let more events arrive first. */
  batchWindowMs?: number;
}

/**
 * A catch-up subscription to `$all` (the server replays history, then streams live events on the
 * same call), cut into batches for the port. A batch is whatever the client has already buffered,
 * up to `batchSize`: during catch-up that is full batches, when live it is each event as it comes,
 * so nothing waits for a batch to fill (unless the subscriber asked for a batch window: then a live
 * batch is taken that long after its first event). The next event is not pulled until the handler resolves,
 * and the client's stream applies back-pressure to the server meanwhile.
 */
export class EsdbSubscription implements Subscription {
  readonly done: Promise<void>;
  private stopRequested = false;
  private closing: Promise<void> | undefined;
  private readonly source: AllStreamSubscription;

  constructor(
    client: EventStoreDBClient,
    private readonly options: EsdbSubscriptionOptions,
    private readonly handler: BatchHandler,
  ) {
    this.source = client.subscribeToAll({
      fromPosition: toReadPosition(options.after),
      // Server-side filtering keeps the server's own events off the wire; toRecordedEvent drops
      // the rest of what is not ours (system streams, binary events).
      filter: excludeSystemEvents(),
    });
    this.done = this.run();
  }

  async stop(): Promise<void> {
    this.stopRequested = true;
    await this.close();
    // A failed subscription is already stopped; its error belongs to `done`, not to stop().
    await this.done.catch(() => undefined);
  }

  private async run(): Promise<void> {
    const incoming = this.source[Symbol.asyncIterator]();
    let after = this.options.after;
    try {
      while (!this.stopRequested) {
        const batch = await this.nextBatch(incoming, after);
        // A catch-up subscription never ends by itself; the server ending it is a failure to report.
        if (batch === undefined) throw new Error('EventStoreDB ended the $all subscription');
        if (batch.length === 0 || this.stopRequested) continue;
        await this.handler(batch);
        after = batch[batch.length - 1].position;
      }
    } catch (error) {
      // Closing the source on stop() ends the pending read with a premature-close error.
      if (!this.stopRequested) throw error;
    } finally {
      await this.close();
    }
  }

  /** Waits for one event, then takes what is already buffered; undefined when the source ended. */
  private async nextBatch(
    incoming: AsyncIterator<AllStreamResolvedEvent>,
    after: GlobalPosition,
  ): Promise<RecordedEvent[] | undefined> {
    const first = await incoming.next();
    if (first.done) return undefined;
    const resolved = [first.value];
    const windowMs = this.options.batchWindowMs ?? 0;
    if (windowMs > 0 && this.source.readableLength < this.options.batchSize - 1 && !this.stopRequested) {
      await new Promise((resolve) => setTimeout(resolve, windowMs));
    }
    while (resolved.length < this.options.batchSize && this.source.readableLength > 0) {
      const next = await incoming.next();
      if (next.done) break;
      resolved.push(next.value);
    }
    return resolved
      .filter(isOwnEvent)
      .map((own) => toRecordedEvent(own.event!))
      .filter((event) => event.position > after);
  }

  /** Cancels the server call, then ends the local stream so a pending read returns. Idempotent. */
  private close(): Promise<void> {
    this.closing ??= this.source.unsubscribe().then(() => {
      this.source.destroy();
    });
    return this.closing;
  }
}
