import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewEvent } from '../event-store.port';
import { ReadOnlyEventStoreError } from './read-only-connection';
import { openSqliteEventStoreReadOnly } from './read-only-event-store';
import { ReadOnlySqliteFile } from './read-only-file';
import { openSqliteEventStore } from './sqlite-event-store';

const root = mkdtempSync(join(tmpdir(), 'casetrail-read-only-es-'));
let folders = 0;
const freshFolder = () => {
  const folder = join(root, `folder-${++folders}`);
  mkdirSync(folder);
  return folder;
};

afterAll(() => rmSync(root, { recursive: true, force: true }));

const event = (n: number): NewEvent => ({
  type: 'Numbered',
  data: { n },
  metadata: { actor: 'system:spec', correlationId: 'c', schemaVersion: 1 },
});

/** Every file of the folder with its SHA-256: what must not change. */
const fingerprint = (folder: string) =>
  Object.fromEntries(
    readdirSync(folder)
      .sort()
      .map((name) => [
        name,
        createHash('sha256')
          .update(readFileSync(join(folder, name)))
          .digest('hex'),
      ]),
  );

/** A log of three events, left as the store leaves it when closed: WAL mode, no -wal or -shm file. */
async function writeLog(folder: string): Promise<string> {
  const file = join(folder, 'events.sqlite');
  const store = openSqliteEventStore(file);
  await store.append('a', [event(0), event(1)], 'no-stream');
  await store.append('b', [event(0)], 'no-stream');
  await store.close();
  return file;
}

describe('the SQLite event store opened read-only', () => {
  it("reads a backup's copy (rollback-journal mode, as VACUUM INTO writes it) in place, changing no byte", async () => {
    const folder = freshFolder();
    const live = await writeLog(freshFolder());
    const copy = join(folder, 'events.sqlite');
    closeSync(openSync(copy, 'wx', 0o600));
    const source = new Database(live, { readonly: true });
    source.prepare('VACUUM INTO ?').run(copy);
    source.close();
    const before = fingerprint(folder);

    const store = openSqliteEventStoreReadOnly(copy);
    expect((await store.readAll({ after: 0, maxCount: 10 })).map((e) => e.position)).toEqual([1, 2, 3]);
    await expect(store.append('b', [event(1)], 0)).rejects.toThrow(ReadOnlyEventStoreError);
    await store.close();

    expect(fingerprint(folder)).toEqual(before);
    const reopened = new Database(copy, { readonly: true });
    expect(reopened.pragma('journal_mode', { simple: true })).toBe('delete');
    reopened.close();
  });

  it('reads a WAL-mode file closed cleanly in place, query-only, leaving no -wal or -shm file behind', async () => {
    const folder = freshFolder();
    const file = await writeLog(folder);
    const before = fingerprint(folder);
    expect(Object.keys(before)).toEqual(['events.sqlite']);

    // No copy of a log that may hold gigabytes: SQLite refuses every change through the connection.
    const source = ReadOnlySqliteFile.open(file);
    expect(source.readsCopy).toBe(false);
    expect(() => source.db.exec(`DELETE FROM events`)).toThrow(/readonly|read-only/i);
    source.close();
    const store = openSqliteEventStoreReadOnly(file);
    expect((await store.readStream('a')).map((e) => e.data)).toEqual([{ n: 0 }, { n: 1 }]);
    await store.close();

    expect(fingerprint(folder)).toEqual(before);
  });

  it('reads a file with a -wal left beside it but no -shm from a private copy: closing folds nothing in', async () => {
    const live = join(freshFolder(), 'events.sqlite');
    const writer = openSqliteEventStore(live);
    await writer.append('a', [event(0)], 'no-stream');
    // The last append stays in the -wal, as after a crash; the evidence was copied without the -shm.
    (writer as unknown as { db: Database.Database }).db.pragma('wal_checkpoint(TRUNCATE)');
    await writer.append('a', [event(1)], 0);
    const folder = freshFolder();
    for (const suffix of ['', '-wal']) {
      writeFileSync(join(folder, `events.sqlite${suffix}`), readFileSync(`${live}${suffix}`));
    }
    await writer.close();
    const before = fingerprint(folder);
    expect(Object.keys(before)).toEqual(['events.sqlite', 'events.sqlite-wal']);

    const store = openSqliteEventStoreReadOnly(join(folder, 'events.sqlite'));
    expect((await store.readStream('a')).map((e) => e.data)).toEqual([{ n: 0 }, { n: 1 }]);
    await store.close();

    expect(fingerprint(folder)).toEqual(before);
  });

  it('reads a WAL-mode file in a read-only folder, where SQLite could not create its -wal and -shm files', async () => {
    const folder = freshFolder();
    const file = await writeLog(folder);
    const before = fingerprint(folder);
    chmodSync(file, 0o400);
    chmodSync(folder, 0o500);
    try {
      // (As root, permissions do not bind: the test then shows only that nothing is left behind.)
      const store = openSqliteEventStoreReadOnly(file);
      expect(await store.headPosition()).toBe(3);
      await store.close();
      expect(fingerprint(folder)).toEqual(before);
    } finally {
      chmodSync(folder, 0o700);
    }
  });

  it('reads a live store in place, beside the process that goes on appending to it', async () => {
    const file = join(freshFolder(), 'events.sqlite');
    const writer = openSqliteEventStore(file);
    await writer.append('a', [event(0)], 'no-stream');

    const source = ReadOnlySqliteFile.open(file);
    expect(source.readsCopy).toBe(false);
    source.close();
    const reader = openSqliteEventStoreReadOnly(file);
    try {
      expect(await reader.headPosition()).toBe(1);
      await writer.append('a', [event(1)], 0);
      expect((await reader.readStream('a')).map((e) => e.data)).toEqual([{ n: 0 }, { n: 1 }]);
    } finally {
      await reader.close();
      await writer.close();
    }
  });

  it('refuses a file without an event log, by name, instead of creating one in it', () => {
    const folder = freshFolder();
    const file = join(folder, 'events.sqlite');
    const other = new Database(file);
    other.exec('CREATE TABLE notes (text TEXT)');
    other.close();
    const before = fingerprint(folder);

    expect(() => openSqliteEventStoreReadOnly(file)).toThrow(`${file} holds no events table`);
    expect(fingerprint(folder)).toEqual(before);
  });
});
