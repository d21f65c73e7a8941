import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from './support/run-cli';

/**
 * `casetrail rebuild --threads 2`: the cases projection on the command's thread, the others on a
 * second one, each with stores of its own on the same files. What it stores must be exactly what
 * the default one-thread rebuild stores, row for row and index for index.
 */
describe('casetrail rebuild on two threads', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-rebuild-threads-'));
    const demo = await cli(dataDir, 'demo-data', ...['--cases', '300', '--days', '20', '--seed', '11']);
    expect(demo.code).toBe(0);
  }, 120_000);

  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('stores what the one-thread rebuild stores, and says how it shared the work', async () => {
    const twoThreads = await cli(dataDir, 'rebuild', '--threads', '2');
    expect(twoThreads.stderr).toBe('');
    expect(twoThreads.code).toBe(0);
    expect(twoThreads.stdout).toMatch(
      /^Rebuilt 4 projection\(s\) in \d+ ms on 2 threads \(cases on this one; accounts, licences, reporting on a second\)$/m,
    );
    const shared = readModelRows(dataDir);

    const oneThread = await cli(dataDir, 'rebuild');
    expect(oneThread.code).toBe(0);
    expect(oneThread.stdout).toMatch(/^Rebuilt 4 projection\(s\) in \d+ ms$/m);
    const single = readModelRows(dataDir);

    expect(Object.keys(shared.tables).length).toBeGreaterThan(10);
    expect(shared.tables).toEqual(single.tables);
    expect(shared.indexes).toEqual(single.indexes);
    expect(shared.checkpoints).toEqual(single.checkpoints);
    // Nobody holds a lease once the command has ended: a projector may start at once.
    expect(shared.leases).toEqual([]);
    expect((await cli(dataDir, 'verify-projections')).code).toBe(0);
  }, 180_000);

  it('with only the cases projection named, rebuilds on one thread; more threads are refused', async () => {
    const result = await cli(dataDir, 'rebuild', 'cases', '--threads', '2');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Rebuilt 1 projection\(s\) in \d+ ms$/m);
    const three = await cli(dataDir, 'rebuild', '--threads', '3');
    // As any other usage error of `rebuild` (an unknown option, a --batch-size of 0).
    expect(three.code).toBe(1);
    expect(three.stderr).toContain(
      "option '--threads <n>' argument '3' is invalid. must be an integer from 1 to 2",
    );
  }, 120_000);
});

/** Every read-model table's rows (sorted), its index definitions, the checkpoints and the leases. */
function readModelRows(dataDir: string) {
  const db = new Database(path.join(dataDir, 'readmodels.sqlite'), { readonly: true });
  try {
    const names = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'rm_%' ORDER BY name`)
      .pluck()
      .all() as string[];
    const tables = Object.fromEntries(
      names.map((name) => [
        name,
        (db.prepare(`SELECT * FROM "${name}"`).all() as object[]).map((row) => JSON.stringify(row)).sort(),
      ]),
    );
    return {
      tables,
      indexes: db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name`).all(),
      // The rebuilt projections' (the notifier's delivery journal keeps its own).
      checkpoints: db
        .prepare(
          `SELECT * FROM readmodel_checkpoints WHERE projection IN ('accounts', 'licences', 'cases', 'reporting') ORDER BY projection`,
        )
        .all(),
      leases: db.prepare(`SELECT * FROM readmodel_leases`).all(),
    };
  } finally {
    db.close();
  }
}
