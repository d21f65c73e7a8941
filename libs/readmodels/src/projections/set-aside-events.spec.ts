import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { openSqliteEventStore, type EventStore } from '@casetrail/eventstore';
import { SqliteReadModelStore } from '../sqlite/sqlite-read-model-store';
import type { Projection } from './projection';
import { ProjectionRunner } from './projection-runner';
import type { SetAsideEvent } from './set-aside-events';

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

  /** Runs a fresh runner (a process started again) until it has applied the whole log. */
  async function runOnce(reported: SetAsideEvent[] = []): Promise<void> {
    const runner = new ProjectionRunner({
      eventStore,
      readModels,
      projections: [totals],
      leaseTtlMs: 3_000,
      onSetAside: (event) => reported.push(event),
    });
    await runner.start();
    expect(await runner.catchUp(5_000)).toBe(true);
    await runner.stop();
  }

  it('keeps the stream set aside: its later events are not applied without the missing one', async () => {
    await add('stream-1', 1);
    const garbled = await add('stream-1', 2);
    await add('stream-2', 5);
    const db = new Database(path.join(dir, 'events.sqlite'));
    db.prepare(`UPDATE events SET data = '{broken' WHERE position = ?`).run(garbled);
    db.close();
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

  it('takes the stream again once a rebuild replays a restored row', async () => {
    await add('stream-1', 1);
    const garbled = await add('stream-1', 2);
    const db = new Database(path.join(dir, 'events.sqlite'));
    const original = db.prepare('SELECT data FROM events WHERE position = ?').get(garbled) as {
      data: string;
    };
    db.prepare(`UPDATE events SET data = '{broken' WHERE position = ?`).run(garbled);
    await runOnce();
    db.prepare('UPDATE events SET data = ? WHERE position = ?').run(original.data, garbled);
    db.close();

    const runner = new ProjectionRunner({ eventStore, readModels, projections: [totals], leaseTtlMs: 3_000 });
    await runner.rebuild();
    await add('stream-1', 10);
    expect(await runner.catchUp(5_000)).toBe(true);
    await runner.stop();

    expect(await readModels.get('stream_totals', 'stream-1')).toMatchObject({ events: 3, total: 13 });
  });
});
