import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEventStoreContract } from '../event-store.contract';
import { randomUUID } from 'node:crypto';
import { NewEvent, RecordedEvent, UnreadableEventError } from '../event-store.port';
import { chainEvents, GENESIS_HASH, HASH_FORMAT_FIELD, verifyStreamChain } from '../integrity/hash-chain';
import { openSqliteEventStore, SqliteEventStore } from './sqlite-event-store';
import { StoreFileGoneError } from './store-file-identity';

const root = mkdtempSync(join(tmpdir(), 'casetrail-sqlite-es-'));
let files = 0;
const freshFile = () => join(root, `store-${++files}`, 'events.db');

afterAll(() => rmSync(root, { recursive: true, force: true }));

let contractFile = '';
/** Deletes rows of the file the contract's current store opened, as someone with sqlite3 would. */
const deleteRows = (stream: string, condition: string, revision: number) => {
  const db = new Database(contractFile, { fileMustExist: true });
  try {
    db.prepare(`DELETE FROM events WHERE stream = ? AND ${condition}`).run(stream, revision);
  } finally {
    db.close();
  }
};

describeEventStoreContract(
  'SqliteEventStore',
  async () => openSqliteEventStore((contractFile = freshFile())),
  {
    hashesRecordedAt: true,
    loseEvents: {
      opening: async (stream, count) => deleteRows(stream, 'revision < ?', count),
      at: async (stream, revision) => deleteRows(stream, 'revision = ?', revision),
    },
  },
);

const event = (n: number): NewEvent => ({
  type: 'Numbered',
  data: { n },
  metadata: { actor: 'system:spec', correlationId: 'c', schemaVersion: 1 },
});

