import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { caseDecider, openEscalation, type CaseEvent, type CaseState } from '@casetrail/domain';
import { downgradeToFormat1, insertForgedEvent, swapPositions } from './support/audit-forgeries';
import { cli, type CliRun } from './support/run-cli';

interface Row {
  position: number;
  id: string;
  revision: number;
  type: string;
  data: string;
}

/**
 * What `replay` and `export` say of one case, against what `verify` and the integrity endpoint
 * say of it: a case that lost its last event while the log went on (only the read models show it),
 * the same without read models (its end cannot be checked), two of its events swapped in the log, an
 * event rewritten in the older hash format; and what `verify` narrows down: where a rewritten
 * stream first changed, whose end a deleted position held. Also replay's words for a resolution
 * that waits for a de-escalation, and a case id pasted in upper case.
 */
describe('casetrail replay and export hold a case against the read models and the rules beside its hashes', () => {
  let dataDir: string;
  let caseStream: string;
  let caseId: string;
  let caseEvents: Row[];

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-cli-case-'));
    const demo = await cli(dataDir, 'demo-data', ...['--cases', '120', '--days', '10', '--seed', '7']);
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
        .prepare(`SELECT position, id, revision, type, data FROM events WHERE stream = ? ORDER BY revision`)
        .all(caseStream) as Row[];
    });
    caseId = caseStream.slice('case-'.length);
    expect(caseEvents.length).toBeGreaterThanOrEqual(10);
  }, 180_000);

  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  const bundleHeader = (run: CliRun) => JSON.parse(run.stdout.split('\n')[0]);

  it('say a case whose last event was deleted while the log went on lost it, as verify does, and exit 1', async () => {
    const copy = copyOf(dataDir);
    const last = caseEvents.at(-1)!;
    withDb(copy, (db) => db.prepare(`DELETE FROM events WHERE position = ?`).run(last.position));
    const reason = `the read models applied revision ${last.revision} (event ${last.id}), but the stream ends at revision ${last.revision - 1}: events were removed from its end`;

    const replay = await cli(copy, 'replay', caseId);
    expect(replay.stdout.split('\n')[0]).toBe(
      `Case ${caseId} (${caseStream}): ${caseEvents.length - 1} events; events LOST: ${reason}`,
    );
    expect(replay.stdout).not.toContain('intact');
    expect(replay.code).toBe(1);

    const exported = await cli(copy, 'export', caseId, '-o', '-');
    expect(bundleHeader(exported)).toMatchObject({
      version: 3,
      events: caseEvents.length - 1,
      chain: {
        intact: false,
        reason: `events LOST: ${reason}`,
        lostEvents: {
          appliedRevision: last.revision,
          appliedEventId: last.id,
          streamEndsAt: last.revision - 1,
        },
      },
    });
    expect(exported.stderr).toContain(`Warning: events LOST: ${reason}`);
    expect(exported.code).toBe(1);
    expect((await cli(copy, 'verify')).code).toBe(1);
    fs.rmSync(copy, { recursive: true, force: true });
  }, 60_000);

  it('say the end of the stream could not be checked without read models, rather than calling it intact', async () => {
    const copy = copyOf(dataDir, ['events.sqlite']);
    const head = JSON.parse(
      withDb(copy, (db) =>
        db
          .prepare(`SELECT metadata FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1`)
          .pluck()
          .get(caseStream),
      ) as string,
    ).hash;
    const replay = await cli(copy, 'replay', caseId);
    expect(replay.stdout.split('\n')[0]).toBe(
      `Case ${caseId} (${caseStream}): ${caseEvents.length} events; hash chain intact up to head ${head}, but its end was NOT CHECKED (there are no read models at ${path.join(copy, 'readmodels.sqlite')} to compare it with): events removed from the end of the stream would go unseen`,
    );
    expect(replay.code).toBe(0);
    const exported = await cli(copy, 'export', caseId, '-o', '-');
    expect(bundleHeader(exported).chain).toEqual({
      intact: null,
      reason: expect.stringContaining('its end was NOT CHECKED'),
    });
    expect(exported.code).toBe(0);
    fs.rmSync(copy, { recursive: true, force: true });
  }, 60_000);

  it('name the revision whose position was swapped with the one before it, as the bundle carries them', async () => {
    const copy = copyOf(dataDir);
    withDb(copy, (db) => swapPositions(db, caseStream, 4, 5));
    const five = caseEvents[5];
    const problem = `${caseStream} at revision 5 (event ${five.id}): is at position ${caseEvents[4].position}, expected a position after ${five.position} (revision 4's)`;

    const replay = await cli(copy, 'replay', caseStream);
    expect(replay.stdout.split('\n')[0]).toContain(`hash chain BROKEN: ${problem}`);
    expect(replay.code).toBe(1);
    const exported = await cli(copy, 'export', caseStream, '-o', '-');
    expect(bundleHeader(exported).chain).toMatchObject({
      intact: false,
      brokenLink: { stream: caseStream, revision: 5, problem: 'position-out-of-order' },
    });
    expect(exported.code).toBe(1);
    fs.rmSync(copy, { recursive: true, force: true });
  }, 60_000);

  it('verify, replay and export name an event re-hashed in format 1 after format-2 events of its stream', async () => {
    const copy = copyOf(dataDir);
    withDb(copy, (db) => downgradeToFormat1(db, caseStream, 3));
    const where = `${caseStream} at revision 3 (event ${caseEvents[3].id})`;

    const verify = await cli(copy, 'verify');
    expect(verify.stdout).toContain(
      `BROKEN ${where}: hashed in the older format 1 (no hashFormat) after an event hashed in format 2`,
    );
    expect(verify.code).toBe(1);
    const replay = await cli(copy, 'replay', caseId);
    expect(replay.stdout.split('\n')[0]).toContain(
      `hash chain BROKEN: ${where}: hashed in the older format 1`,
    );
    expect(replay.code).toBe(1);
    const exported = await cli(copy, 'export', caseId, '-o', '-');
    expect(bundleHeader(exported).chain).toMatchObject({
      intact: false,
      brokenLink: { revision: 3, problem: 'format-downgrade' },
    });
    fs.rmSync(copy, { recursive: true, force: true });
  }, 60_000);

  it('verify names where a stream rewritten around an inserted event first changed, not only its last revision', async () => {
    const copy = copyOf(dataDir);
    const { revision } = withDb(copy, (db) => insertForgedEvent(db, caseStream, 2));

    const verify = await cli(copy, 'verify');
    const lines = verify.stdout.split('\n');
    const changed = lines.findIndex((line) => line.startsWith(`CHANGED ${caseStream}: `));
    expect(lines[changed]).toContain(`as revision ${revision}, but revision ${revision} is now event`);
    // The first record of the SLA report from revision 2 on no longer holds.
    const reported = caseEvents.findIndex(
      (event, index) =>
        index >= 2 &&
        [
          'CaseOpened',
          'FirstResponseGiven',
          'CaseResolved',
          'SlaTargetBreached',
          'CaseEscalated',
          'CaseRedirected',
        ].includes(event.type),
    );
    expect(reported).toBeGreaterThanOrEqual(2);
    expect(reported).toBeLessThan(revision);
    expect(lines[changed + 1]).toMatch(
      new RegExp(
        `^ {2}the stream was changed (at|between revisions \\d+ and) (revision )?${reported}: the SLA report filed a ${caseEvents[reported].type} of \\S+ as revision ${reported}, but it now holds a `,
      ),
    );
    expect(verify.code).toBe(1);
    fs.rmSync(copy, { recursive: true, force: true });
  }, 60_000);

  it('verify names the licence whose last event a deleted position held', async () => {
    const copy = copyOf(dataDir);
    const { licence, position } = withDb(copy, (db) => {
      const licence = db
        .prepare(`SELECT stream FROM events WHERE stream LIKE 'licence-%' ORDER BY position LIMIT 1`)
        .pluck()
        .get() as string;
      const position = db
        .prepare(`SELECT MAX(position) FROM events WHERE stream = ?`)
        .pluck()
        .get(licence) as number;
      db.prepare(`DELETE FROM events WHERE position = ?`).run(position);
      return { licence, position };
    });

    const verify = await cli(copy, 'verify');
    expect(verify.stdout).toContain(
      `REMOVED the log skips position ${position}: the SQLite store numbers events without gaps and never deletes one, so 1 event was deleted there\n  what was deleted there was probably the end of ${licence} (its licences read models hold `,
    );
    expect(verify.code).toBe(1);
    const json = JSON.parse((await cli(copy, 'verify', '--json')).stdout);
    expect(json.missingPositions).toEqual([
      {
        from: position,
        to: position,
        deleted: 1,
        endOf: [{ stream: licence, evidence: expect.any(String) }],
      },
    ]);
    fs.rmSync(copy, { recursive: true, force: true });
  }, 60_000);

  it('verify names no case as the end of more deleted positions than events it lost', async () => {
    const copy = copyOf(dataDir);
    // Two cases whose last events are deleted, the earlier's (C5) between the later's (C6) last two:
    // after C5's row is rebuilt without its end, only C6's row shows a loss, of one event.
    const { c5, c6 } = withDb(copy, (db) => {
      const pair = db
        .prepare(
          `WITH ends AS (
             SELECT stream, MAX(position) AS last,
                    (SELECT MAX(position) FROM events p WHERE p.stream = e.stream
                       AND p.position < MAX(e.position)) AS before
             FROM events e WHERE stream LIKE 'case-%' GROUP BY stream)
           SELECT c5.stream AS c5, c5.last AS c5Last, c6.stream AS c6, c6.last AS c6Last
           FROM ends c5 JOIN ends c6 ON c6.before < c5.last AND c5.last + 1 < c6.last
           WHERE c6.last < (SELECT MAX(position) FROM events)
           ORDER BY c5.last LIMIT 1`,
        )
        .get() as { c5: string; c5Last: number; c6: string; c6Last: number };
      db.prepare(`DELETE FROM events WHERE position = ?`).run(pair.c5Last);
      const revision = db
        .prepare(`SELECT revision FROM events WHERE position = ?`)
        .pluck()
        .get(pair.c6Last) as number;
      return {
        c5: { stream: pair.c5, position: pair.c5Last },
        c6: { stream: pair.c6, position: pair.c6Last, revision },
      };
    });
    expect((await cli(copy, 'rebuild')).code).toBe(0);
    withDb(copy, (db) => db.prepare(`DELETE FROM events WHERE position = ?`).run(c6.position));

    const verify = await cli(copy, 'verify');
    expect(verify.code).toBe(1);
    const lines = verify.stdout.split('\n');
    for (const { position } of [c5, c6]) {
      const removed = lines.findIndex((line) =>
        line.startsWith(`REMOVED the log skips position ${position}:`),
      );
      expect(lines[removed + 1]).toBe(
        `  whose events were deleted there is unknown: it may have been the end of ${c6.stream} (the read models applied its revision ${c6.revision}, past its end), which lost 1 event while 2 were deleted after its last remaining one (which of them it held cannot be told)`,
      );
    }
    expect(verify.stdout).not.toContain(`probably the end of ${c6.stream}`);
    expect(verify.stdout).not.toContain(c5.stream);

    const json = JSON.parse((await cli(copy, 'verify', '--json')).stdout);
    const mayBeEndOf = [
      { stream: c6.stream, evidence: expect.any(String), lostEvents: 1, deletedAfterItsEnd: 2 },
    ];
    expect(json.missingPositions).toEqual([
      { from: c5.position, to: c5.position, deleted: 1, mayBeEndOf },
      { from: c6.position, to: c6.position, deleted: 1, mayBeEndOf },
    ]);
    fs.rmSync(copy, { recursive: true, force: true });
  }, 120_000);

  it('replay takes a case id in upper case, as the API does', async () => {
    for (const given of [caseId.toUpperCase(), caseStream.toUpperCase()]) {
      const replay = await cli(dataDir, 'replay', given);
      expect(replay.stdout.split('\n')[0]).toMatch(
        new RegExp(`^Case ${caseId} \\(${caseStream}\\): \\d+ events; hash chain intact`),
      );
      expect(replay.code).toBe(0);
    }
  }, 60_000);

  it("replay says a resolution while escalated waits for the de-escalation, as the case's detail does", async () => {
    const resolvedWhileEscalated = withDb(dataDir, (db) => {
      const streams = db
        .prepare(`SELECT DISTINCT stream FROM events WHERE type = 'CaseResolved' ORDER BY stream`)
        .pluck()
        .all() as string[];
      const events = db.prepare(`SELECT type, data, revision FROM events WHERE stream = ? ORDER BY revision`);
      for (const stream of streams) {
        let state: CaseState = caseDecider.initialState;
        for (const row of events.all(stream) as Row[]) {
          state = caseDecider.evolve(state, { type: row.type, data: JSON.parse(row.data) } as CaseEvent);
          if (row.type === 'CaseResolved' && state.status === 'resolved' && openEscalation(state))
            return { stream, revision: row.revision };
        }
      }
      return undefined;
    });
    expect(resolvedWhileEscalated).toBeDefined();
    const { stream, revision } = resolvedWhileEscalated!;
    const replay = await cli(dataDir, 'replay', stream);
    const resolved = replay.stdout
      .split('\n')
      .find((line) => line.includes(`  #${String(revision).padEnd(3)} `))!;
    expect(resolved).toContain('resolved: ');
    expect(resolved).toMatch(
      /automatic closure waits for the de-escalation \(then closes itself if quiet, not before .+\)$/,
    );
    expect(resolved).not.toMatch(/closes itself \d{4}/);
  }, 60_000);

  it("replay states a paused resolution due when the customer's answer now would make it, as the case's detail does", async () => {
    const awaiting = withDb(dataDir, (db) => {
      const streams = db
        .prepare(`SELECT DISTINCT stream FROM events WHERE type = 'InformationRequested' ORDER BY stream`)
        .pluck()
        .all() as string[];
      const events = db.prepare(`SELECT type, data, revision FROM events WHERE stream = ? ORDER BY revision`);
      return streams.find((stream) => {
        let state: CaseState = caseDecider.initialState;
        for (const row of events.all(stream) as Row[])
          state = caseDecider.evolve(state, { type: row.type, data: JSON.parse(row.data) } as CaseEvent);
        return state.status === 'awaiting-customer';
      });
    });
    expect(awaiting).toBeDefined();
    const before = Date.now();
    const replay = await cli(dataDir, 'replay', awaiting!);
    // Before, the due time recorded at the pause, which lies in the past once the customer waits long enough.
    const due =
      / resolution paused while awaiting the customer, due (\S+ \S+) if the customer answers now/.exec(
        replay.stdout.trimEnd().split('\n').at(-1)!,
      );
    expect(due).not.toBeNull();
    expect(Date.parse(due![1].replace(' ', 'T'))).toBeGreaterThan(before);
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

/** A copy of a data directory (its SQLite files, or those named), to damage without disturbing the other tests. */
function copyOf(dataDir: string, only?: string[]): string {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-cli-case-copy-'));
  for (const file of fs.readdirSync(dataDir)) {
    if (/\.sqlite(-wal|-shm)?$/.test(file) && (!only || only.includes(file)))
      fs.copyFileSync(path.join(dataDir, file), path.join(copy, file));
  }
  return copy;
}
