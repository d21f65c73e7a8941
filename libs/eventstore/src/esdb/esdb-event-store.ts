import {
  AllStreamResolvedEvent,
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  ExpectedRevision as EsdbExpectedRevision,
  FORWARDS,
  jsonEvent,
  NO_STREAM,
  ReadPosition,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import {
  AppendResult,
  BatchHandler,
  EventStore,
  ExpectedRevision,
  GlobalPosition,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  ScanForTypesOptions,
  SubscribeOptions,
  Subscription,
  TypeScan,
  WrongExpectedRevisionError,
} from '../event-store.port';
import { assertAppendable, assertBatchWindow, assertPositiveCount } from '../shared/append-guards';
import { asJsonData, isOwnEvent, positionInAll, toRecordedEvent } from './esdb-event-mapping';
import { toGlobalPosition, toReadPosition } from './esdb-positions';
import { EsdbSubscription } from './esdb-subscription';

export interface EsdbEventStoreOptions {
  /** Batch size of subscriptions that do not choose one. */
  defaultBatchSize?: number;
  /** Whether close() disposes the client (true when the store created it). */
  ownsClient?: boolean;
}

/**
 * Fewest records one `$all` page asks for: system events are skipped client-side on reads, so a
 * page sized exactly to what the caller wants could come back with nothing of ours in it.
 */
const MIN_ALL_PAGE = 32;
const HEAD_SEARCH_PAGE = 100;

function toEsdbExpectedRevision(expected: ExpectedRevision): EsdbExpectedRevision {
  if (expected === 'any') return ANY;
  if (expected === 'no-stream') return NO_STREAM;
  return BigInt(expected);
}

async function collect<T>(read: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  // Always drain a read to its end: breaking out early would leave its gRPC call open.
  for await (const item of read) items.push(item);
  return items;
}

/**
 * The production event store, over EventStoreDB's gRPC client. Stream names are used as given
 * (ours never start with `$`); events are JSON with JSON metadata. See esdb-positions.ts for how
 * `$all` positions become GlobalPositions. Needs EventStoreDB 22.6 or later for positions on
 * stream reads (see UNKNOWN_POSITION).
 */
export class EsdbEventStore implements EventStore {
  private readonly subscriptions = new Set<EsdbSubscription>();
  private readonly defaultBatchSize: number;
  private readonly ownsClient: boolean;

  constructor(
    private readonly client: EventStoreDBClient,
    options: EsdbEventStoreOptions = {},
  ) {
    this.defaultBatchSize = options.defaultBatchSize ?? 500;
    this.ownsClient = options.ownsClient ?? true;
  }

  async append(stream: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    assertAppendable(stream, events, expected);
    // Events keep the hash chain the caller computed (format 1, content only): their recorded time
    // is the server's `created`, unknown until the append has happened, so unlike the SQLite store
    // this adapter cannot hash it, and the time EventStoreDB reports is not tamper-evident.
    const eventData = events.map((event) =>
      jsonEvent({ id: event.id, type: event.type, data: asJsonData(event.data), metadata: event.metadata }),
    );
    try {
      const result = await this.client.appendToStream(stream, eventData, {
        expectedRevision: toEsdbExpectedRevision(expected),
      });
      const nextExpectedRevision = Number(result.nextExpectedRevision);
      // The server reports the position of the last event written; older servers may omit it.
      const position = result.position
        ? toGlobalPosition(result.position)
        : await this.positionOfRevision(stream, nextExpectedRevision);
      return { nextExpectedRevision, position };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        const actual = error.actualVersion === NO_STREAM ? 'no-stream' : Number(error.actualVersion);
        throw new WrongExpectedRevisionError(stream, expected, actual);
      }
      throw error;
    }
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    if (options.maxCount === 0) return [];
    const backwards = options.direction === 'backwards';
    try {
      const read = this.client.readStream(stream, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision:
          options.fromRevision === undefined ? (backwards ? END : START) : BigInt(options.fromRevision),
        ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
      });
      const resolved = await collect(read);
      return resolved.flatMap((one) => (one.event ? [toRecordedEvent(one.event)] : []));
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    assertPositiveCount('maxCount', options.maxCount);
    const found: RecordedEvent[] = [];
    let cursor = options.after;
    while (found.length < options.maxCount) {
      // +1: a read from a position includes the record there, which the cursor already passed.
      const pageSize = Math.max(options.maxCount - found.length, MIN_ALL_PAGE) + 1;
      const page = await collect(
        this.client.readAll({ fromPosition: toReadPosition(cursor), maxCount: pageSize }),
      );
      const startedAt = cursor;
      for (const resolved of page) {
        const position = positionInAll(resolved);
        if (position === undefined || position <= cursor) continue;
        cursor = position;
        if (isOwnEvent(resolved) && found.length < options.maxCount)
          found.push(toRecordedEvent(resolved.event!));
      }
      const reachedEnd = page.length < pageSize || cursor === startedAt;
      if (reachedEnd) break;
    }
    return found;
  }

  async scanForTypes({ after, types, maxCount }: ScanForTypesOptions): Promise<TypeScan> {
    assertPositiveCount('maxCount', maxCount);
    // This client's readAll takes no server-side filter: one page of what follows `after` (+1: a
    // read from a position includes the record there), types compared here.
    const page = await collect(
      this.client.readAll({ fromPosition: toReadPosition(after), maxCount: maxCount + 1 }),
    );
    const wanted = new Set(types);
    let through = after;
    let lastMatch: GlobalPosition | undefined;
    let looked = 0;
    for (const resolved of page) {
      const position = positionInAll(resolved);
      if (position === undefined || position <= after || looked >= maxCount) continue;
      looked += 1;
      through = position;
      if (isOwnEvent(resolved) && wanted.has(resolved.event!.type)) lastMatch = position;
    }
    return { through, ...(lastMatch === undefined ? {} : { lastMatch }) };
  }

  subscribeToAll(options: SubscribeOptions, handler: BatchHandler): Subscription {
    const batchSize = options.batchSize ?? this.defaultBatchSize;
    assertPositiveCount('batchSize', batchSize);
    assertBatchWindow(options.batchWindowMs);
    const subscription = new EsdbSubscription(
      this.client,
      { after: options.after, batchSize, batchWindowMs: options.batchWindowMs },
      handler,
    );
    this.subscriptions.add(subscription);
    const forget = () => this.subscriptions.delete(subscription);
    subscription.done.then(forget, forget);
    return subscription;
  }

  /** Walks `$all` backwards past the server's own events to the newest event of ours. */
  async headPosition(): Promise<GlobalPosition> {
    let from: ReadPosition = END;
    for (;;) {
      const page: AllStreamResolvedEvent[] = await collect(
        this.client.readAll({ direction: BACKWARDS, fromPosition: from, maxCount: HEAD_SEARCH_PAGE }),
      );
      const newestOwn = page.find(isOwnEvent);
      if (newestOwn) return toGlobalPosition(newestOwn.event!.position);
      const oldest = page[page.length - 1]?.event?.position;
      if (page.length < HEAD_SEARCH_PAGE || oldest === undefined) return 0;
      from = oldest;
    }
  }

  async ping(): Promise<void> {
    await collect(this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }));
  }

  /** Stops every subscription (waiting for in-flight handlers), then releases the client. */
  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    if (this.ownsClient) await this.client.dispose();
  }

  private async positionOfRevision(stream: string, revision: number): Promise<GlobalPosition> {
    const [event] = await this.readStream(stream, { fromRevision: revision, maxCount: 1 });
    return event.position;
  }
}

/** Connects with an EventStoreDB connection string, e.g. `esdb://localhost:2113?tls=false`. */
export function connectEsdbEventStore(
  connectionString: string,
  options: EsdbEventStoreOptions = {},
): EsdbEventStore {
  return new EsdbEventStore(EventStoreDBClient.connectionString(connectionString), {
    ownsClient: true,
    ...options,
  });
}
