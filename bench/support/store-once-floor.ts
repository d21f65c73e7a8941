import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { READ_MODEL_PAGE_SIZE } from '@casetrail/readmodels/sqlite/sqlite-read-model-store';

/** Rows serialised and inserted per transaction; what the parse of a chunk holds in memory. */
const CHUNK_ROWS = 10_000;

type TableRow = Record<string, unknown> & { id: string; doc: string };

/** A SQLite file opened with the pragmas the read-model store (SqliteReadModelStore) sets. */
export function openLikeReadModelStore(file: string): Database.Database {
  const db = new Database(file);
  db.pragma(`page_size = ${READ_MODEL_PAGE_SIZE}`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -65536');
  return db;
}

/**
 * What storing a rebuilt read-model store costs at the very least: every row of `rebuiltFile` (a
 * store a rebuild just filled) written exactly once into an empty copy of its tables, its document
 * serialised from an object as any rebuild must, in large transactions, and the secondary indexes
 * built once at the end. No projection code runs and no row is written twice, so no rebuild into
 * this store, however clever, can spend less on storage. Parsing the source rows is not timed, and
 * rows go in in id order, the cheapest order for each table's primary key.
 *
 * `tables` leaves some out (`skip`) or keeps only some (`only`), to see what a leaner set of read
 * models would bound.
 */
export function storeOnceMs(
  rebuiltFile: string,
  scratchFile: string,
  tables: { skip?: string[]; only?: string[] } = {},
): number {
  const source = new Database(rebuiltFile, { readonly: true });
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${scratchFile}${suffix}`, { force: true });
  const target = openLikeReadModelStore(scratchFile);
  try {
    const schema = (type: 'table' | 'index') =>
      source
        .prepare(
          `SELECT name, sql FROM sqlite_master WHERE type = ? AND sql IS NOT NULL AND tbl_name LIKE 'rm\\_%' ESCAPE '\\'`,
        )
        .all(type) as { name: string; sql: string }[];
    const stored = schema('table').filter(
      ({ name }) => !tables.skip?.includes(name) && (!tables.only || tables.only.includes(name)),
    );
    const indexes = schema('index').filter((index) =>
      stored.some((table) => index.sql.includes(`ON "${table.name}"`)),
    );
    for (const table of stored) target.exec(table.sql);

    let ms = 0;
    for (const table of stored) ms += copyRows(source, target, table.name);
    const started = performance.now();
    for (const index of indexes) target.exec(index.sql);
    return ms + performance.now() - started;
  } finally {
    source.close();
    target.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${scratchFile}${suffix}`, { force: true });
  }
}

/** Copies one table chunk by chunk; returns the time spent serialising and inserting. */
function copyRows(source: Database.Database, target: Database.Database, table: string): number {
  const columns = (source.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map(
    (column) => column.name,
  );
  const insert = target.prepare(
    `INSERT INTO "${table}" (${columns.map((column) => `"${column}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
  );
  const read = source.prepare(`SELECT * FROM "${table}" WHERE id > ? ORDER BY id LIMIT ${CHUNK_ROWS}`);
  let ms = 0;
  for (let after = ''; ;) {
    const rows = (read.all(after) as TableRow[]).map((row): Record<string, unknown> => ({
      ...row,
      doc: JSON.parse(row.doc) as unknown,
    }));
    if (rows.length === 0) return ms;
    const started = performance.now();
    target.transaction(() => {
      for (const row of rows) {
        insert.run(...columns.map((column) => (column === 'doc' ? JSON.stringify(row.doc) : row[column])));
      }
    })();
    ms += performance.now() - started;
    after = rows[rows.length - 1].id as string;
  }
}
