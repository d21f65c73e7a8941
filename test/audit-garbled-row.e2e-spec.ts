import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AuditBundleHeader } from '../apps/cli/src/commands/audit/audit-bundle';
import { cli } from './support/run-cli';

interface Row {
  position: number;
  stream: string;
  revision: number;
  id: string;
}

/**
 * A stored row that cannot be read (its data, or its metadata, is not JSON) is evidence, not a
 * reason to stop: `verify`, `verify-projections`, `replay` and `export` name it (stream, revision,
 * position, what is wrong), check everything else, and exit with 1. Here a case event's data and an
 * account event's metadata are garbled, and a case opened later in the log is edited (its hash no
 * longer matches): the edit is still found, past the garbled rows.
 */
describe('the audit commands on a log with a garbled row', () => {
  let parent: string;
  let dataDir: string;
  /** The case event whose data is garbled. */
  let garbled: Row;
  /** The account event whose metadata is garbled. */
  let garbledMetadata: Row;
  /** The CaseOpened, after both in the log, whose title is edited. */
  let edited: Row;

  beforeAll(async () => {
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-audit-garbled-'));
    dataDir = path.join(parent, 'data');
    const demo = await cli(dataDir, 'demo-data', ...['--cases', '40', '--days', '7', '--seed', '5']);
    expect(demo.code).toBe(0);
    expect((await cli(dataDir, 'rebuild')).code).toBe(0);

    const db = new Database(path.join(dataDir, 'events.sqlite'));
    try {
      const columns = 'position, stream, revision, id';
      garbled = db
        .prepare(
          `SELECT ${columns} FROM events WHERE stream LIKE 'case-%' AND revision = 1 ORDER BY position LIMIT 1`,
        )
        .get() as Row;
      garbledMetadata = db
        .prepare(`SELECT ${columns} FROM events WHERE stream LIKE 'account-%' ORDER BY position LIMIT 1`)
        .get() as Row;
      edited = db
        .prepare(
          `SELECT ${columns} FROM events WHERE type = 'CaseOpened' AND position > ? ORDER BY position LIMIT 1`,
        )
        .get(Math.max(garbled.position, garbledMetadata.position)) as Row;
      db.prepare(`UPDATE events SET data = '{"title": "Checkout fa' WHERE position = ?`).run(
        garbled.position,
      );
      db.prepare(`UPDATE events SET metadata = 'not json at all' WHERE position = ?`).run(
        garbledMetadata.position,
      );
      db.prepare(
        `UPDATE events SET data = json_set(data, '$.title', 'Edited afterwards') WHERE position = ?`,
      ).run(edited.position);
    } finally {
      db.close();
    }
  }, 180_000);

  afterAll(() => fs.rmSync(parent, { recursive: true, force: true }));

  const unreadableLine = (row: Row, column: 'data' | 'metadata') =>
    `${row.stream} at revision ${row.revision} (position ${row.position}): the stored event cannot be read, its ${column} is not valid JSON (`;

  it('verify names both rows, still finds the later edit in another stream, and exits with 1', async () => {
    const result = await cli(dataDir, 'verify');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`BROKEN ${unreadableLine(garbled, 'data')}`);
    expect(result.stdout).toContain(`BROKEN ${unreadableLine(garbledMetadata, 'metadata')}`);
    expect(result.stdout).toContain(
      `BROKEN ${edited.stream} at revision 0 (event ${edited.id}): content does not match its hash`,
    );
    // The garbled rows hold their positions: nothing was deleted there.
    expect(result.stdout).not.toContain('REMOVED');
    expect(result.stdout).toMatch(
      /1 of \d+ streams has a broken hash chain; 2 stored event\(s\) cannot be read/,
    );
  }, 60_000);

  it('verify --json lists them as unreadable, with stream, revision, position and what is wrong', async () => {
    const result = await cli(dataDir, 'verify', '--json');
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({ intact: false, missingPositions: [], removed: [], changed: [] });
    expect(json.unreadable).toEqual([
      ...[
        { ...garbled, column: 'data' },
        { ...garbledMetadata, column: 'metadata' },
      ]
        .sort((a, b) => a.position - b.position)
        .map(({ stream, revision, position, column }) => ({
          stream,
          revision,
          position,
          problem: expect.stringMatching(new RegExp(`^its ${column} is not valid JSON \\(.+\\)$`)),
        })),
    ]);
    expect(json.broken).toEqual([
      expect.objectContaining({ stream: edited.stream, revision: 0, problem: 'hash-mismatch' }),
    ]);
  }, 60_000);

  it("replay tells the case's story with the row in its place, and exits with 1", async () => {
    const result = await cli(dataDir, 'replay', garbled.stream);
    expect(result.code).toBe(1);
    const [first, ...story] = result.stdout.trimEnd().split('\n');
    expect(first).toContain(`hash chain BROKEN: ${unreadableLine(garbled, 'data')}`);
    expect(story[1]).toMatch(/#1 {3}CANNOT BE READ \(position \d+\): its data is not valid JSON/);
    expect(story.length).toBeGreaterThan(2);
  }, 60_000);

  it('export writes the bundle with a line for the row, its header not intact, and exits with 1', async () => {
    const result = await cli(dataDir, 'export', garbled.stream, '-o', '-');
    expect(result.code).toBe(1);
    const [header, ...lines] = result.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect((header as AuditBundleHeader).chain).toMatchObject({
      intact: false,
      unreadable: [{ stream: garbled.stream, revision: 1, position: garbled.position }],
    });
    expect(lines[1]).toEqual({
      position: garbled.position,
      revision: 1,
      unreadable: expect.stringMatching(/^its data is not valid JSON/),
    });
    expect(lines[2]).toMatchObject({ revision: 2, metadata: { hash: expect.any(String) } });
    expect(result.stderr).toContain(`Warning: hash chain BROKEN: ${unreadableLine(garbled, 'data')}`);
  }, 60_000);

  it('verify-projections names the rows, rebuilds without them, still finds the edited case, and exits with 1', async () => {
    const result = await cli(dataDir, 'verify-projections', 'cases');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`BROKEN ${unreadableLine(garbled, 'data')}`);
    expect(result.stdout).toContain(`BROKEN ${unreadableLine(garbledMetadata, 'metadata')}`);
    expect(result.stdout).toContain(`differs: ${edited.stream.slice('case-'.length)} (`);
    expect(result.stdout).toContain('2 stored event(s) cannot be read: the rebuild went on without them.');
  }, 120_000);
});
