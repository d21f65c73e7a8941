import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describeReadModelStoreContract } from '../read-model-store.contract';
import { CheckpointConflictError } from '../read-model-errors';
import { SqliteReadModelStore } from './sqlite-read-model-store';

const directory = mkdtempSync(path.join(tmpdir(), 'casetrail-readmodels-'));
const file = path.join(directory, 'readmodels.sqlite');

afterAll(() => rmSync(directory, { recursive: true, force: true }));

describeReadModelStoreContract('SQLite', async () => new SqliteReadModelStore(file));

describe('SQLite read-model store across connections', () => {
  const cases = {
    name: 'cases',
    indexedFields: ['status', 'escalated'],
    compoundIndexes: [['status', 'escalated']],
  };
  let dbFile: string;
  let writer: SqliteReadModelStore;
  let reader: SqliteReadModelStore;

  beforeEach(async () => {
    dbFile = path.join(directory, `connections-${Date.now()}-${Math.random().toString(36).slice(2)}.sqlite`);
    writer = new SqliteReadModelStore(dbFile);
    await writer.ensureCollections([cases]);
    reader = new SqliteReadModelStore(dbFile);
  });

  afterEach(async () => {
    await Promise.all([writer.close(), reader.close()]);
  });

  it('lets another connection query a collection it never ensured, by its columns on disk', async () => {
    await writer.applyBatch('p', [{ position: 1 }], (_event, tx) => {
      tx.put('cases', 'a', { status: 'open', escalated: true });
      tx.put('cases', 'b', { status: 'open', escalated: false });
    });
    expect(await reader.find('cases', { where: { escalated: true } })).toEqual({
      items: [{ id: 'a', status: 'open', escalated: true }],
    });
    expect(await reader.getCheckpoint('p')).toBe(1);
  });

  it('keeps one typed column per indexed field in step with the document', async () => {
    await writer.applyBatch('p', [{ position: 1 }, { position: 2 }], (event, tx) =>
      tx.put('cases', 'a', event.position === 1 ? { status: 'open', escalated: true } : { status: '5' }),
    );
    const db = new Database(dbFile, { readonly: true });
    try {
      const row = db
        .prepare('SELECT f_status, typeof(f_status) AS type, f_escalated FROM "rm_cases" WHERE id = ?')
        .get('a');
      expect(row).toEqual({ f_status: '5', type: 'text', f_escalated: null });
      const indexes = db
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'rm_cases'`)
        .all();
      // No index on status alone: the compound index it leads serves those queries too.
      expect(indexes.map((index) => (index as { name: string }).name).sort()).toEqual([
        'ix:rm_cases(escalated)',
        'ix:rm_cases(status,escalated)',
        'sqlite_autoindex_rm_cases_1',
      ]);
    } finally {
      db.close();
    }
  });

  it('gives a filter-only field a column and no index of its own', async () => {
    await writer.ensureCollections([{ ...cases, filterOnlyFields: ['product'] }]);
    const db = new Database(dbFile, { readonly: true });
    try {
      const columns = db.prepare('PRAGMA table_info("rm_cases")').all() as { name: string }[];
      expect(columns.map((column) => column.name)).toContain('f_product');
      const indexes = db
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'rm_cases'`)
        .pluck()
        .all() as string[];
      expect(indexes.filter((index) => index.includes('product'))).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('drops columns and indexes a definition no longer has', async () => {
    await writer.ensureCollections([{ name: 'cases', indexedFields: ['status'] }]);
    const db = new Database(dbFile, { readonly: true });
    try {
      const columns = db.prepare('PRAGMA table_info("rm_cases")').all() as { name: string }[];
      expect(columns.map((column) => column.name)).toEqual(['id', 'doc', 'f_status']);
    } finally {
      db.close();
    }
  });

  it('refuses to commit a batch when another runner moved the checkpoint meanwhile', async () => {
    const other = new SqliteReadModelStore(dbFile);
    try {
      await expect(
        writer.applyBatch('p', [{ position: 1 }], async (_event, tx) => {
          tx.put('cases', 'stale', { status: 'open' });
          await other.applyBatch('p', [{ position: 1 }], (_otherEvent, otherTx) =>
            otherTx.put('cases', 'fresh', { status: 'open' }),
          );
        }),
      ).rejects.toBeInstanceOf(CheckpointConflictError);
      expect(await reader.find('cases')).toEqual({ items: [{ id: 'fresh', status: 'open' }] });
    } finally {
      await other.close();
    }
  });

  it('refuses to flush a held batch when another runner moved the checkpoint since it was opened', async () => {
    const held = await writer.openHeldBatch('p');
    await held.apply([{ position: 1 }], (_event, tx) => tx.put('cases', 'stale', { status: 'open' }));
    await reader.applyBatch('p', [{ position: 2 }], (_event, tx) =>
      tx.put('cases', 'fresh', { status: 'open' }),
    );
    await expect(held.flush()).rejects.toBeInstanceOf(CheckpointConflictError);
    expect(await reader.find('cases')).toEqual({ items: [{ id: 'fresh', status: 'open' }] });
    expect(await reader.getCheckpoint('p')).toBe(2);
  });

  it("re-reads a document another connection's runner rewrote, rather than the copy it keeps from its own last batch", async () => {
    const bump = async (store: SqliteReadModelStore, position: number) =>
      store.applyBatch('p', [{ position }], async (_event, tx) => {
        const current = await tx.get<{ count: number }>('cases', 'a');
        tx.put('cases', 'a', { status: 'open', count: (current?.count ?? 0) + 1 });
      });
    await bump(writer, 1); // the writer keeps { count: 1 } in memory, current at checkpoint 1
    await bump(reader, 2); // another runner takes over: { count: 2 }, checkpoint 2
    await bump(writer, 3); // back to the writer: it must see 2, not its own 1
    expect(await reader.get('cases', 'a')).toEqual({ id: 'a', status: 'open', count: 3 });
  });

  it('defers indexes after a reset for rebuild until ensureCollections, building the ones a lookup needs at once', async () => {
    const ownIndexes = () => {
      const db = new Database(dbFile, { readonly: true });
      try {
        return (
          db
            .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'rm_cases'`)
            .all() as {
            name: string;
          }[]
        )
          .map((index) => index.name)
          .filter((name) => name.startsWith('ix:'))
          .sort();
      } finally {
        db.close();
      }
    };
    await writer.reset('p', ['cases'], { deferIndexes: true });
    expect(ownIndexes()).toEqual([]);
    let found: string[] = [];
    await writer.applyBatch('p', [{ position: 1 }, { position: 2 }], async (event, tx) => {
      if (event.position === 1) tx.put('cases', 'a', { status: 'open', escalated: true });
      else found = await tx.findIds('cases', { escalated: true });
    });
    expect(found).toEqual(['a']);
    expect(ownIndexes()).toEqual(['ix:rm_cases(escalated)']);
    await writer.ensureCollections([cases]);
    expect(ownIndexes()).toEqual(['ix:rm_cases(escalated)', 'ix:rm_cases(status,escalated)']);
    expect(await reader.find('cases', { where: { status: 'open' } })).toEqual({
      items: [{ id: 'a', status: 'open', escalated: true }],
    });
  });

  it('gives a lease to one connection at a time', async () => {
    expect(await writer.tryAcquireLease('projection:p', 'writer', 60_000)).toBe(true);
    expect(await reader.tryAcquireLease('projection:p', 'reader', 60_000)).toBe(false);
    await writer.releaseLease('projection:p', 'writer');
    expect(await reader.tryAcquireLease('projection:p', 'reader', 60_000)).toBe(true);
  });
});
