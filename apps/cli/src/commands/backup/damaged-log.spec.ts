import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openSqliteEventStore } from '@casetrail/eventstore';
import { damageIn } from './damaged-log';

describe('damageIn: the stored events of a copied log that cannot be read', () => {
  let folder: string;
  let file: string;

  beforeEach(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-damaged-log-'));
    file = path.join(folder, 'events.sqlite');
    const store = openSqliteEventStore(file);
    const noted = (n: number) => ({
      type: 'Noted',
      data: { n },
      metadata: { actor: 'a@example.com', correlationId: `c${n}`, schemaVersion: 1 },
    });
    await store.append('case-1', [noted(1), noted(2), noted(3)], 'no-stream');
    await store.append('case-2', [noted(4), noted(5)], 'no-stream');
    await store.close();
  });

  afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

  const edit = (sql: string, ...parameters: unknown[]) => {
    const db = new Database(file);
    db.prepare(sql).run(...parameters);
    db.close();
  };

  it('finds nothing in an intact log', async () => {
    expect(await damageIn(file)).toBeUndefined();
  });

  it('names each row whose data or metadata is not JSON, or whose metadata is not an object, as the store reads it', async () => {
    edit(`UPDATE events SET data = '{broken' WHERE position = 2`);
    edit(`UPDATE events SET metadata = 'null' WHERE position = 4`);
    edit(`UPDATE events SET metadata = '[]' WHERE position = 5`);
    expect(await damageIn(file)).toEqual({
      unreadableEvents: 3,
      first: [
        {
          stream: 'case-1',
          revision: 1,
          position: 2,
          type: 'Noted',
          problem: expect.stringMatching(/^its data is not valid JSON \(/),
        },
        {
          stream: 'case-2',
          revision: 0,
          position: 4,
          type: 'Noted',
          problem: 'its metadata is not a JSON object',
        },
        {
          stream: 'case-2',
          revision: 1,
          position: 5,
          type: 'Noted',
          problem: 'its metadata is not a JSON object',
        },
      ],
    });
  });

  it('does not name a row SQLite finds suspect but the store reads (JSON nested deeper than SQLite parses)', async () => {
    edit(`UPDATE events SET data = ? WHERE position = 3`, `${'['.repeat(3000)}${']'.repeat(3000)}`);
    expect(await damageIn(file)).toBeUndefined();
  });

  it('keeps the first 20 and counts them all', async () => {
    edit(`UPDATE events SET data = '{broken'`);
    const db = new Database(file);
    const insert = db.prepare(
      `INSERT INTO events (id, stream, revision, type, data, metadata, recorded_at) VALUES (?, 'case-3', ?, 'Noted', '{broken', '{}', '2026-01-01T00:00:00.000Z')`,
    );
    for (let revision = 0; revision < 20; revision++) insert.run(`id-${revision}`, revision);
    db.close();
    const damage = await damageIn(file);
    expect(damage?.unreadableEvents).toBe(25);
    expect(damage?.first.map((row) => row.position)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });
});
