import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  openSqliteEventStore,
  UnreadableEventError,
  type EventStore,
  type RecordedEvent,
} from '@casetrail/eventstore';
import type { ProjectionTransaction } from '../read-model-store.port';
import { SqliteReadModelStore } from '../sqlite/sqlite-read-model-store';
import type { Projection } from './projection';
import { silentProjectionLogger } from './projection-logger';
import { ProjectionRunner } from './projection-runner';
import { SetAsideEvents, type SetAsideEvent } from './set-aside-events';

const metadata = { actor: 'test', correlationId: 'c', schemaVersion: 1 };

/** Sums the values added to each stream, counting the events applied. */
const totals: Projection = {
  name: 'totals',
  collections: [{ name: 'stream_totals', indexedFields: [] }],
  handles: ['ValueAdded'],
  async apply(event, tx) {
    const current = await tx.get<{ events: number; total: number }>('stream_totals', event.stream);
    tx.put('stream_totals', event.stream, {
      events: (current?.events ?? 0) + 1,
      total: (current?.total ?? 0) + (event.data as { value: number }).value,
    });
  },
};

describe('a runner restarted after it set a stream aside', () => {
  let dir: string;
  let eventStore: EventStore & { close(): void };
  let readModels: SqliteReadModelStore;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'set-aside-'));
    eventStore = openSqliteEventStore(path.join(dir, 'events.sqlite'));
    readModels = new SqliteReadModelStore(path.join(dir, 'readmodels.sqlite'));
  });

  afterEach(async () => {
    await readModels.close();
    eventStore.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const add = async (stream: string, value: number) =>
    (await eventStore.append(stream, [{ type: 'ValueAdded', data: { value }, metadata }], 'any')).position;

  /** Makes the stored event at `position` unreadable; `restore` puts its data back, as from a backup. */
  function garble(position: number): { restore(): void } {
    const onFile = <T>(change: (db: Database.Database) => T): T => {
      const db = new Database(path.join(dir, 'events.sqlite'));
      try {
        return change(db);
      } finally {
        db.close();
      }
    };
    const { data } = onFile(
      (db) => db.prepare('SELECT data FROM events WHERE position = ?').get(position) as { data: string },
    );
    onFile((db) => db.prepare(`UPDATE events SET data = '{broken' WHERE position = ?`).run(position));
    return {
      restore: () =>
        void onFile((db) => db.prepare('UPDATE events SET data = ? WHERE position = ?').run(data, position)),
    };
  }

  /** Stream 1's second event stored unreadable, between its first and stream 2's; its position. */
  async function storeStreamOneGarbled(): Promise<number> {
    await add('stream-1', 1);
    const garbled = await add('stream-1', 2);
    await add('stream-2', 5);
    garble(garbled);
    return garbled;
  }

  /** Runs a fresh runner (a process started again) until it has applied the whole log. */
  async function runOnce(reported: SetAsideEvent[] = [], projection = totals): Promise<void> {
    const runner = new ProjectionRunner({
      eventStore,
      readModels,
      projections: [projection],
      leaseTtlMs: 3_000,
      onSetAside: (event) => reported.push(event),
    });
    await runner.start();
    expect(await runner.catchUp(5_000)).toBe(true);
    await runner.stop();
  }

  it('keeps the stream set aside: its later events are not applied without the missing one', async () => {
    const garbled = await storeStreamOneGarbled();
    await runOnce();

    await add('stream-1', 10);
    await add('stream-2', 7);
    const reported: SetAsideEvent[] = [];
    await runOnce(reported);

    expect(await readModels.get('stream_totals', 'stream-1')).toMatchObject({ events: 1, total: 1 });
    expect(await readModels.get('stream_totals', 'stream-2')).toMatchObject({ events: 2, total: 12 });
    // Reported again at start, so the restarted process's /health names it.
    expect(reported).toEqual([expect.objectContaining({ stream: 'stream-1', position: garbled })]);
  });

  it('keeps it set aside after a restart when the batch that set it aside failed once and was applied again', async () => {
    await storeStreamOneGarbled();
    // The batch that meets the row fails once after it (a busy store, a lease lost): rolled back
    // whole, its stored stream with it, and applied again by the same runner.
    let failures = 1;
    const failsOnce: Projection = {
      ...totals,
      async apply(event, tx) {
        if (event.stream === 'stream-2' && failures-- > 0) throw new Error('store busy');
        await totals.apply(event, tx);
      },
    };
    const runner = new ProjectionRunner({
      eventStore,
      readModels,
      projections: [failsOnce],
      leaseTtlMs: 3_000,
      failureRetryMs: 10,
    });
    await runner.start();
    expect(await runner.catchUp(5_000)).toBe(true);
    await runner.stop();
    expect(failures).toBeLessThan(0);

    await add('stream-1', 10);
    await runOnce();
    expect(await readModels.get('stream_totals', 'stream-1')).toMatchObject({ events: 1, total: 1 });
  });

  it('applies the events before a row whose stream was stored set aside past the checkpoint (MongoDB writes documents first)', async () => {
    const garbled = await storeStreamOneGarbled();
    // A batch cut short on MongoDB: its set-aside stream stored, its documents and checkpoint not.
    await readModels.ensureCollections([{ name: 'set_aside_totals', indexedFields: [] }]);
    await readModels.applyBatch('cut-short', [{ position: 1 }], (_entry, tx) => {
      tx.put('set_aside_totals', 'stream-1', {
        id: 'stream-1',
        stream: 'stream-1',
        revision: 1,
        position: garbled,
        type: 'ValueAdded',
        problem: 'its data is not valid JSON',
      });
    });

    await runOnce();
    await add('stream-1', 10);
    await runOnce();
    expect(await readModels.get('stream_totals', 'stream-1')).toMatchObject({ events: 1, total: 1 });
  });

  it('keeps it set aside in a runner that stood by while another set it aside', async () => {
    const standby = new ProjectionRunner({
      eventStore,
      readModels,
      projections: [totals],
      leaseTtlMs: 3_000,
    });
    await standby.start();
    await standby.stop();
    await add('stream-1', 1);
    garble(await add('stream-1', 2));
    await runOnce();

    await add('stream-1', 10);
    await standby.start();
    expect(await standby.catchUp(5_000)).toBe(true);
    await standby.stop();
    expect(await readModels.get('stream_totals', 'stream-1')).toMatchObject({ events: 1, total: 1 });
  });

  it("takes it again once the row reads again, for a projection `rebuild` does not replay (the outbox writer's)", async () => {
    const outboxLike: Projection = { ...totals, setAsideUntil: 'readable' };
    await add('stream-1', 1);
    const garbled = garble(await add('stream-1', 2));
    await runOnce([], outboxLike);
    await add('stream-1', 10);
    await runOnce([], outboxLike);
    expect(await readModels.get('stream_totals', 'stream-1')).toMatchObject({ events: 1, total: 1 });

    garbled.restore();
    await add('stream-1', 100);
    const reported: SetAsideEvent[] = [];
    await runOnce(reported, outboxLike);
    // The restored event and the one skipped after it are applied late, then what follows.
    expect(await readModels.get('stream_totals', 'stream-1')).toMatchObject({ events: 4, total: 113 });
    expect(reported).toEqual([]);
    expect(await readModels.count('set_aside_totals')).toBe(0);
  });

  describe('the events a projection `rebuild` does not replay skipped while a stream was set aside', () => {
    /** Each event applied, in order, with the position it was applied at: the outbox writer's rows carry it. */
    const applied: { value: number; position: number }[] = [];
    /** Fails the batch that applies the event of value `failOn` once (a crash mid take-back). */
    let failOn: number | undefined;
    const outboxLike: Projection = {
      ...totals,
      setAsideUntil: 'readable',
      async apply(event, tx) {
        const { value } = event.data as { value: number };
        if (value === failOn) {
          failOn = undefined;
          throw new Error('store busy');
        }
        applied.push({ value, position: event.position });
        await totals.apply(event, tx);
      },
    };

    beforeEach(() => {
      applied.length = 0;
      failOn = undefined;
    });

    /** Stream 1 set aside at its second event, then a third skipped; restored; a fourth appended. Its position. */
    async function restoredAfterSkipping(): Promise<number> {
      await add('stream-1', 1);
      const garbled = garble(await add('stream-1', 2));
      await runOnce([], outboxLike);
      await add('stream-1', 10);
      await add('stream-2', 5);
      await runOnce([], outboxLike);
      garbled.restore();
      return add('stream-1', 100);
    }

    it('are applied once taken back, in stream order, at the position of the batch that drops the stored row', async () => {
      const next = await restoredAfterSkipping();
      await runOnce([], outboxLike);
      await runOnce([], outboxLike);

      expect(applied).toEqual([
        { value: 1, position: 1 },
        { value: 5, position: 4 },
        // Late, before the batch's own event (an outbox row past the delivery cursor is adopted).
        { value: 2, position: next },
        { value: 10, position: next },
        { value: 100, position: next },
      ]);
      expect(await readModels.count('set_aside_totals')).toBe(0);
    });

    it('are applied exactly once when the batch that takes them back fails and is applied again', async () => {
      await restoredAfterSkipping();
      failOn = 100;
      const runner = new ProjectionRunner({
        eventStore,
        readModels,
        projections: [outboxLike],
        leaseTtlMs: 3_000,
        failureRetryMs: 10,
      });
      await runner.start();
      expect(await runner.catchUp(5_000)).toBe(true);
      await runner.stop();
      await runOnce([], outboxLike);

      expect(failOn).toBeUndefined();
      expect(await readModels.get('stream_totals', 'stream-1')).toMatchObject({ events: 4, total: 113 });
    });

    it('are written before the stored row is dropped: a store without transactions (MongoDB) that stops half-way keeps the row, and takes them back again', async () => {
      await restoredAfterSkipping();
      // MongoDB stores a batch's writes collection by collection, in the order the batch first
      // touched them: were the row dropped first, a crash after that write would lose the late mails.
      const rowWhenApplied: boolean[] = [];
      const watching: Projection = {
        ...outboxLike,
        async apply(event, tx) {
          rowWhenApplied.push((await tx.get('set_aside_totals', 'stream-1')) !== undefined);
          await outboxLike.apply(event, tx);
        },
      };
      await runOnce([], watching);

      // The two taken back (values 2 and 10, before the batch's own 100) see the row still stored.
      expect(rowWhenApplied.slice(0, 2)).toEqual([true, true]);
      expect(await readModels.count('set_aside_totals')).toBe(0);
    });
  });

  it('takes the stream again once a rebuild replays a restored row', async () => {
    await add('stream-1', 1);
    const garbled = garble(await add('stream-1', 2));
    await runOnce();
    garbled.restore();

    const runner = new ProjectionRunner({ eventStore, readModels, projections: [totals], leaseTtlMs: 3_000 });
    await runner.rebuild();
    await add('stream-1', 10);
    expect(await runner.catchUp(5_000)).toBe(true);
    await runner.stop();

    expect(await readModels.get('stream_totals', 'stream-1')).toMatchObject({ events: 3, total: 13 });
  });
});

