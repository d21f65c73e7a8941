import { randomUUID } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  EventMetadata,
  EventStore,
  GlobalPosition,
  NewEvent,
  RecordedEvent,
  Subscription,
  WrongExpectedRevisionError,
} from './event-store.port';
import { chainEvents, GENESIS_HASH, HASH_FORMAT_FIELD, verifyStreamChain } from './integrity/hash-chain';
import { firstRevisionGap } from './revision-gap';

/** What an adapter does that others cannot, so the suite can hold each to what it promises. */
export interface EventStoreTraits {
  /**
   * The store stamps `recordedAt` itself at commit, and re-chains the events a caller chained so
   * that their hashes also cover it (format 2). EventStoreDB cannot: its time is the server's.
   */
  hashesRecordedAt: boolean;
  /**
   * Removes stored events behind the port's back, as damage or an operator would, so the suite can
   * check that a read shows the hole (every event keeps the revision it was stored at) instead of
   * closing it: a command's decision finds lost events that way (firstRevisionGap) on every store.
   * `opening`: the stream's first `count` events (EventStoreDB: truncate-before); `at`: one event in
   * the middle, where the store can lose one (SQLite: a deleted row; EventStoreDB cannot). Absent:
   * not checked.
   */
  loseEvents?: {
    opening(stream: string, count: number): Promise<void>;
    at?(stream: string, revision: number): Promise<void>;
  };
}

/**
 * The behaviour every EventStore adapter must show. Each adapter's spec calls this with a factory
 * for a store; tests use their own unique stream names and never assume the log is empty, so the
 * suite also runs against a shared EventStoreDB server.
 *
 * `open` is called before each test (the store is closed after it); `cleanup` runs once at the end.
 */
