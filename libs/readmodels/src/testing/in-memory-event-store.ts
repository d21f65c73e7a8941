import { randomUUID } from 'node:crypto';
import {
  WrongExpectedRevisionError,
  type AppendResult,
  type BatchHandler,
  type EventStore,
  type ExpectedRevision,
  type GlobalPosition,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
} from '@casetrail/eventstore';

const DEFAULT_BATCH_SIZE = 100;

/**
 * An in-process EventStore for tests of code that consumes events (projections, runners): the
 * port's semantics (revisions, global positions from 1, catch-up then live subscriptions that
 * deliver one batch at a time) without files. Not a contract-tested adapter.
 */
export class InMemoryEventStore implements EventStore {
  private readonly log: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly appendListeners = new Set<() => void>();

  async append(stream: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const existing = this.streams.get(stream) ?? [];
    const actual = existing.length === 0 ? 'no-stream' : existing.length - 1;
    const conflict =
      (expected === 'no-stream' && actual !== 'no-stream') ||
      (typeof expected === 'number' && expected !== actual);
    if (conflict) throw new WrongExpectedRevisionError(stream, expected, actual);
    const recordedAt = new Date().toISOString();
    for (const event of events) {
      const recorded: RecordedEvent = {
        id: event.id ?? randomUUID(),
        stream,
        revision: existing.length,
        position: this.log.length + 1,
        type: event.type,
        data: structuredClone(event.data),
        metadata: structuredClone(event.metadata),
        recordedAt,
      };
      existing.push(recorded);
      this.log.push(recorded);
    }
    this.streams.set(stream, existing);
    this.appendListeners.forEach((listener) => listener());
    return { nextExpectedRevision: existing.length - 1, position: this.log.length };
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const events = this.streams.get(stream) ?? [];
    const backwards = options.direction === 'backwards';
    const ordered = backwards ? [...events].reverse() : events;
    const from = options.fromRevision;
    const started =
      from === undefined
        ? ordered
        : ordered.filter((event) => (backwards ? event.revision <= from : event.revision >= from));
    return started.slice(0, options.maxCount ?? started.length);
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.log.slice(options.after, options.after + options.maxCount);
  }

  subscribeToAll(options: SubscribeOptions, handler: BatchHandler): Subscription {
    let stopped = false;
    let wake: (() => void) | undefined;
    const listener = () => wake?.();
    this.appendListeners.add(listener);
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;

    const run = async () => {
      let after = options.after;
      try {
        while (!stopped) {
          const batch = await this.readAll({ after, maxCount: batchSize });
          if (batch.length > 0) {
            await handler(batch);
            after = batch[batch.length - 1].position;
            // Let timers (lease renewals) run between batches, as a real store's I/O would.
            await new Promise((resolve) => setImmediate(resolve));
            continue;
          }
          await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
        }
      } finally {
        this.appendListeners.delete(listener);
      }
    };
    const done = run();
    // `done` may reject before anyone awaits it; the subscriber learns of it through `done`.
    done.catch(() => undefined);
    return {
      done,
      stop: async () => {
        stopped = true;
        wake?.();
        await done.catch(() => undefined);
      },
    };
  }

  async headPosition(): Promise<GlobalPosition> {
    return this.log.length;
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}
}
