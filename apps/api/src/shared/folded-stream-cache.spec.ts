import { EventStore, openSqliteEventStore, RecordedEvent, SqliteEventStore } from '@casetrail/eventstore';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FoldedStreamCache } from './folded-stream-cache';

/** The fold under test: the values of the stream's events, in order. */
const valuesOf = (state: number[], event: RecordedEvent) => [
  ...state,
  (event.data as { value: number }).value,
];

async function append(store: EventStore, stream: string, ...values: number[]): Promise<void> {
  const existing = await store.readStream(stream);
  await store.append(
    stream,
    values.map((value) => ({
      type: 'Valued',
      data: { value },
      metadata: { actor: 'test', correlationId: 'c', schemaVersion: 1 },
    })),
    existing.length === 0 ? 'no-stream' : existing.length - 1,
  );
}

describe('folded stream cache', () => {
  let dir: string;
  let store: SqliteEventStore;
  let cache: FoldedStreamCache<number[]>;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'casetrail-fold-cache-'));
    store = openSqliteEventStore(join(dir, 'events.sqlite'));
    cache = new FoldedStreamCache(store, { fold: valuesOf, initialState: [] });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('folds a stream and reads it as unknown (-1) until it exists', async () => {
    expect(await cache.load('s')).toEqual({ state: [], revision: -1 });
    await append(store, 's', 1, 2);
    expect(await cache.load('s')).toEqual({ state: [1, 2], revision: 1 });
  });

  it('folds in events appended since the last load, and reads only those', async () => {
    await append(store, 's', 1, 2);
    await cache.load('s');
    await append(store, 's', 3);
    const reads = jest.spyOn(store, 'readStream');
    expect(await cache.load('s')).toEqual({ state: [1, 2, 3], revision: 2 });
    expect(reads).toHaveBeenCalledWith('s', { fromRevision: 2 });
    expect(await cache.load('s')).toEqual({ state: [1, 2, 3], revision: 2 });
    expect(reads).toHaveBeenLastCalledWith('s', { fromRevision: 3 });
  });

  it('sees events another connection (another process) appended', async () => {
    await append(store, 's', 1);
    await cache.load('s');
    const elsewhere = openSqliteEventStore(join(dir, 'events.sqlite'));
    try {
      await append(elsewhere, 's', 2);
    } finally {
      await elsewhere.close();
    }
    expect(await cache.load('s')).toEqual({ state: [1, 2], revision: 1 });
  });

  it('keeps streams apart', async () => {
    await append(store, 'a', 1);
    await append(store, 'b', 9);
    expect((await cache.load('a')).state).toEqual([1]);
    expect((await cache.load('b')).state).toEqual([9]);
  });

  it('forgets the least recently loaded stream when full, and folds it again from the start', async () => {
    const small = new FoldedStreamCache(store, { fold: valuesOf, initialState: [], maxStreams: 2 });
    for (const stream of ['a', 'b', 'c']) await append(store, stream, 1);
    await small.load('a');
    await small.load('b');
    await small.load('a');
    await small.load('c');
    expect(small.size).toBe(2);
    const reads = jest.spyOn(store, 'readStream');
    await small.load('b');
    expect(reads).toHaveBeenCalledWith('b', { fromRevision: 0 });
    await small.load('a');
    expect(reads).toHaveBeenCalledWith('a', { fromRevision: 0 });
  });

  it('keeps the further state when two loads of one stream overlap', async () => {
    await append(store, 's', 1);
    const slowFirst = jest.spyOn(store, 'readStream');
    // The first load's read answers (old news) only after a second load has seen more.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const oldNews = await store.readStream('s', { fromRevision: 0 });
    slowFirst.mockImplementationOnce(async () => {
      await gate;
      return oldNews;
    });
    const first = cache.load('s');
    await append(store, 's', 2);
    expect(await cache.load('s')).toEqual({ state: [1, 2], revision: 1 });
    release();
    expect(await first).toEqual({ state: [1], revision: 0 });
    slowFirst.mockRestore();
    const reads = jest.spyOn(store, 'readStream');
    expect(await cache.load('s')).toEqual({ state: [1, 2], revision: 1 });
    expect(reads).toHaveBeenCalledWith('s', { fromRevision: 2 });
  });
});