/** A batch's transaction over a store kept in a map, as the runners' batches are. */
function transaction(stored: Map<string, object>): ProjectionTransaction {
  return {
    position: 0,
    get: <T extends object>(collection: string, id: string) =>
      Promise.resolve(stored.get(`${collection}/${id}`) as T | undefined),
    put: (collection, id, doc) => void stored.set(`${collection}/${id}`, doc),
    delete: (collection, id) => void stored.delete(`${collection}/${id}`),
    findIds: () => Promise.resolve([]),
  };
}

describe('SetAsideEvents on a log damaged throughout', () => {
  /** More streams set aside than a runner holds in memory. */
  const DAMAGED = 10_005;

  function unreadable(index: number): RecordedEvent {
    const stream = `stream-${index}`;
    const position = index + 1;
    return {
      id: '',
      stream,
      revision: 0,
      position,
      type: 'ValueAdded',
      data: null,
      metadata: metadata as RecordedEvent['metadata'],
      recordedAt: '',
      unreadable: new UnreadableEventError(stream, 0, position, 'its data is not valid JSON', {
        cause: undefined,
      }),
    };
  }

  it('counts and reports every row once, holding at most 10,000, and still sets aside the streams past those', async () => {
    const reported: SetAsideEvent[] = [];
    const setAside = new SetAsideEvents(silentProjectionLogger, (event) => reported.push(event));
    const handles = new Set(['ValueAdded']);
    setAside.register('cases', handles);
    setAside.register('reporting', handles);
    const stored = new Map<string, object>();
    const tx = transaction(stored);
    for (const projection of ['cases', 'reporting', 'cases']) {
      // The second time for `cases`: a batch retried after a failure meets the same rows again.
      for (let index = 0; index < DAMAGED; index++)
        expect(await setAside.applies(unreadable(index), projection, handles, tx)).toBe(false);
    }

    expect(setAside.count()).toBe(DAMAGED);
    expect(reported).toHaveLength(DAMAGED);
    expect(setAside.all()).toHaveLength(10_000);
    const later = (index: number): RecordedEvent => ({
      ...unreadable(index),
      unreadable: undefined,
      position: 20_000 + index,
      revision: 1,
    });
    expect(await setAside.applies(later(DAMAGED - 1), 'cases', handles, tx)).toBe(false);
    expect(await setAside.applies(later(0), 'reporting', handles, tx)).toBe(false);
    expect(await setAside.applies(later(DAMAGED + 1), 'cases', handles, tx)).toBe(true);
  });
});

