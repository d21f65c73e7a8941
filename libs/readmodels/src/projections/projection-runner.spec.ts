import type { EventStore, RecordedEvent } from '@casetrail/eventstore';
import type { ReadModelStore } from '../read-model-store.port';
import { SqliteReadModelStore } from '../sqlite/sqlite-read-model-store';
import { leaseOwnerOfExitedProcess } from '../testing/lease-owners';
import { InMemoryEventStore } from '../testing/in-memory-event-store';
import type { RebuildLane } from './one-pass-rebuild';
import type { Projection } from './projection';
import { ProjectionRunner, type ProjectionRunnerOptions } from './projection-runner';

const metadata = { actor: 'test', correlationId: 'c', schemaVersion: 1 };

interface StreamTotals {
  events: number;
  total: number;
}

/** Counts `ValueAdded` events per stream and sums their values. */
function totalsProjection(overrides: Partial<Projection> = {}): Projection {
  return {
    name: 'totals',
    collections: [{ name: 'stream_totals', indexedFields: ['total'] }],
    handles: ['ValueAdded'],
    async apply(event, tx) {
      const current = await tx.get<StreamTotals>('stream_totals', event.stream);
      tx.put('stream_totals', event.stream, {
        events: (current?.events ?? 0) + 1,
        total: (current?.total ?? 0) + (event.data as { value: number }).value,
      });
    },
    ...overrides,
  };
}

/** The totals doubled, into a collection of its own: a second projection over the same events. */
function doubledProjection(): Projection {
  return totalsProjection({
    name: 'doubled',
    collections: [{ name: 'doubled_totals', indexedFields: ['total'] }],
    async apply(event, tx) {
      const current = await tx.get<StreamTotals>('doubled_totals', event.stream);
      tx.put('doubled_totals', event.stream, {
        events: (current?.events ?? 0) + 1,
        total: (current?.total ?? 0) + 2 * (event.data as { value: number }).value,
      });
    },
  });
}

async function appendValues(eventStore: EventStore, count: number, offset = 0): Promise<number> {
  let position = 0;
  for (let index = offset; index < offset + count; index++) {
    const stream = `stream-${index % 5}`;
    const type = index % 7 === 0 ? 'Noise' : 'ValueAdded';
    ({ position } = await eventStore.append(stream, [{ type, data: { value: index }, metadata }], 'any'));
  }
  return position;
}

/** What the totals must be: computed straight from the log. */
async function expectedTotals(eventStore: EventStore): Promise<Record<string, StreamTotals>> {
  const totals: Record<string, StreamTotals> = {};
  for (const event of await eventStore.readAll({ after: 0, maxCount: 1_000_000 })) {
    if (event.type !== 'ValueAdded') continue;
    const current = (totals[event.stream] ??= { events: 0, total: 0 });
    current.events += 1;
    current.total += (event.data as { value: number }).value;
  }
  return totals;
}

async function storedTotals(readModels: ReadModelStore): Promise<Record<string, StreamTotals>> {
  const { items } = await readModels.find<StreamTotals & { id: string }>('stream_totals');
  return Object.fromEntries(items.map(({ id, events, total }) => [id, { events, total }]));
}

