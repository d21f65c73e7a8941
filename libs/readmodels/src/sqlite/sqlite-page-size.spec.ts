import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { READ_MODEL_PAGE_SIZE, SqliteReadModelStore } from './sqlite-read-model-store';

const directory = mkdtempSync(path.join(tmpdir(), 'casetrail-page-size-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function pageSizeOf(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return db.pragma('page_size', { simple: true }) as number;
  } finally {
    db.close();
  }
}

describe('SQLite read-model page size', () => {
  it('gives a new file pages large enough for several case documents each', async () => {
    const file = path.join(directory, 'new.sqlite');
    const store = new SqliteReadModelStore(file);
    await store.ensureCollections([{ name: 'cases', indexedFields: ['status'] }]);
    await store.close();

    expect(READ_MODEL_PAGE_SIZE).toBe(16_384);
    expect(pageSizeOf(file)).toBe(READ_MODEL_PAGE_SIZE);
  });

  it('opens a file made with 4 KiB pages as it is, documents and all', async () => {
    const file = path.join(directory, 'old.sqlite');
    const old = new Database(file);
    old.pragma('page_size = 4096');
    old.pragma('journal_mode = WAL');
    old.close();
    const first = new SqliteReadModelStore(file);
    await first.ensureCollections([{ name: 'cases', indexedFields: ['status'] }]);
    await first.applyBatch('p', [{ position: 1 }], (_event, tx) => tx.put('cases', 'a', { status: 'open' }));
    await first.close();

    const reopened = new SqliteReadModelStore(file);
    await reopened.ensureCollections([{ name: 'cases', indexedFields: ['status'] }]);
    expect(await reopened.get('cases', 'a')).toEqual({ id: 'a', status: 'open' });
    await reopened.close();
    expect(pageSizeOf(file)).toBe(4096);
  });
});