/** A ValueAdded event of `stream` at `position`: its first, unreadable, or a later one that reads. */
function valueAdded(stream: string, position: number, unreadable: boolean): RecordedEvent {
  return {
    id: '',
    stream,
    revision: unreadable ? 0 : 1,
    position,
    type: 'ValueAdded',
    data: unreadable ? null : { value: 1 },
    metadata: metadata as RecordedEvent['metadata'],
    recordedAt: '',
    ...(unreadable
      ? { unreadable: new UnreadableEventError(stream, 0, position, 'not JSON', { cause: undefined }) }
      : {}),
  };
}

describe('SetAsideEvents in a scratch replay (no batch to store streams in)', () => {
  it('sets aside the streams past the 10,000 held, as the live runners do', async () => {
    const setAside = new SetAsideEvents(silentProjectionLogger);
    const handles = new Set(['ValueAdded']);
    for (let index = 0; index <= 10_000; index++)
      expect(setAside.applies(valueAdded(`stream-${index}`, index + 1, true), 'totals', handles)).toBe(false);

    expect(setAside.applies(valueAdded('stream-10000', 20_000, false), 'totals', handles)).toBe(false);
  });
});

describe('SetAsideEvents once another projection forgets the streams that filled its memory', () => {
  it('still asks the store for the streams of a projection set aside past the memory', async () => {
    const setAside = new SetAsideEvents(silentProjectionLogger);
    const handles = new Set(['ValueAdded']);
    setAside.register('cases', handles);
    setAside.register('reporting', handles);
    const tx = transaction(new Map());
    // `cases` fills the memory; `reporting`'s stream is then kept in its stored ones only.
    for (let index = 0; index < 10_000; index++)
      await setAside.applies(valueAdded(`case-${index}`, index + 1, true), 'cases', handles, tx);
    await setAside.applies(valueAdded('stream-r', 20_000, true), 'reporting', handles, tx);
    // A rebuild of `cases` empties its streams set aside (resetForRebuild).
    setAside.forget('cases');

    expect(await setAside.applies(valueAdded('stream-r', 20_001, false), 'reporting', handles, tx)).toBe(
      false,
    );
  });
});