export function describeEventStoreContract(
  name: string,
  open: () => Promise<EventStore>,
  traits: EventStoreTraits,
  cleanup?: () => Promise<void>,
): void {
  describe(`${name} (EventStore contract)`, () => {
    let store: EventStore;
    const openSubscriptions: Subscription[] = [];

    beforeEach(async () => {
      store = await open();
    });

    afterEach(async () => {
      await Promise.all(openSubscriptions.splice(0).map((subscription) => subscription.stop()));
      await store.close();
    });

    if (cleanup) afterAll(cleanup);

    function subscribe(...args: Parameters<EventStore['subscribeToAll']>): Subscription {
      const subscription = store.subscribeToAll(...args);
      openSubscriptions.push(subscription);
      return subscription;
    }

    describe('append', () => {
      it("starts a stream with 'no-stream' at revision 0", async () => {
        const stream = uniqueStream('start');
        const result = await store.append(stream, [newEvent('Opened', { n: 0 })], 'no-stream');

        expect(result.nextExpectedRevision).toBe(0);
        expect(result.position).toBeGreaterThan(0);
        const [event] = await store.readStream(stream);
        expect(event).toMatchObject({ stream, revision: 0, position: result.position, type: 'Opened' });
        expect(event.data).toEqual({ n: 0 });
      });

      it('records several events in one append with consecutive revisions and increasing positions', async () => {
        const stream = uniqueStream('many');
        const result = await store.append(stream, numberedEvents(3), 'no-stream');

        const events = await store.readStream(stream);
        expect(events.map((event) => event.revision)).toEqual([0, 1, 2]);
        expectStrictlyIncreasing(events.map((event) => event.position));
        expect(result).toMatchObject({ nextExpectedRevision: 2, position: events[2].position });
      });

      it('reports the appended events, when it does, exactly as a read returns them', async () => {
        const stream = uniqueStream('recorded');
        await store.append(stream, numberedEvents(1), 'no-stream');
        // Values JSON does not keep as they are: a read returns them as stored, and so must this.
        const unusual = newEvent('Unusual', { absent: undefined, when: new Date(0) });
        const result = await store.append(stream, [...numberedEvents(2, 1), unusual], 0);

        if (result.recorded === undefined) return;
        expect(result.recorded).toStrictEqual(await store.readStream(stream, { fromRevision: 1 }));
      });

      it('continues a stream at the exact expected revision', async () => {
        const stream = uniqueStream('exact');
        await store.append(stream, numberedEvents(2), 'no-stream');
        const result = await store.append(stream, numberedEvents(1, 2), 1);

        expect(result.nextExpectedRevision).toBe(2);
        expect((await store.readStream(stream)).map((event) => event.data)).toEqual([
          { n: 0 },
          { n: 1 },
          { n: 2 },
        ]);
      });

      it("appends with 'any' to a new stream and to an existing one", async () => {
        const stream = uniqueStream('any');
        expect((await store.append(stream, numberedEvents(1), 'any')).nextExpectedRevision).toBe(0);
        expect((await store.append(stream, numberedEvents(2, 1), 'any')).nextExpectedRevision).toBe(2);
      });

      it('keeps the id it is given and generates a UUID otherwise', async () => {
        const stream = uniqueStream('ids');
        const givenId = randomUUID();
        await store.append(
          stream,
          [{ ...newEvent('Given', {}), id: givenId }, newEvent('Generated', {})],
          'any',
        );

        const [given, generated] = await store.readStream(stream);
        expect(given.id).toBe(givenId);
        expect(generated.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
      });

      it('stamps recordedAt with an ISO-8601 UTC instant', async () => {
        const stream = uniqueStream('recorded-at');
        await store.append(stream, numberedEvents(1), 'no-stream');

        const [event] = await store.readStream(stream);
        expect(event.recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
        expect(Number.isNaN(Date.parse(event.recordedAt))).toBe(false);
      });

      it('round-trips data and every metadata field, including extra ones, of an event not hash-chained', async () => {
        const stream = uniqueStream('round-trip');
        const data = {
          title: 'Printer on fire — ünïcødé ✓',
          tags: ['a', 'b'],
          nested: { level: 2, none: null },
        };
        const metadata: EventMetadata = {
          actor: 'alice@example.com',
          correlationId: randomUUID(),
          causationId: randomUUID(),
          commandId: randomUUID(),
          schemaVersion: 3,
          reason: 'customer asked',
          tenant: 'acme',
          attempt: 2,
        };
        await store.append(stream, [{ type: 'CaseOpened', data, metadata }], 'no-stream');

        const [event] = await store.readStream(stream);
        expect(event.data).toEqual(data);
        expect(asGiven(store, event.metadata)).toEqual(metadata);
        // A store that chains at commit chains every event, whether its caller chained it or not.
        if (store.chainsAtCommit) expect(event.metadata.hash).toMatch(/^[0-9a-f]{64}$/);
      });

      it('refuses an empty append', async () => {
        await expect(store.append(uniqueStream('empty'), [], 'any')).rejects.toThrow(RangeError);
      });

      it('refuses an event id that is not a UUID, and appends nothing', async () => {
        const stream = uniqueStream('bad-id');
        const events = [newEvent('Fine', {}), { ...newEvent('BadId', {}), id: 'not-a-uuid' }];

        await expect(store.append(stream, events, 'any')).rejects.toThrow(RangeError);
        expect(await store.readStream(stream)).toEqual([]);
      });
    });

    describe('hash chain', () => {
      /** Events chained by the caller, as the decision runner does before it appends. */
      const chained = (stream: string, firstRevision: number, previousHash: string, count: number) =>
        chainEvents(
          stream,
          firstRevision,
          previousHash,
          numberedEvents(count, firstRevision).map((event) => ({ ...event, id: randomUUID() })),
        );

      it('keeps a stream chained by its writer whole across appends, also when the writer links to hashes it computed itself', async () => {
        const stream = uniqueStream('chain');
        const first = chained(stream, 0, GENESIS_HASH, 2);
        await store.append(stream, first, 'no-stream');
        // Linked to the hash the writer computed, not to one read back (demo-data writes this way).
        await store.append(stream, chained(stream, 2, first[1].metadata.hash!, 2), 1);

        const events = await store.readStream(stream);
        expect(events).toHaveLength(4);
        expect(verifyStreamChain(events)).toBeUndefined();
      });

      if (traits.hashesRecordedAt) {
        it("marks chained events as hashed with their recorded time: another time, or the mark's removal, breaks the chain there", async () => {
          const stream = uniqueStream('chain-time');
          await store.append(stream, chained(stream, 0, GENESIS_HASH, 3), 'no-stream');
          const events = await store.readStream(stream);
          expect(events.map((event) => event.metadata[HASH_FORMAT_FIELD])).toEqual([2, 2, 2]);
          expect(verifyStreamChain(events)).toBeUndefined();

          const earlier = new Date(Date.parse(events[1].recordedAt) - 60_000).toISOString();
          const movedInTime = events.map((event) =>
            event.revision === 1 ? { ...event, recordedAt: earlier } : event,
          );
          expect(verifyStreamChain(movedInTime)).toMatchObject({ revision: 1, problem: 'hash-mismatch' });

          const unmarked = events.map((event) => {
            if (event.revision !== 1) return event;
            const { [HASH_FORMAT_FIELD]: _format, ...metadata } = event.metadata;
            return { ...event, metadata: metadata as EventMetadata };
          });
          expect(verifyStreamChain(unmarked)).toMatchObject({ revision: 1, problem: 'hash-mismatch' });
        });
      } else {
        it('keeps the hashes its writer computed (content only: the recorded time is not hashed)', async () => {
          const stream = uniqueStream('chain-content');
          const events = chained(stream, 0, GENESIS_HASH, 2);
          await store.append(stream, events, 'no-stream');

          const read = await store.readStream(stream);
          expect(read.map((event) => event.metadata)).toEqual(events.map((event) => event.metadata));
          expect(read.map((event) => event.metadata[HASH_FORMAT_FIELD])).toEqual([undefined, undefined]);
        });
      }
    });

    describe('optimistic concurrency', () => {
      it("rejects 'no-stream' on an existing stream with a typed error and appends nothing", async () => {
        const stream = uniqueStream('exists');
        await store.append(stream, numberedEvents(2), 'no-stream');

        const error = await store.append(stream, numberedEvents(1, 2), 'no-stream').catch((caught) => caught);

        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ stream, expected: 'no-stream', actual: 1 });
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('rejects an exact revision on a missing stream', async () => {
        const stream = uniqueStream('missing');

        const error = await store.append(stream, numberedEvents(1), 0).catch((caught) => caught);

        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ stream, expected: 0, actual: 'no-stream' });
        expect(await store.readStream(stream)).toEqual([]);
      });

      it('rejects a stale exact revision and appends none of the batch', async () => {
        const stream = uniqueStream('stale');
        await store.append(stream, numberedEvents(3), 'no-stream');

        const error = await store.append(stream, numberedEvents(2, 3), 1).catch((caught) => caught);

        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ stream, expected: 1, actual: 2 });
        expect(await store.readStream(stream)).toHaveLength(3);
      });

      it('lets exactly one of several concurrent appends with the same expected revision win', async () => {
        const stream = uniqueStream('race');
        await store.append(stream, numberedEvents(1), 'no-stream');

        const outcomes = await Promise.allSettled(
          Array.from({ length: 5 }, (_, writer) => store.append(stream, [newEvent('Raced', { writer })], 0)),
        );

        const winners = outcomes.filter((outcome) => outcome.status === 'fulfilled');
        const losers = outcomes.filter((outcome) => outcome.status === 'rejected');
        expect(winners).toHaveLength(1);
        for (const loser of losers) expect(loser.reason).toBeInstanceOf(WrongExpectedRevisionError);
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it("lets exactly one of two concurrent 'no-stream' appends create the stream", async () => {
        const stream = uniqueStream('create-race');

        const outcomes = await Promise.allSettled([
          store.append(stream, numberedEvents(1), 'no-stream'),
          store.append(stream, numberedEvents(1), 'no-stream'),
        ]);

        expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
        expect(await store.readStream(stream)).toHaveLength(1);
      });
    });

    describe('readStream', () => {
      let stream: string;
      beforeEach(async () => {
        stream = uniqueStream('read');
        await store.append(stream, numberedEvents(5), 'no-stream');
      });

      const revisions = (events: RecordedEvent[]) => events.map((event) => event.revision);

      it('reads forwards by default', async () => {
        expect(revisions(await store.readStream(stream))).toEqual([0, 1, 2, 3, 4]);
      });

      it('reads backwards from the last event', async () => {
        expect(revisions(await store.readStream(stream, { direction: 'backwards' }))).toEqual([
          4, 3, 2, 1, 0,
        ]);
      });

      it('reads forwards from an inclusive revision', async () => {
        expect(revisions(await store.readStream(stream, { fromRevision: 2 }))).toEqual([2, 3, 4]);
      });

      it('reads backwards from an inclusive revision', async () => {
        const events = await store.readStream(stream, { direction: 'backwards', fromRevision: 2 });
        expect(revisions(events)).toEqual([2, 1, 0]);
      });

      it('stops at maxCount in either direction', async () => {
        expect(revisions(await store.readStream(stream, { maxCount: 2 }))).toEqual([0, 1]);
        expect(revisions(await store.readStream(stream, { direction: 'backwards', maxCount: 1 }))).toEqual([
          4,
        ]);
        expect(revisions(await store.readStream(stream, { fromRevision: 1, maxCount: 2 }))).toEqual([1, 2]);
      });

      it('reads past the end as nothing', async () => {
        expect(await store.readStream(stream, { fromRevision: 5 })).toEqual([]);
      });

      it('reads an unknown stream as an empty array', async () => {
        expect(await store.readStream(uniqueStream('unknown'))).toEqual([]);
        expect(await store.readStream(uniqueStream('unknown'), { direction: 'backwards' })).toEqual([]);
      });

      const { loseEvents } = traits;
      (loseEvents ? it : it.skip)(
        'reads a stream that lost its opening events from its first stored revision, not renumbered',
        async () => {
          await loseEvents!.opening(stream, 2);
          const events = await store.readStream(stream);
          expect(revisions(events)).toEqual([2, 3, 4]);
          expect(events.map((event) => event.data)).toEqual([{ n: 2 }, { n: 3 }, { n: 4 }]);
          expect(firstRevisionGap(events)).toEqual({ missingRevision: 0, foundRevision: 2 });
        },
      );

      (loseEvents?.at ? it : it.skip)(
        'reads a stream that lost an event in the middle with the hole where it was',
        async () => {
          await loseEvents!.at!(stream, 2);
          const events = await store.readStream(stream);
          expect(revisions(events)).toEqual([0, 1, 3, 4]);
          expect(firstRevisionGap(events)).toEqual({ missingRevision: 2, foundRevision: 3 });
          // Its end still reads as it was: only a read of the whole stream shows the hole.
          expect(revisions(await store.readStream(stream, { direction: 'backwards', maxCount: 1 }))).toEqual([
            4,
          ]);
        },
      );
    });

    describe('readAll', () => {
      it('reads the global log in batches, exclusive of `after`, with strictly increasing positions', async () => {
        const start = await store.headPosition();
        const first = uniqueStream('all-a');
        const second = uniqueStream('all-b');
        await store.append(first, numberedEvents(3), 'no-stream');
        await store.append(second, numberedEvents(2), 'no-stream');
        await store.append(first, numberedEvents(2, 3), 2);

        const batches = await readAllInBatches(store, start, 2);

        for (const batch of batches) expect(batch.length).toBeLessThanOrEqual(2);
        const all = batches.flat();
        expectStrictlyIncreasing(all.map((event) => event.position));
        expect(all.every((event) => event.position > start)).toBe(true);
        const ours = all.filter((event) => event.stream === first || event.stream === second);
        expect(ours.map((event) => `${event.stream === first ? 'a' : 'b'}${event.revision}`)).toEqual([
          'a0',
          'a1',
          'a2',
          'b0',
          'b1',
          'a3',
          'a4',
        ]);
        expect(ours[0]).toMatchObject({ type: 'Numbered', data: { n: 0 } });
        expect(asGiven(store, ours[0].metadata)).toEqual(metadataFor('Numbered'));
      });

      it('starts right after the given position', async () => {
        const stream = uniqueStream('after');
        await store.append(stream, numberedEvents(3), 'no-stream');
        const [firstEvent, secondEvent] = await store.readStream(stream);

        const [next] = await store.readAll({ after: firstEvent.position, maxCount: 1 });

        expect(next).toMatchObject({ id: secondEvent.id, position: secondEvent.position });
      });

      it('reads none of the events at or before the head', async () => {
        const stream = uniqueStream('head');
        await store.append(stream, numberedEvents(2), 'no-stream');

        const after = await store.readAll({ after: await store.headPosition(), maxCount: 10 });

        // Only our stream is checked: on a shared server other writers may append meanwhile.
        expect(after.filter((event) => event.stream === stream)).toEqual([]);
      });
    });

    describe('headPosition and ping', () => {
      it('moves the head to the position of the newest event', async () => {
        const before = await store.headPosition();
        const result = await store.append(uniqueStream('head'), numberedEvents(2), 'no-stream');
        const after = await store.headPosition();

        expect(before).toBeLessThan(result.position);
        expect(after).toBeGreaterThanOrEqual(result.position);
      });

      it('scans the log after a position for the last event of the given types', async () => {
        const stream = uniqueStream('types');
        await store.append(
          stream,
          [newEvent('ContractTypeA', {}), newEvent('ContractTypeB', {})],
          'no-stream',
        );
        const [first, second] = await store.readStream(stream);
        const scan = store.scanForTypes!.bind(store);

        expect(await scan({ after: first.position - 1, types: ['ContractTypeA'], maxCount: 2 })).toEqual({
          through: second.position,
          lastMatch: first.position,
        });
        expect(await scan({ after: first.position, types: ['ContractTypeA'], maxCount: 1 })).toEqual({
          through: second.position,
        });
        expect(
          await scan({ after: first.position - 1, types: ['ContractTypeB', 'Other'], maxCount: 1 }),
        ).toEqual({ through: first.position });
        expect(
          await scan({ after: first.position - 1, types: ['ContractTypeA', 'ContractTypeB'], maxCount: 2 }),
        ).toEqual({ through: second.position, lastMatch: second.position });
      });

      it('scans nothing after the head', async () => {
        await store.append(uniqueStream('types'), [newEvent('ContractTypeA', {})], 'no-stream');
        const head = await store.headPosition();

        const scan = await store.scanForTypes!({ after: head, types: ['ContractTypeA'], maxCount: 10 });

        // On a shared server other writers may append meanwhile, but never one of this type.
        expect(scan.lastMatch).toBeUndefined();
      });

      it('answers a ping', async () => {
        await expect(store.ping()).resolves.toBeUndefined();
      });
    });

    describe('subscribeToAll', () => {
      it('catches up from the checkpoint, then delivers live appends, in order and in bounded batches', async () => {
        const stream = uniqueStream('live');
        const checkpoint = await store.headPosition();
        await store.append(stream, numberedEvents(5), 'no-stream');
        const seen = new EventCollector((event) => event.stream === stream);

        seen.watch(subscribe({ after: checkpoint, batchSize: 2 }, seen.handler));
        await seen.untilCount(5);
        await store.append(stream, numberedEvents(3, 5), 4);
        await seen.untilCount(8);

        expect(seen.events.map((event) => event.revision)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
        expect(Math.max(...seen.batchSizes)).toBeLessThanOrEqual(2);
        expectStrictlyIncreasing(seen.allPositions);
        expect(seen.allPositions.every((position) => position > checkpoint)).toBe(true);
      });

      it('with a batch window, hands over live events appended in quick succession as one batch', async () => {
        const stream = uniqueStream('window');
        const ofStreamPerBatch: number[] = [];
        const seen = new EventCollector(
          (event) => event.stream === stream,
          async (batch) => {
            const ofStream = batch.filter((event) => event.stream === stream).length;
            if (ofStream > 0) ofStreamPerBatch.push(ofStream);
          },
        );
        seen.watch(subscribe({ after: await store.headPosition(), batchWindowMs: 1_000 }, seen.handler));

        await store.append(stream, numberedEvents(1), 'no-stream');
        await store.append(stream, numberedEvents(1, 1), 0);
        await store.append(stream, numberedEvents(1, 2), 1);
        await seen.untilCount(3);

        expect(ofStreamPerBatch).toEqual([3]);
        expect(seen.events.map((event) => event.revision)).toEqual([0, 1, 2]);
      });

      it('refuses a batch window that is not a number of milliseconds', () => {
        for (const batchWindowMs of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
          expect(() => store.subscribeToAll({ after: 0, batchWindowMs }, async () => undefined)).toThrow(
            RangeError,
          );
        }
      });

      it('treats `after` as exclusive', async () => {
        const stream = uniqueStream('exclusive');
        await store.append(stream, numberedEvents(3), 'no-stream');
        const [first] = await store.readStream(stream);
        const seen = new EventCollector((event) => event.stream === stream);

        seen.watch(subscribe({ after: first.position }, seen.handler));
        await seen.untilCount(2);

        expect(seen.events.map((event) => event.revision)).toEqual([1, 2]);
      });

      it('hands over one batch at a time', async () => {
        const stream = uniqueStream('serial');
        const checkpoint = await store.headPosition();
        await store.append(stream, numberedEvents(6), 'no-stream');
        let inFlight = 0;
        let mostInFlight = 0;
        const seen = new EventCollector(
          (event) => event.stream === stream,
          async () => {
            inFlight += 1;
            mostInFlight = Math.max(mostInFlight, inFlight);
            await nextTurn();
            inFlight -= 1;
          },
        );

        seen.watch(subscribe({ after: checkpoint, batchSize: 1 }, seen.handler));
        await seen.untilCount(6);

        expect(mostInFlight).toBe(1);
      });

      it('stop() waits for the handler in flight, and no batch follows it', async () => {
        const stream = uniqueStream('stop');
        const checkpoint = await store.headPosition();
        await store.append(stream, numberedEvents(1), 'no-stream');
        const gate = new Gate();
        let handlerFinished = false;
        let callsAfterStop = 0;
        let stopResolved = false;
        const seen = new EventCollector(
          (event) => event.stream === stream,
          async (batch) => {
            if (stopResolved) callsAfterStop += 1;
            if (batch.some((event) => event.stream === stream)) {
              await gate.opened;
              handlerFinished = true;
            }
          },
        );
        const subscription = seen.watch(subscribe({ after: checkpoint }, seen.handler));
        await seen.untilHandlerEntered((event) => event.stream === stream);

        const stopping = subscription.stop().then(() => (stopResolved = true));
        for (let turn = 0; turn < 5; turn++) await nextTurn();
        expect(stopResolved).toBe(false);
        gate.open();
        await stopping;

        expect(handlerFinished).toBe(true);
        await store.append(stream, numberedEvents(1, 1), 0);
        await expect(subscription.done).resolves.toBeUndefined();
        for (let turn = 0; turn < 5; turn++) await nextTurn();
        expect(callsAfterStop).toBe(0);
      });

      it('rejects `done` with the error a handler throws, and can still be stopped', async () => {
        const stream = uniqueStream('failing');
        const checkpoint = await store.headPosition();
        await store.append(stream, numberedEvents(1), 'no-stream');
        const failure = new Error('projection failed');

        const subscription = subscribe({ after: checkpoint }, async (batch) => {
          if (batch.some((event) => event.stream === stream)) throw failure;
        });

        await expect(subscription.done).rejects.toBe(failure);
        await expect(subscription.stop()).resolves.toBeUndefined();
      });
    });
  });
}

/** A stream name no other test (or run, on a shared server) uses. */
function uniqueStream(purpose: string): string {
  return `contract_${purpose}-${randomUUID()}`;
}

/** The metadata as its caller gave it: a store that chains at commit adds the chain's fields. */
function asGiven(store: EventStore, metadata: EventMetadata): EventMetadata {
  if (!store.chainsAtCommit) return metadata;
  const { hash: _hash, previousHash: _previous, hashFormat: _format, ...given } = metadata;
  return given;
}

function metadataFor(type: string): EventMetadata {
  return { actor: 'system:contract', correlationId: `correlation-${type}`, schemaVersion: 1 };
}

function newEvent(type: string, data: Record<string, unknown>): NewEvent {
  return { type, data, metadata: metadataFor(type) };
}

/** Events carrying `{ n }` from `from` to `from + count - 1`, so reads can be checked by content. */
function numberedEvents(count: number, from = 0): NewEvent[] {
  return Array.from({ length: count }, (_, index) => newEvent('Numbered', { n: from + index }));
}

function expectStrictlyIncreasing(positions: GlobalPosition[]): void {
  for (let index = 1; index < positions.length; index++) {
    expect(positions[index]).toBeGreaterThan(positions[index - 1]);
  }
}

async function readAllInBatches(store: EventStore, after: GlobalPosition, maxCount: number) {
  const batches: RecordedEvent[][] = [];
  for (let cursor = after; ;) {
    const batch = await store.readAll({ after: cursor, maxCount });
    if (batch.length === 0) return batches;
    batches.push(batch);
    cursor = batch[batch.length - 1].position;
  }
}

/**
 * Records what a subscription delivers and lets a test wait for it without sleeping: waiters are
 * released from inside the handler, as soon as enough events of interest have arrived.
 */
class EventCollector {
  readonly events: RecordedEvent[] = [];
  readonly batchSizes: number[] = [];
  readonly allPositions: GlobalPosition[] = [];
  private readonly waiters: { ready: () => boolean; release: () => void; fail: (error: unknown) => void }[] =
    [];
  private enteredWith: RecordedEvent[] = [];
  private failure: { error: unknown } | undefined;

  constructor(
    private readonly ofInterest: (event: RecordedEvent) => boolean,
    private readonly onBatch: (batch: RecordedEvent[]) => Promise<void> = async () => undefined,
  ) {}

  readonly handler = async (batch: RecordedEvent[]): Promise<void> => {
    this.batchSizes.push(batch.length);
    this.allPositions.push(...batch.map((event) => event.position));
    this.enteredWith = batch;
    this.releaseReadyWaiters();
    await this.onBatch(batch);
    this.events.push(...batch.filter(this.ofInterest));
    this.releaseReadyWaiters();
  };

  /** A subscription that fails releases every waiter with its error instead of leaving it hanging. */
  watch(subscription: Subscription): Subscription {
    subscription.done.catch((error: unknown) => {
      this.failure = { error };
      for (const waiter of this.waiters.splice(0)) waiter.fail(error);
    });
    return subscription;
  }

  untilCount(count: number): Promise<void> {
    return this.until(() => this.events.length >= count);
  }

  untilHandlerEntered(predicate: (event: RecordedEvent) => boolean): Promise<void> {
    return this.until(() => this.enteredWith.some(predicate));
  }

  private until(ready: () => boolean): Promise<void> {
    if (ready()) return Promise.resolve();
    if (this.failure) return Promise.reject(this.failure.error);
    return new Promise((release, fail) => this.waiters.push({ ready, release, fail }));
  }

  private releaseReadyWaiters(): void {
    for (const waiter of [...this.waiters]) {
      if (!waiter.ready()) continue;
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.release();
    }
  }
}

class Gate {
  open!: () => void;
  readonly opened = new Promise<void>((resolve) => (this.open = resolve));
}