describe('SqliteEventStore specifics', () => {
  const stores: SqliteEventStore[] = [];
  const open = (file: string, options?: Parameters<typeof openSqliteEventStore>[1]) => {
    const store = openSqliteEventStore(file, options);
    stores.push(store);
    return store;
  };

  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
  });

  it('reports head position 0 and an empty log for a new file', async () => {
    const store = open(freshFile());
    expect(await store.headPosition()).toBe(0);
    expect(await store.readAll({ after: 0, maxCount: 10 })).toEqual([]);
  });

  it('numbers the global log 1, 2, 3... across streams', async () => {
    const store = open(freshFile());
    await store.append('a', [event(0), event(1)], 'no-stream');
    await store.append('b', [event(0)], 'no-stream');

    const all = await store.readAll({ after: 0, maxCount: 10 });
    expect(all.map((recorded) => recorded.position)).toEqual([1, 2, 3]);
    expect(await store.headPosition()).toBe(3);
  });

  it("stamps recordedAt from the store's clock, the same for every event of one append", async () => {
    const store = open(freshFile(), { now: () => new Date('2030-01-02T03:04:05.678Z') });
    await store.append('a', [event(0), event(1)], 'no-stream');

    const recordedAt = (await store.readStream('a')).map((recorded) => recorded.recordedAt);
    expect(recordedAt).toEqual(['2030-01-02T03:04:05.678Z', '2030-01-02T03:04:05.678Z']);
  });

  it('keeps appended events after the file is closed and reopened', async () => {
    const file = freshFile();
    const first = open(file);
    await first.append('a', [event(0), event(1)], 'no-stream');
    await first.close();

    const reopened = open(file);
    expect((await reopened.readStream('a')).map((recorded) => recorded.data)).toEqual([{ n: 0 }, { n: 1 }]);
    expect((await reopened.append('a', [event(2)], 1)).nextExpectedRevision).toBe(2);
  });

  it('acknowledges nothing once its file was deleted or replaced, and says so on ping', async () => {
    for (const replace of [false, true]) {
      const file = freshFile();
      const store = open(file);
      await store.append('s-1', [event(1)], 'no-stream');
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
      // A new, empty file at the same path (a restore gone wrong) is no better than none.
      if (replace) new Database(file).close();

      await expect(store.append('s-1', [event(2)], 0)).rejects.toBeInstanceOf(StoreFileGoneError);
      await expect(store.ping()).rejects.toThrow(`The event store file ${file} was removed or replaced`);
    }
  });

  it('uses WAL with synchronous FULL, so an acknowledged append is on disk', () => {
    const file = freshFile();
    open(file);
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
    // `synchronous` is per connection: check the store's own connection through a second store
    // opened the same way (the pragma is not persisted in the file).
    const probe = new Database(file);
    try {
      new SqliteEventStore(probe);
      expect(probe.pragma('synchronous', { simple: true })).toBe(2); // FULL
    } finally {
      probe.close();
    }
  });

  it('refuses a duplicate event id and leaves the stream untouched', async () => {
    const store = open(freshFile());
    const sameId = '0f9e3f5c-8a61-4d4e-9c53-2d1b7e0a4f11';
    await store.append('a', [{ ...event(0), id: sameId }], 'no-stream');

    // Matched by code, not class: under Jest the native module's SqliteError can come from another realm.
    await expect(store.append('b', [event(0), { ...event(1), id: sameId }], 'any')).rejects.toMatchObject({
      code: 'SQLITE_CONSTRAINT_UNIQUE',
    });
    expect(await store.readStream('b')).toEqual([]);
  });

  it('stores undefined data as null rather than failing', async () => {
    const store = open(freshFile());
    await store.append('a', [{ ...event(0), data: undefined }], 'no-stream');
    expect((await store.readStream('a'))[0].data).toBeNull();
  });

  it('counts stored events changed or deleted in place by any connection, and not appends', async () => {
    const file = freshFile();
    const store = open(file);
    const other = open(file);
    expect(store.storedEventEdits()).toBe(0);
    await other.append('a', [event(0), event(1), event(2)], 'no-stream');
    await store.append('b', [event(0)], 'no-stream');
    expect(store.storedEventEdits()).toBe(0);

    const shell = new Database(file, { fileMustExist: true });
    try {
      shell.prepare(`UPDATE events SET data = '{"n":9}' WHERE stream = 'a' AND revision = 1`).run();
      expect(store.storedEventEdits()).toBe(1);
      shell.prepare(`DELETE FROM events WHERE stream = 'a' AND revision = 2`).run();
    } finally {
      shell.close();
    }
    expect(store.storedEventEdits()).toBe(2);
    expect(other.storedEventEdits()).toBe(2);
  });

  it('delivers events appended through another connection to the same file', async () => {
    const file = freshFile();
    const subscriber = open(file, { pollIntervalMs: 5 });
    const writer = open(file);
    const received: RecordedEvent[] = [];
    let release!: () => void;
    const allArrived = new Promise<void>((resolve) => (release = resolve));

    const subscription = subscriber.subscribeToAll({ after: 0 }, async (batch) => {
      received.push(...batch);
      if (received.length === 3) release();
    });
    await writer.append('elsewhere', [event(0), event(1), event(2)], 'no-stream');
    await Promise.race([allArrived, subscription.done]);
    await subscription.stop();

    expect(received.map((recorded) => recorded.revision)).toEqual([0, 1, 2]);
  });

  it('notices another connection’s appends long before its poll interval, also after a quiet spell', async () => {
    const file = freshFile();
    // Polling alone would take a minute: only the watch on other writers can deliver in time (the
    // writer is in this process, so the same-file wake is turned off to leave the watch alone).
    const subscriber = open(file, {
      pollIntervalMs: 60_000,
      otherWritersMinIntervalMs: 1,
      sameFileWake: false,
    });
    const writer = open(file);
    const received: RecordedEvent[] = [];
    const arrivals: (() => void)[] = [];
    const subscription = subscriber.subscribeToAll({ after: 0 }, async (batch) => {
      received.push(...batch);
      arrivals.splice(0).forEach((arrived) => arrived());
    });
    const appendAndWait = async (n: number) => {
      const arrived = new Promise<void>((resolve) => arrivals.push(resolve));
      const startedAt = Date.now();
      await writer.append('elsewhere', [event(n)], n === 0 ? 'no-stream' : n - 1);
      await Promise.race([arrived, subscription.done]);
      return Date.now() - startedAt;
    };

    expect(await appendAndWait(0)).toBeLessThan(1_000);
    expect(await appendAndWait(1)).toBeLessThan(1_000);
    // Quiet for a while: the watch backs off, but never beyond what a quiet spell of this length allows.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await appendAndWait(2)).toBeLessThan(1_000);
    await subscription.stop();

    expect(received.map((recorded) => recorded.revision)).toEqual([0, 1, 2]);
  });

  describe('a store on the same file in this process (the projector thread of the API)', () => {
    // Neither polling nor the watch on other writers looks again within the test's time: only the
    // writer's announcement can deliver. BroadcastChannel reaches every other channel of the
    // process alike, on this thread or another.
    const deaf = { pollIntervalMs: 60_000, otherWritersMinIntervalMs: 60_000 };

    async function firstArrivalMs(subscriber: SqliteEventStore, writer: SqliteEventStore, waitMs: number) {
      let arrived!: () => void;
      const arrival = new Promise<void>((resolve) => (arrived = resolve));
      const subscription = subscriber.subscribeToAll({ after: 0 }, async () => arrived());
      // Let the subscription read the empty log and go idle (its watch takes its baseline now).
      await new Promise((resolve) => setTimeout(resolve, 50));
      const startedAt = Date.now();
      await writer.append('elsewhere', [event(0)], 'no-stream');
      let timer!: NodeJS.Timeout;
      const outcome = await Promise.race([
        arrival.then(() => Date.now() - startedAt),
        new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), waitMs))),
      ]);
      clearTimeout(timer);
      await subscription.stop();
      return outcome;
    }

    it('wakes a subscription as soon as the other store commits', async () => {
      const file = freshFile();
      const arrivedAfter = await firstArrivalMs(open(file, deaf), open(file, deaf), 5_000);
      expect(arrivedAfter).toBeDefined();
      expect(arrivedAfter!).toBeLessThan(1_000);
    });

    it('is what delivered: without it the same subscription waits for its next look', async () => {
      const file = freshFile();
      const quiet = { ...deaf, sameFileWake: false };
      expect(await firstArrivalMs(open(file, quiet), open(file, quiet), 500)).toBeUndefined();
    });

    it('does not wake stores on another file', async () => {
      const subscriber = open(freshFile(), deaf);
      const writer = open(freshFile(), deaf);
      const woken = jest.spyOn(subscriber as unknown as { wakeSubscriptions(): void }, 'wakeSubscriptions');
      await writer.append('elsewhere', [event(0)], 'no-stream');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(woken).not.toHaveBeenCalled();
    });
  });

  it('does not hold full batches back for the batch window, and stops in the middle of one', async () => {
    const store = open(freshFile());
    await store.append('a', [event(0), event(1), event(2), event(3)], 'no-stream');
    const batches: number[][] = [];
    const startedAt = Date.now();
    let caughtUp!: () => void;
    const allFour = new Promise<void>((resolve) => (caughtUp = resolve));
    const subscription = store.subscribeToAll(
      { after: 0, batchSize: 2, batchWindowMs: 60_000 },
      async (batch) => {
        batches.push(batch.map((recorded) => recorded.revision));
        if (batches.flat().length === 4) caughtUp();
      },
    );
    await Promise.race([allFour, subscription.done]);
    expect(batches).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(Date.now() - startedAt).toBeLessThan(5_000);

    // A live event now waits out the (minute-long) window; stop() does not.
    await store.append('a', [event(4)], 3);
    const stoppingAt = Date.now();
    await subscription.stop();
    expect(Date.now() - stoppingAt).toBeLessThan(5_000);
    expect(batches.flat()).toEqual([0, 1, 2, 3]);
  });

  it('close() stops its subscriptions first', async () => {
    const store = openSqliteEventStore(freshFile());
    const subscription = store.subscribeToAll({ after: 0 }, async () => undefined);

    await store.close();

    await expect(subscription.done).resolves.toBeUndefined();
  });

  it('rejects invalid arguments instead of misreading them', async () => {
    const store = open(freshFile());
    await expect(store.append('a', [event(0)], -1)).rejects.toThrow(RangeError);
    await expect(store.append('', [event(0)], 'any')).rejects.toThrow(RangeError);
    await expect(store.readAll({ after: 0, maxCount: 0 })).rejects.toThrow(RangeError);
    expect(() => store.subscribeToAll({ after: 0, batchSize: 0 }, async () => undefined)).toThrow(RangeError);
  });

  describe('hash chain over the recorded time (edits made in the file)', () => {
    const chained = (stream: string, firstRevision: number, previousHash: string, count: number) =>
      chainEvents(
        stream,
        firstRevision,
        previousHash,
        Array.from({ length: count }, (_, index) => ({ ...event(firstRevision + index), id: randomUUID() })),
      );

    /** Runs SQL on the store's file behind its back, as someone with access to the file could. */
    function tamper(file: string, sql: string, ...parameters: unknown[]): void {
      const db = new Database(file);
      try {
        expect(db.prepare(sql).run(...parameters).changes).toBe(1);
      } finally {
        db.close();
      }
    }

    async function appendChained(file: string, stream: string, count: number) {
      const store = open(file, { now: () => new Date('2030-01-02T03:04:05.678Z') });
      await store.append(stream, chained(stream, 0, GENESIS_HASH, count), 'no-stream');
      return store;
    }

    it("detects an edit of a new event's recorded_at", async () => {
      const file = freshFile();
      const store = await appendChained(file, 'case-a', 8);
      expect(verifyStreamChain(await store.readStream('case-a'))).toBeUndefined();

      // Revision 7 moved before revision 1, as the tester did.
      tamper(
        file,
        "UPDATE events SET recorded_at = '2030-01-02T03:04:05.000Z' WHERE stream = ? AND revision = 7",
        'case-a',
      );

      expect(verifyStreamChain(await store.readStream('case-a'))).toMatchObject({
        stream: 'case-a',
        revision: 7,
        problem: 'hash-mismatch',
      });
    });

    it("detects the removal of a new event's format marker", async () => {
      const file = freshFile();
      const store = await appendChained(file, 'case-a', 3);
      tamper(
        file,
        `UPDATE events SET metadata = json_remove(metadata, '$.${HASH_FORMAT_FIELD}') WHERE stream = ? AND revision = 1`,
        'case-a',
      );

      const events = await store.readStream('case-a');
      expect(events[1].metadata).not.toHaveProperty(HASH_FORMAT_FIELD);
      expect(verifyStreamChain(events)).toMatchObject({ revision: 1, problem: 'hash-mismatch' });
    });

    it('still verifies events stored before the hash covered the time, and chains new events on after them', async () => {
      const file = freshFile();
      const store = open(file);
      // Rows as the previous release stored them: the caller's format-1 chain, kept as given.
      const old = chained('case-a', 0, GENESIS_HASH, 2);
      const db = new Database(file);
      try {
        const insert = db.prepare(
          'INSERT INTO events (id, stream, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        );
        old.forEach((stored, revision) =>
          insert.run(
            stored.id,
            'case-a',
            revision,
            stored.type,
            JSON.stringify(stored.data),
            JSON.stringify(stored.metadata),
            '2025-06-01T00:00:00.000Z',
          ),
        );
      } finally {
        db.close();
      }

      const before = await store.readStream('case-a');
      expect(before.map((stored) => stored.metadata)).toEqual(old.map((given) => given.metadata));
      expect(verifyStreamChain(before)).toBeUndefined();

      await store.append('case-a', chained('case-a', 2, old[1].metadata.hash!, 1), 1);
      const after = await store.readStream('case-a');
      expect(after.map((stored) => stored.metadata[HASH_FORMAT_FIELD])).toEqual([undefined, undefined, 2]);
      expect(after[2].metadata.previousHash).toBe(old[1].metadata.hash);
      expect(verifyStreamChain(after)).toBeUndefined();
    });

    it('chains events its caller did not chain too (the decision runner leaves it to the store)', async () => {
      const store = open(freshFile());
      await store.append('a', [event(0), event(1)], 'no-stream');
      const [first, second] = await store.readStream('a');
      expect(first.metadata).toMatchObject({
        ...event(0).metadata,
        hashFormat: 2,
        previousHash: GENESIS_HASH,
      });
      expect(second.metadata.previousHash).toBe(first.metadata.hash);
      expect(verifyStreamChain([first, second])).toBeUndefined();
    });
  });

  describe('a damaged row', () => {
    async function storeWithDamagedRow(column: 'data' | 'metadata', text: string) {
      const file = freshFile();
      const store = open(file);
      await store.append('case-a', [event(0), event(1), event(2)], 'no-stream');
      const db = new Database(file);
      try {
        db.prepare(`UPDATE events SET ${column} = ? WHERE stream = 'case-a' AND revision = 1`).run(text);
      } finally {
        db.close();
      }
      return store;
    }

    it.each([
      ['data', '{not json', /case-a@1 \(position 2\) cannot be read: its data is not valid JSON \(.+\)/],
      ['metadata', '{not json', /case-a@1 \(position 2\) cannot be read: its metadata is not valid JSON/],
      ['metadata', 'null', /case-a@1 \(position 2\) cannot be read: its metadata is not a JSON object/],
    ] as const)(
      'with %s %s fails reads with an error naming its stream, revision and position',
      async (column, text, message) => {
        const store = await storeWithDamagedRow(column, text);

        for (const read of [
          () => store.readStream('case-a'),
          () => store.readAll({ after: 0, maxCount: 10 }),
        ]) {
          const error = await read().catch((caught: unknown) => caught);
          expect(error).toBeInstanceOf(UnreadableEventError);
          expect(error).toMatchObject({ stream: 'case-a', revision: 1, position: 2 });
          expect((error as Error).message).toMatch(message);
          expect((error as Error).cause).toBeInstanceOf(Error);
        }
        // The rows around it still read.
        expect((await store.readStream('case-a', { fromRevision: 2 })).map((read) => read.revision)).toEqual([
          2,
        ]);
      },
    );

    it('stops a subscription with the same error', async () => {
      const store = await storeWithDamagedRow('metadata', 'null');
      const subscription = store.subscribeToAll({ after: 0 }, async () => undefined);
      let timer!: NodeJS.Timeout;
      const outcome = await Promise.race([
        subscription.done.then(
          () => 'stopped',
          (error: unknown) => error,
        ),
        new Promise((resolve) => (timer = setTimeout(() => resolve('still running'), 5_000))),
      ]);
      clearTimeout(timer);
      await subscription.stop();
      expect(outcome).toMatchObject({ name: 'UnreadableEventError', revision: 1 });
    });
  });
});
