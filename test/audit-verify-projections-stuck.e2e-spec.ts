import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from './support/run-cli';

interface Row {
  position: number;
  stream: string;
  revision: number;
}

/**
 * A projector stopped on a stored row that cannot be read: its read models end just before the
 * row, and the log goes on past it. `verify-projections` rebuilt up to the live checkpoint only, so
 * it never read the row: it named nothing, and called each projection "identical ... N events
 * behind the log's head", which reads as ordinary lag. It now reads the log on to its head: the row
 * is named (BROKEN ... cannot be read), and a projection stopped before it is said to be so.
 */
describe('verify-projections with the live projections stopped before a row that cannot be read', () => {
  let parent: string;
  let dataDir: string;
  let stuckAt: Row;
  let head: number;

  beforeAll(async () => {
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-verify-projections-stuck-'));
    const whole = path.join(parent, 'whole', 'events.sqlite');
    dataDir = path.join(parent, 'data');
    const demo = await cli(
      path.dirname(whole),
      'demo-data',
      ...['--cases', '30', '--days', '5', '--seed', '11'],
    );
    expect(demo.code).toBe(0);
    fs.mkdirSync(dataDir);
    const events = path.join(dataDir, 'events.sqlite');

    // The log up to a case event (the support policy's adoption, last in the log, moved before
    // it), for read models built up to the row that will not read: where a projector stops.
    const source = new Database(whole, { readonly: true });
    let cut: Row;
    try {
      head = source.prepare('SELECT MAX(position) FROM events').pluck().get() as number;
      cut = source
        .prepare(
          `SELECT position, stream, revision FROM events WHERE stream LIKE 'case-%' AND revision > 0
             AND position < ? ORDER BY position DESC LIMIT 1`,
        )
        .get(head - 10) as Row;
      source.prepare('VACUUM INTO ?').run(events);
    } finally {
      source.close();
    }
    withDb(events, (db) => {
      expect(db.prepare('SELECT stream FROM events WHERE position = ?').pluck().get(head)).toBe(POLICY);
      db.prepare('DELETE FROM events WHERE position >= ? AND stream != ?').run(cut.position, POLICY);
      db.prepare('UPDATE events SET position = ? WHERE stream = ?').run(cut.position, POLICY);
    });
    expect(await cli(dataDir, 'rebuild')).toMatchObject({ code: 0 });

    // The rest of the log appended after it, as written, the first row of it garbled.
    withDb(events, (db) => {
      db.prepare('ATTACH DATABASE ? AS whole').run(whole);
      const columns = 'id, stream, revision, type, data, metadata, recorded_at';
      db.prepare(
        `INSERT INTO events (position, ${columns}) SELECT position + 1, ${columns} FROM whole.events
           WHERE position >= ? AND stream != ? ORDER BY position`,
      ).run(cut.position, POLICY);
      stuckAt = { ...cut, position: cut.position + 1 };
      db.prepare(`UPDATE events SET data = '{"body": "Look' WHERE position = ?`).run(stuckAt.position);
      expect(db.prepare('SELECT MAX(position) FROM events').pluck().get()).toBe(head);
    });
  }, 180_000);

  afterAll(() => fs.rmSync(parent, { recursive: true, force: true }));

  it('names the row, says each projection stopped just before it rather than lagging, and exits with 1', async () => {
    const result = await cli(dataDir, 'verify-projections');
    expect(result.code).toBe(1);
    const checkpoint = stuckAt.position - 1;
    for (const projection of ['accounts', 'licences', 'cases', 'reporting']) {
      expect(result.stdout).toMatch(
        new RegExp(
          `^${projection}: identical at position ${checkpoint}: .* \\(the live projection stopped just before position ${stuckAt.position}, which cannot be read \\(BROKEN below\\), ${head - checkpoint} events behind the log's head: if it stays there, it is stuck on that row, not lagging\\)$`,
          'm',
        ),
      );
    }
    expect(result.stdout).not.toContain('(the live projection is');
    expect(result.stdout).toContain(
      `BROKEN ${stuckAt.stream} at revision ${stuckAt.revision} (position ${stuckAt.position}): the stored event cannot be read, its data is not valid JSON (`,
    );
    expect(result.stdout).toContain(
      `1 stored event(s) cannot be read, all after position ${checkpoint}: no live projection has applied them yet, and the rebuild did not reach them.`,
    );
    expect(result.stdout).toContain('Not verified:');
  }, 120_000);
});

const POLICY = 'support-policy-versions';

function withDb(file: string, work: (db: Database.Database) => void): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    work(db);
  } finally {
    db.close();
  }
}

/**
 * The projections go past a row that cannot be read, setting its stream aside (its later events
 * too), and so does `rebuild`. `verify-projections` rebuilt with only the row left out, applying the
 * stream's later events, and reported the stream's documents as differences between the live read
 * models and a rebuild, as if the read models had been changed. Its rebuild now sets the stream
 * aside as the runners do: the row is the evidence, not the read models.
 */
describe('verify-projections after the projections set aside a stream with a row that cannot be read', () => {
  let dataDir: string;
  let garbled: Row;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-verify-projections-set-aside-'));
    const demo = await cli(dataDir, 'demo-data', ...['--cases', '30', '--days', '5', '--seed', '11']);
    expect(demo.code).toBe(0);
    withDb(path.join(dataDir, 'events.sqlite'), (db) => {
      // A case event with later events in its stream, which the projections then go without.
      garbled = db
        .prepare(
          `SELECT position, stream, revision FROM events e WHERE stream LIKE 'case-%' AND revision = 1
             AND EXISTS (SELECT 1 FROM events l WHERE l.stream = e.stream AND l.revision = 3)
           ORDER BY position LIMIT 1`,
        )
        .get() as Row;
      db.prepare(`UPDATE events SET data = '{"x' WHERE position = ?`).run(garbled.position);
    });
    expect(await cli(dataDir, 'rebuild')).toMatchObject({ code: 0 });
  }, 180_000);

  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('finds the read models equal to its rebuild, names the row, and exits with 1', async () => {
    const result = await cli(dataDir, 'verify-projections');
    expect(result.code).toBe(1);
    for (const projection of ['accounts', 'licences', 'cases', 'reporting'])
      expect(result.stdout).toMatch(new RegExp(`^${projection}: identical at position \\d+: `, 'm'));
    expect(result.stdout).not.toContain('difference');
    expect(result.stdout).toContain(
      `BROKEN ${garbled.stream} at revision 1 (position ${garbled.position}): the stored event cannot be read, its data is not valid JSON (`,
    );
    expect(result.stdout).toContain('Not verified:');
  }, 120_000);
});
