import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from './support/run-cli';

interface Row {
  position: number;
  id: string;
  revision: number;
}

/**
 * What `verify` says of a log whose events were moved in the SQLite file rather than deleted: an
 * event given another position (the chain is whole: positions are not hashed) and two events that
 * swapped revisions (the chain breaks there). It names them as moved or reordered, as `replay`
 * does, and not as missing events, nor the positions the move left empty as deleted events; an
 * event deleted from the middle of a case is still named as missing, and its position as deleted.
 */
describe('casetrail verify on events moved in the log', () => {
  let dataDir: string;
  let caseStream: string;
  let caseEvents: Row[];
  let head: number;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-cli-moved-'));
    const demo = await cli(dataDir, 'demo-data', ...['--cases', '80', '--days', '10', '--seed', '5']);
    expect(demo.code).toBe(0);
    expect((await cli(dataDir, 'rebuild')).code).toBe(0);
    withDb(dataDir, (db) => {
      caseStream = db
        .prepare(
          `SELECT stream FROM events WHERE stream LIKE 'case-%' GROUP BY stream ORDER BY COUNT(*) DESC, stream LIMIT 1`,
        )
        .pluck()
        .get() as string;
      caseEvents = db
        .prepare(`SELECT position, id, revision FROM events WHERE stream = ? ORDER BY revision`)
        .all(caseStream) as Row[];
      head = db.prepare(`SELECT MAX(position) FROM events`).pluck().get() as number;
    });
    expect(caseEvents.length).toBeGreaterThanOrEqual(12);
    expect((await cli(dataDir, 'verify')).code).toBe(0);
  }, 180_000);

  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('names an event given a position past the end of the log as moved: no event missing, none deleted', async () => {
    const copy = copyOf(dataDir);
    const [, victim, next] = caseEvents;
    const to = head + 974;
    withDb(copy, (db) => db.prepare(`UPDATE events SET position = ? WHERE id = ?`).run(to, victim.id));

    const result = await cli(copy, 'verify');
    expect(result.stdout).toContain(
      `MOVED ${caseStream} revision ${victim.revision} (event ${victim.id}) is at position ${to}, after revision ${next.revision} at position ${next.position}: the store appends a stream's events in order, so its position in the log was changed (the event moved, or swapped places with another); it left position ${victim.position} empty; the log skips positions ${head + 1}-${to - 1} just before it, not counted as deleted`,
    );
    expect(result.stdout).not.toContain('BROKEN');
    expect(result.stdout).not.toContain('missing');
    expect(result.stdout).not.toContain('deleted there');
    expect(result.stdout).toMatch(
      /^1 event\(s\) out of their stream's order in the log \(positions changed\) \(\d+ events read\)\.$/m,
    );
    expect(result.code).toBe(1);

    const json = JSON.parse((await cli(copy, 'verify', '--json')).stdout);
    expect(json).toMatchObject({ intact: false, broken: [], missingPositions: [], removed: [], changed: [] });
    expect(json.moved).toEqual([
      expect.objectContaining({
        stream: caseStream,
        revision: victim.revision,
        eventId: victim.id,
        position: to,
        leftEmpty: { from: victim.position, to: victim.position },
        skippedBefore: { from: head + 1, to: to - 1 },
      }),
    ]);
    // What replay says of the same stream: its links hold, but its positions do not rise with its revisions.
    const replay = await cli(copy, 'replay', caseStream);
    expect(replay.stdout).toContain(
      `hash chain BROKEN: ${caseStream} at revision ${next.revision} (event ${next.id}): is at position ${next.position}, expected a position after ${to} (revision ${victim.revision}'s)`,
    );
    expect(replay.code).toBe(1);
    fs.rmSync(copy, { recursive: true, force: true });
  }, 60_000);

  it('names two events that swapped revisions as reordered, as replay does, not as a missing event', async () => {
    const copy = copyOf(dataDir);
    const [eight, nine] = [caseEvents[8], caseEvents[9]];
    withDb(copy, (db) =>
      db.transaction(() => {
        const renumber = db.prepare(`UPDATE events SET revision = ? WHERE id = ?`);
        renumber.run(-1, eight.id);
        renumber.run(8, nine.id);
        renumber.run(9, eight.id);
      })(),
    );

    const result = await cli(copy, 'verify');
    const broken = `${caseStream} at revision 8 (event ${nine.id}): does not link to the event before it (an event was removed, reordered or re-hashed)`;
    expect(result.stdout).toContain(`BROKEN ${broken}`);
    expect(result.stdout).toContain(
      `MOVED ${caseStream} revision 8 (event ${nine.id}) is at position ${nine.position}, after revision 9 at position ${eight.position}: `,
    );
    expect(result.stdout).not.toContain('missing');
    expect(result.stdout).not.toContain('REMOVED');
    expect(result.code).toBe(1);
    const replay = await cli(copy, 'replay', caseStream);
    expect(replay.stdout).toContain(`hash chain BROKEN: ${broken}`);
    fs.rmSync(copy, { recursive: true, force: true });
  }, 60_000);

  it('still names an event deleted from the middle of a case as missing, and its position as deleted', async () => {
    const copy = copyOf(dataDir);
    const [victim, next] = [caseEvents[4], caseEvents[5]];
    withDb(copy, (db) => db.prepare(`DELETE FROM events WHERE id = ?`).run(victim.id));

    const result = await cli(copy, 'verify');
    expect(result.stdout).toContain(
      `BROKEN ${caseStream} at revision 5 (event ${next.id}): expected revision 4 (an event is missing)`,
    );
    expect(result.stdout).toContain(
      `REMOVED the log skips position ${victim.position}: the SQLite store numbers events without gaps and never deletes one, so 1 event was deleted there\n`,
    );
    expect(result.stdout).not.toMatch(/^MOVED /m);
    expect(result.code).toBe(1);
    fs.rmSync(copy, { recursive: true, force: true });
  }, 60_000);
});

/** Works on a data directory's events.sqlite, closing it after. */
function withDb<T>(dataDir: string, work: (db: Database.Database) => T): T {
  const db = new Database(path.join(dataDir, 'events.sqlite'), { fileMustExist: true });
  try {
    return work(db);
  } finally {
    db.close();
  }
}

/** A copy of a data directory, to damage without disturbing the other tests. */
function copyOf(dataDir: string): string {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-cli-copy-'));
  for (const file of fs.readdirSync(dataDir)) {
    if (/\.sqlite(-wal|-shm)?$/.test(file) || file === 'auth-jwt-secret')
      fs.copyFileSync(path.join(dataDir, file), path.join(copy, file));
  }
  return copy;
}