async function eventually(condition: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('ProjectionRunner', () => {
  let eventStore: InMemoryEventStore;
  let readModels: SqliteReadModelStore;
  const runners: ProjectionRunner[] = [];

  const runner = (options: Partial<ProjectionRunnerOptions> = {}) => {
    const created = new ProjectionRunner({
      eventStore,
      readModels,
      projections: [totalsProjection()],
      leaseTtlMs: 2_000,
      leaseRenewIntervalMs: 20,
      standbyRetryMs: 20,
      failureRetryMs: 10,
      batchSize: 16,
      pollIntervalMs: 10,
      // Stands still unless a test moves it: a busy machine never stores a catch-up's hold early.
      catchUpClock: () => 0,
      ...options,
    });
    runners.push(created);
    return created;
  };

  beforeEach(() => {
    eventStore = new InMemoryEventStore();
    readModels = new SqliteReadModelStore(':memory:');
  });

  afterEach(async () => {
    await Promise.all(runners.splice(0).map((created) => created.stop()));
    await readModels.close();
  });

  it('catches up from the checkpoint, then keeps up with new events', async () => {
    await appendValues(eventStore, 100);
    const active = runner();
    await active.start();
    expect(await active.catchUp(10_000)).toBe(true);
    expect(await storedTotals(readModels)).toEqual(await expectedTotals(eventStore));
    expect(await active.lag()).toEqual({ totals: 0 });

    const position = await appendValues(eventStore, 30, 100);
    expect(await active.waitForPosition(position, 10_000)).toBe(true);
    expect(await storedTotals(readModels)).toEqual(await expectedTotals(eventStore));
    expect(await readModels.getCheckpoint('totals')).toBe(position);
    const [status] = await active.status();
    expect(status).toEqual({
      name: 'totals',
      state: 'active',
      checkpoint: position,
      headPosition: position,
      lag: 0,
    });
  });

  it('calls apply only for the event types a projection handles, yet moves its checkpoint past the others', async () => {
    const seen = new Set<string>();
    const projection = totalsProjection();
    const active = runner({
      projections: [
        { ...projection, apply: (event, tx) => (seen.add(event.type), projection.apply(event, tx)) },
      ],
    });
    const position = await appendValues(eventStore, 20);
    await active.start();
    expect(await active.waitForPosition(position, 10_000)).toBe(true);
    expect([...seen]).toEqual(['ValueAdded']);
  });

  describe("one command's append", () => {
    /** Appends one event to each of `count` streams, each its own command. */
    const appendSingles = async (count: number, from: number) => {
      for (let index = from; index < from + count; index++) {
        await eventStore.append(`single-${index}`, [valueAdded(index, `single-${index}`)], 'any');
      }
    };
    const valueAdded = (value: number, correlationId: string) => ({
      type: 'ValueAdded',
      data: { value },
      metadata: { ...metadata, correlationId },
    });
    /** Records, for each event applied, the checkpoint stored at that moment. */
    const recordingProjection = (storedWhenApplying: Map<number, number>): Projection => ({
      name: 'recording',
      collections: [{ name: 'recorded', indexedFields: [] }],
      async apply(event, tx) {
        storedWhenApplying.set(event.position, await readModels.getCheckpoint('recording'));
        tx.put('recorded', String(event.position), { stream: event.stream });
      },
    });

    it('is applied in one batch even when a full batch ends in the middle of it', async () => {
      await appendSingles(2, 0);
      // A comment and the status change it causes: positions 3 and 4, the first batch ends at 3.
      await eventStore.append('case-1', [valueAdded(1, 'command'), valueAdded(2, 'command')], 'any');
      await appendSingles(3, 2);
      const storedWhenApplying = new Map<number, number>();
      const active = runner({
        projections: [recordingProjection(storedWhenApplying)],
        batchSize: 3,
        catchUpAfterFullBatches: 100,
      });
      await active.start();
      expect(await active.waitForPosition(7, 10_000)).toBe(true);
      // Nothing was stored between the command's two events, and every event was applied once.
      expect(storedWhenApplying.get(4)).toBe(storedWhenApplying.get(3));
      expect([...storedWhenApplying.keys()]).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(await readModels.count('recorded')).toBe(7);
    });

    it('that ends a full batch at the head is applied at once (no batch follows to complete it)', async () => {
      await appendSingles(1, 0);
      await eventStore.append('case-1', [valueAdded(1, 'command'), valueAdded(2, 'command')], 'any');
      const storedWhenApplying = new Map<number, number>();
      const active = runner({ projections: [recordingProjection(storedWhenApplying)], batchSize: 3 });
      await active.start();
      expect(await active.waitForPosition(3, 2_000)).toBe(true);
      expect(await readModels.count('recorded')).toBe(3);
    });
  });

  it('keeps a second runner on standby, which takes over when the active one stops', async () => {
    await appendValues(eventStore, 40);
    const first = runner();
    const second = runner();
    await first.start();
    await second.start();
    expect([(await first.status())[0].state, (await second.status())[0].state]).toEqual([
      'active',
      'standby',
    ]);
    expect(await second.catchUp(10_000)).toBe(true);

    await first.stop();
    await eventually(async () => (await second.status())[0].state === 'active');
    const position = await appendValues(eventStore, 40, 40);
    expect(await second.waitForPosition(position, 10_000)).toBe(true);
    expect(await storedTotals(readModels)).toEqual(await expectedTotals(eventStore));
    expect((await first.status())[0].state).toBe('stopped');
  });

  it('takes over the lease of a runner that vanished once it expires', async () => {
    await readModels.tryAcquireLease('projection:totals', 'vanished-runner', 300);
    const position = await appendValues(eventStore, 10);
    const standby = runner();
    await standby.start();
    expect((await standby.status())[0].state).toBe('standby');
    expect(await standby.waitForPosition(position, 10_000)).toBe(true);
    expect((await standby.status())[0].state).toBe('active');
  });

  it('stands by when its lease is taken, and applies nothing more', async () => {
    const active = runner();
    await active.start();
    expect(await active.waitForPosition(await appendValues(eventStore, 10), 10_000)).toBe(true);
    await readModels.releaseLease('projection:totals', active.runnerId);
    expect(await readModels.tryAcquireLease('projection:totals', 'intruder', 60_000)).toBe(true);
    await eventually(async () => (await active.status())[0].state === 'standby');
    const checkpoint = await readModels.getCheckpoint('totals');

    await appendValues(eventStore, 10, 10);
    expect(await active.waitForPosition(checkpoint + 10, 100)).toBe(false);
    expect(await readModels.getCheckpoint('totals')).toBe(checkpoint);
  });

  it('reports a failing projection and retries until it applies', async () => {
    let broken = true;
    const projection = totalsProjection();
    const active = runner({
      projections: [
        {
          ...projection,
          apply(event, tx) {
            if (broken && (event.data as { value: number }).value === 13) throw new Error('cannot handle 13');
            return projection.apply(event, tx);
          },
        },
      ],
    });
    const position = await appendValues(eventStore, 30);
    await active.start();
    await eventually(async () => (await active.status())[0].state === 'failed');
    expect((await active.status())[0]).toMatchObject({ state: 'failed', lastError: 'cannot handle 13' });
    expect(await readModels.getCheckpoint('totals')).toBeLessThan(position);

    broken = false;
    expect(await active.waitForPosition(position, 10_000)).toBe(true);
    const [status] = await active.status();
    expect(status.state).toBe('active');
    expect(status.lastError).toBeUndefined();
    expect(await storedTotals(readModels)).toEqual(await expectedTotals(eventStore));
  });

  describe('versions of a projection', () => {
    it('marks new read models with the version of the projection that builds them', async () => {
      await appendValues(eventStore, 20);
      const active = runner({ projections: [totalsProjection({ version: 3 })] });
      await active.start();
      expect(await active.catchUp(10_000)).toBe(true);
      expect(await readModels.getProjectionVersion('totals')).toBe(3);
    });

    it('refuses read models built by another version, applying nothing more, until they are rebuilt', async () => {
      const built = await appendValues(eventStore, 20);
      const older = runner();
      await older.start();
      expect(await older.catchUp(10_000)).toBe(true);
      await older.stop();
      const before = await storedTotals(readModels);

      const newer = runner({ projections: [totalsProjection({ version: 2 })] });
      await newer.start();
      await eventually(async () => (await newer.status())[0].state === 'failed');
      const [status] = await newer.status();
      expect(status.lastError).toMatch(/built by version 1 .* this release has version 2/);
      expect(status.lastError).toContain('casetrail rebuild totals');
      // Neither served further nor mixed with documents of the new version.
      await appendValues(eventStore, 10, 20);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await readModels.getCheckpoint('totals')).toBe(built);
      expect(await storedTotals(readModels)).toEqual(before);
      await newer.stop();

      const rebuilder = runner({ projections: [totalsProjection({ version: 2 })] });
      await rebuilder.rebuild('totals');
      expect(await readModels.getProjectionVersion('totals')).toBe(2);
      expect(await rebuilder.catchUp(10_000)).toBe(true);
      expect((await rebuilder.status())[0].state).toBe('active');
      expect(await storedTotals(readModels)).toEqual(await expectedTotals(eventStore));
    });

    it('takes read models built before versions were recorded for version 1', async () => {
      await appendValues(eventStore, 20);
      await readModels.applyBatch(
        'totals',
        await eventStore.readAll({ after: 0, maxCount: 20 }),
        () => undefined,
      );
      expect(await readModels.getProjectionVersion('totals')).toBeUndefined();

      const active = runner();
      await active.start();
      expect(await active.catchUp(10_000)).toBe(true);
      expect(await readModels.getProjectionVersion('totals')).toBe(1);

      await active.stop();
      const newer = runner({ projections: [totalsProjection({ version: 2 })] });
      await newer.start();
      await eventually(async () => (await newer.status())[0].state === 'failed');
    });
  });

  it('rebuilds from zero to the same documents, reporting progress', async () => {
    const position = await appendValues(eventStore, 60);
    const active = runner();
    await active.start();
    expect(await active.catchUp(10_000)).toBe(true);
    const progress: [number, number][] = [];
    await active.rebuild('totals', { onProgress: (checkpoint, head) => progress.push([checkpoint, head]) });
    expect(progress.at(-1)).toEqual([position, position]);
    expect(await storedTotals(readModels)).toEqual(await expectedTotals(eventStore));
    await expect(active.rebuild('nope')).rejects.toThrow('Unknown projection nope');
  });

  it('refuses to rebuild a projection another runner is running', async () => {
    await readModels.tryAcquireLease('projection:totals', 'elsewhere', 60_000);
    await expect(runner().rebuild('totals')).rejects.toThrow(/another runner holds/);
  });

  it('rebuilds several projections with one read of the log, and they go on live', async () => {
    const position = await appendValues(eventStore, 60);
    const active = runner({ projections: [totalsProjection(), doubledProjection()], batchSize: 7 });
    await active.start();
    expect(await active.catchUp(10_000)).toBe(true);

    const reads = jest.spyOn(eventStore, 'readAll');
    await active.rebuild(undefined, { batchSize: 25 });
    // Reads of the replay (those after it are the live subscriptions, each at the head).
    const replayReads = reads.mock.calls.filter(([options]) => options.after < position);
    expect(replayReads).toHaveLength(Math.ceil(position / 25));
    reads.mockRestore();
    const expected = await expectedTotals(eventStore);
    expect(await storedTotals(readModels)).toEqual(expected);
    const { items } = await readModels.find<StreamTotals & { id: string }>('doubled_totals');
    expect(Object.fromEntries(items.map(({ id, total }) => [id, total]))).toEqual(
      Object.fromEntries(Object.entries(expected).map(([id, totals]) => [id, 2 * totals.total])),
    );
    expect((await active.status()).map((status) => status.state)).toEqual(['active', 'active']);

    const next = await appendValues(eventStore, 5, 60);
    expect(await active.waitForPosition(next, 10_000)).toBe(true);
    expect(await storedTotals(readModels)).toEqual(await expectedTotals(eventStore));
  });

  describe('with a lane rebuilding some projections elsewhere', () => {
    async function storedDoubled(): Promise<Record<string, number>> {
      const { items } = await readModels.find<StreamTotals & { id: string }>('doubled_totals');
      return Object.fromEntries(items.map(({ id, total }) => [id, total]));
    }

    /** As `casetrail rebuild`'s thread does it: a runner of its own, under the lease owner it is given. */
    const laneRunning = (
      projection: Projection,
      before?: () => Promise<void>,
    ): RebuildLane & { owners: string[] } => {
      const owners: string[] = [];
      return {
        names: [projection.name],
        owners,
        async rebuild({ runnerId, onProgress }) {
          owners.push(runnerId);
          await before?.();
          const elsewhere = runner({ projections: [projection], runnerId });
          await elsewhere.rebuild(undefined, { batchSize: 30, onProgress });
          await elsewhere.stop();
        },
      };
    };

    it('rebuilds the lane’s projections there, under its own leases, and every projection goes on live', async () => {
      const position = await appendValues(eventStore, 60);
      const active = runner({ projections: [totalsProjection(), doubledProjection()] });
      await active.start();
      expect(await active.catchUp(10_000)).toBe(true);
      // The lane only sets out once this pass has read the whole log: its progress then shows alone.
      let replayed!: () => void;
      const passDone = new Promise<void>((resolve) => (replayed = resolve));
      const lane = laneRunning(doubledProjection(), () => passDone);
      const reads = jest.spyOn(eventStore, 'readAll');
      const progress: [number, number][] = [];

      await active.rebuild(undefined, {
        batchSize: 25,
        lane,
        onProgress: (checkpoint, head) => {
          progress.push([checkpoint, head]);
          // The initial report and one per batch of this pass's own three.
          if (progress.length === 4) replayed();
        },
      });

      expect(lane.owners).toEqual([active.runnerId]);
      // This pass read the log once in batches of 25, the lane once in its own of 30.
      const replayReads = reads.mock.calls.filter(([options]) => options.after < position);
      expect(replayReads.map(([options]) => options.maxCount).sort()).toEqual([25, 25, 25, 30, 30]);
      reads.mockRestore();
      // Never further than the slower of the two: this pass's batches count for nothing until the lane's do.
      expect(progress).toEqual([
        [0, position],
        [0, position],
        [0, position],
        [0, position],
        [0, position], // the lane's start
        [30, position],
        [position, position],
      ]);
      const expected = await expectedTotals(eventStore);
      expect(await storedTotals(readModels)).toEqual(expected);
      expect(await storedDoubled()).toEqual(
        Object.fromEntries(Object.entries(expected).map(([id, totals]) => [id, 2 * totals.total])),
      );
      expect((await active.status()).map((status) => [status.name, status.state, status.checkpoint])).toEqual(
        [
          ['totals', 'active', position],
          ['doubled', 'active', position],
        ],
      );
      const next = await appendValues(eventStore, 5, 60);
      expect(await active.waitForPosition(next, 10_000)).toBe(true);
      expect(Object.keys(await storedDoubled())).toHaveLength(5);
    });

    it('takes the lane’s leases with the others before anything is emptied', async () => {
      await appendValues(eventStore, 40);
      const active = runner({ projections: [totalsProjection()] });
      await active.start();
      expect(await active.catchUp(10_000)).toBe(true);
      await active.stop();
      const built = await storedTotals(readModels);
      await readModels.tryAcquireLease('projection:doubled', 'elsewhere', 60_000);
      const lane = laneRunning(doubledProjection());

      const rebuilder = runner({ projections: [totalsProjection(), doubledProjection()] });
      await expect(rebuilder.rebuild(undefined, { lane })).rejects.toThrow(
        'Cannot rebuild doubled: another runner holds projection:doubled',
      );
      expect(lane.owners).toEqual([]);
      expect(await storedTotals(readModels)).toEqual(built);
    });

    it('fails when the lane fails, keeping what this pass stored', async () => {
      const position = await appendValues(eventStore, 40);
      const active = runner({ projections: [totalsProjection(), doubledProjection()] });
      const lane: RebuildLane = {
        names: ['doubled'],
        rebuild: async () => {
          throw new Error('the thread rebuilding doubled stopped (exit code 1)');
        },
      };

      await expect(active.rebuild(undefined, { lane })).rejects.toThrow(
        'Rebuild of totals, doubled failed: the thread rebuilding doubled stopped (exit code 1)',
      );
      expect(await readModels.getCheckpoint('totals')).toBe(position);
      expect(await storedTotals(readModels)).toEqual(await expectedTotals(eventStore));
    });

    it('refuses a lane naming a projection that is not being rebuilt', async () => {
      const active = runner({ projections: [totalsProjection(), doubledProjection()] });
      const lane = laneRunning(doubledProjection());
      await expect(active.rebuild('totals', { lane })).rejects.toThrow(
        'The lane replays doubled, not being rebuilt',
      );
      expect(lane.owners).toEqual([]);
    });
  });

  it('lets the event loop turn between the batches of a rebuild (lease renewals, Ctrl-C)', async () => {
    await appendValues(eventStore, 60);
    const active = runner({ batchSize: 7 });
    const turns: number[] = [];
    let batches = 0;
    // A timer armed before each batch runs before the next only if the loop turned in between.
    const watch = () => setImmediate(() => turns.push(batches));
    await active.rebuild('totals', {
      batchSize: 10,
      onProgress: () => {
        batches++;
        watch();
      },
    });
    expect(turns.length).toBeGreaterThanOrEqual(5);
  });

  it('empties nothing when one of the projections to rebuild runs elsewhere', async () => {
    await appendValues(eventStore, 20);
    const other = totalsProjection({
      name: 'other',
      collections: [{ name: 'other_totals', indexedFields: [] }],
    });
    const active = runner({ projections: [totalsProjection(), other] });
    await active.start();
    expect(await active.catchUp(10_000)).toBe(true);
    await active.stop();
    await readModels.tryAcquireLease('projection:other', 'elsewhere', 60_000);
    const checkpoint = await readModels.getCheckpoint('totals');

    const rebuilding = runner({ projections: [totalsProjection(), other] });
    await expect(rebuilding.rebuild()).rejects.toThrow(/another runner holds projection:other/);
    expect(await readModels.getCheckpoint('totals')).toBe(checkpoint);
    expect(await storedTotals(readModels)).toEqual(await expectedTotals(eventStore));
  });

  it('after a replay that fails part-way, reports the failure and catches up from the checkpoint it reached', async () => {
    const position = await appendValues(eventStore, 40);
    let failures = 1;
    const flaky = totalsProjection({
      async apply(event, tx) {
        if ((event.data as { value: number }).value === 30 && failures-- > 0) throw new Error('disk hiccup');
        await totalsProjection().apply(event, tx);
      },
    });
    // Stored after every batch, so the failure at value 30 finds earlier batches stored.
    const active = runner({ projections: [flaky], rebuildHeldDocuments: 1 });
    await expect(active.rebuild('totals', { batchSize: 10 })).rejects.toThrow(
      /Rebuild of totals failed: disk hiccup/,
    );
    expect(await readModels.getCheckpoint('totals')).toBeGreaterThan(0);
    expect(await active.waitForPosition(position, 10_000)).toBe(true);
    expect(await storedTotals(readModels)).toEqual(await expectedTotals(eventStore));
  });

  it('holds a rebuild in memory across batches and stores it once rebuildHeldDocuments documents are held', async () => {
    const position = await appendValues(eventStore, 70);
    const storedWhenApplying = new Map<number, number>();
    const perEvent: Projection = {
      name: 'per-event',
      collections: [{ name: 'per_event', indexedFields: [] }],
      async apply(event, tx) {
        if (event.position % 10 === 5) {
          storedWhenApplying.set(event.position, await readModels.getCheckpoint('per-event'));
        }
        tx.put('per_event', String(event.position), { type: event.type });
      },
    };
    const active = runner({ projections: [perEvent], rebuildHeldDocuments: 25 });
    await active.rebuild('per-event', { batchSize: 10 });
    // One document per event: stored after the third batch (30 held), the sixth, and at the end.
    expect([...storedWhenApplying]).toEqual([
      [5, 0],
      [15, 0],
      [25, 0],
      [35, 30],
      [45, 30],
      [55, 30],
      [65, 60],
    ]);
    expect(await readModels.getCheckpoint('per-event')).toBe(position);
    expect(await readModels.count('per_event')).toBe(70);
  });

  it('far behind the head, catches up holding documents across batches, and goes on batch by batch once near it', async () => {
    await appendValues(eventStore, 75);
    const storedWhenApplying = new Map<number, number>();
    const perEvent: Projection = {
      name: 'per-event',
      collections: [{ name: 'per_event', indexedFields: [] }],
      async apply(event, tx) {
        if (event.position % 10 === 5 || event.position > 75) {
          storedWhenApplying.set(event.position, await readModels.getCheckpoint('per-event'));
        }
        tx.put('per_event', String(event.position), { type: event.type });
      },
    };
    const active = runner({
      projections: [perEvent],
      batchSize: 10,
      catchUpAfterFullBatches: 2,
      catchUpHeldDocuments: 25,
    });
    await active.start();
    expect(await active.waitForPosition(75, 10_000)).toBe(true);
    for (let offset = 75; offset < 78; offset++) {
      expect(await active.waitForPosition(await appendValues(eventStore, 1, offset), 10_000)).toBe(true);
    }
    expect([...storedWhenApplying]).toEqual([
      // The first full batch is applied as a live one; from the second full batch in a row, held:
      [5, 0],
      [15, 10],
      [25, 10],
      // stored after the fourth batch (30 held), the seventh, and at the short eighth (the head).
      [35, 10],
      [45, 40],
      [55, 40],
      [65, 40],
      [75, 70],
      // Live again: each batch is stored as it comes.
      [76, 75],
      [77, 76],
      [78, 77],
    ]);
    expect(await readModels.count('per_event')).toBe(78);
  });

  it('stores what a catch-up holds when the log ends exactly at a full batch (no short batch follows)', async () => {
    const position = await appendValues(eventStore, 80);
    const active = runner({ batchSize: 10, catchUpAfterFullBatches: 1, catchUpHeldDocuments: 1_000 });
    await active.start();
    expect(await active.waitForPosition(position, 2_000)).toBe(true);
    expect(await storedTotals(readModels)).toEqual(await expectedTotals(eventStore));
  });

  it('stores what a catch-up holds at least every catchUpMaxHoldMs', async () => {
    await appendValues(eventStore, 85);
    const storedWhenApplying = new Map<number, number>();
    let now = 0;
    const active = runner({
      batchSize: 10,
      catchUpAfterFullBatches: 1,
      catchUpHeldDocuments: 1_000,
      catchUpMaxHoldMs: 20,
      catchUpClock: () => now,
      projections: [
        {
          name: 'per-event',
          collections: [{ name: 'per_event', indexedFields: [] }],
          async apply(event, tx) {
            // The only time that passes: 30 ms, inside the fourth batch.
            if (event.position === 35) now += 30;
            if (event.position % 10 === 5) {
              storedWhenApplying.set(event.position, await readModels.getCheckpoint('per-event'));
            }
            tx.put('per_event', String(event.position), { type: event.type });
          },
        },
      ],
    });
    await active.start();
    expect(await active.waitForPosition(85, 10_000)).toBe(true);
    // Held from the first batch; 30 ms passed in the fourth, so it was stored with it, and no
    // batch after it until the head, since the clock stood still.
    expect([...storedWhenApplying]).toEqual([
      [5, 0],
      [15, 0],
      [25, 0],
      [35, 0],
      [45, 40],
      [55, 40],
      [65, 40],
      [75, 40],
      // The short last batch is held with the rest, then everything is stored at the head.
      [85, 40],
    ]);
    expect(await readModels.getCheckpoint('per-event')).toBe(85);
  });

  it('stopped while catching up far behind the head, stores what it holds, and the next runner goes on from there', async () => {
    const position = await appendValues(eventStore, 80);
    let stopping: Promise<number> | undefined;
    const slow: ProjectionRunner = runner({
      batchSize: 10,
      catchUpAfterFullBatches: 1,
      catchUpHeldDocuments: 1_000,
      projections: [
        totalsProjection({
          async apply(event, tx) {
            // Inside the fourth batch (positions 31-40), nothing stored yet: all of it is held.
            if (event.position === 35)
              stopping ??= slow.stop().then(() => readModels.getCheckpoint('totals'));
            await totalsProjection().apply(event, tx);
          },
        }),
      ],
    });
    await slow.start();
    await eventually(() => stopping !== undefined);
    // The batch in flight is finished, and everything held is stored before the lease is let go.
    expect(await stopping).toBe(40);

    const next = runner();
    await next.start();
    expect(await next.waitForPosition(position, 10_000)).toBe(true);
    expect(await storedTotals(readModels)).toEqual(await expectedTotals(eventStore));
  });

  it('takes over at once the leases of a runner whose process crashed, instead of waiting for them to expire', async () => {
    const position = await appendValues(eventStore, 10);
    await readModels.tryAcquireLease('projection:totals', await leaseOwnerOfExitedProcess(), 60_000);
    const restarted = runner({ leaseTtlMs: 60_000, leaseRenewIntervalMs: 20_000, standbyRetryMs: 20_000 });
    await restarted.start();
    expect((await restarted.status())[0].state).toBe('active');
    expect(await restarted.waitForPosition(position, 10_000)).toBe(true);

    const standby = runner({ leaseTtlMs: 60_000, leaseRenewIntervalMs: 20_000, standbyRetryMs: 20_000 });
    await standby.start();
    expect((await standby.status())[0].state).toBe('standby');
  });

  it('stops a rebuild in progress: the rebuild fails, the lease is released, and the next runner finishes the job', async () => {
    const position = await appendValues(eventStore, 50);
    let stopping: Promise<number> | undefined;
    const slow: ProjectionRunner = runner({
      projections: [
        totalsProjection({
          async apply(event, tx) {
            // Stop from inside the third batch (positions 21-30); what is stored once stop() resolves:
            if (event.position === 25)
              stopping ??= slow.stop().then(() => readModels.getCheckpoint('totals'));
            await totalsProjection().apply(event, tx);
          },
        }),
      ],
    });
    await expect(slow.rebuild('totals', { batchSize: 10 })).rejects.toThrow(/interrupted by stop/);
    // The batch in flight was finished before the lease was let go; nothing after it was applied.
    expect(await stopping).toBe(30);
    expect(await readModels.getCheckpoint('totals')).toBe(30);
    expect((await slow.status())[0].state).toBe('stopped');

    const next = runner();
    await next.start();
    expect(await next.waitForPosition(position, 10_000)).toBe(true);
    expect(await storedTotals(readModels)).toEqual(await expectedTotals(eventStore));
  });

  it('on stop, finishes the batch in flight and releases the lease', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered = false;
    const projection = totalsProjection();
    const active = runner({
      projections: [
        {
          ...projection,
          async apply(event: RecordedEvent, tx) {
            if ((event.data as { value: number }).value === 5) {
              entered = true;
              await gate;
            }
            await projection.apply(event, tx);
          },
        },
      ],
    });
    const position = await appendValues(eventStore, 10);
    await active.start();
    await eventually(() => entered);
    expect(await active.waitForPosition(position, 50)).toBe(false);

    let stopped = false;
    const stopping = active.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stopped).toBe(false);
    release();
    await stopping;

    expect(await readModels.getCheckpoint('totals')).toBe(position);
    expect(await storedTotals(readModels)).toEqual(await expectedTotals(eventStore));
    expect(await readModels.tryAcquireLease('projection:totals', 'next-runner', 60_000)).toBe(true);
  });

  it('refuses duplicate projection names and a renew interval not shorter than the TTL', () => {
    expect(() => runner({ projections: [totalsProjection(), totalsProjection()] })).toThrow(
      /Two projections/,
    );
    expect(() => runner({ leaseTtlMs: 100, leaseRenewIntervalMs: 100 })).toThrow(/shorter than leaseTtlMs/);
  });
});
