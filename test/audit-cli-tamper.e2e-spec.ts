import Database from 'better-sqlite3';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { LicensedUserRemoved } from '@casetrail/domain';
import {
  chainEvents,
  openSqliteEventStore,
  type EventStore,
  type RecordedEvent,
} from '@casetrail/eventstore';
import { insertForgedEvent } from './support/audit-forgeries';
import { spawnTs } from './support/spawn-ts';

interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function start(dataDir: string, ...args: string[]): ChildProcess {
  return spawnTs('apps/cli/src/main.ts', args, { env: { DATA_DIR: dataDir, LOG_LEVEL: 'error' } });
}

function finished(child: ChildProcess): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
}

/** Runs `casetrail <args>` in a child process on the given data directory. */
const cli = (dataDir: string, ...args: string[]): Promise<CliRun> => finished(start(dataDir, ...args));

/**
 * What `verify` and the other auditor's commands make of a log tampered with beyond editing an
 * event: events deleted from account and licence streams (whose read models record no revision),
 * whole streams deleted, an event inserted into a case stream with its chain computed again; and
 * what they do with a DATA_DIR that holds no event store, or holds evidence they must not add to.
 * Also what an interrupted `rebuild` says. The history comes from `demo-data`, plus two licensed
 * users removed at its end (the demo history removes none), and the read models from `rebuild`.
 */
describe('casetrail CLI on a tampered log and on evidence folders', () => {
  let dataDir: string;
  /** The first of the two removals: in the middle of the log, the second one follows it. */
  let removal: RecordedEvent;
  let caseStream: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-cli-tamper-'));
    const demo = await cli(dataDir, 'demo-data', ...['--cases', '1500', '--days', '30', '--seed', '7']);
    expect(demo.code).toBe(0);
    const store = openSqliteEventStore(path.join(dataDir, 'events.sqlite'));
    try {
      const licences = withDb(dataDir, (db) =>
        db
          .prepare(
            `SELECT DISTINCT stream FROM events WHERE type = 'LicensedUserAssigned' ORDER BY stream LIMIT 2`,
          )
          .pluck()
          .all(),
      ) as string[];
      removal = await removeLicensedUser(store, licences[0]);
      await removeLicensedUser(store, licences[1]);
    } finally {
      await store.close();
    }
    expect((await cli(dataDir, 'rebuild')).code).toBe(0);
    caseStream = withDb(dataDir, (db) =>
      db
        .prepare(
          `SELECT stream FROM events WHERE stream LIKE 'case-%' GROUP BY stream ORDER BY COUNT(*) DESC, stream LIMIT 1`,
        )
        .pluck()
        .get(),
    ) as string;
  }, 180_000);

  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('verify finds the untouched log intact, with no position missing and nothing changed', async () => {
    const result = await cli(dataDir, 'verify', '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      intact: true,
      broken: [],
      missingPositions: [],
      removed: [],
      changed: [],
      readModelsCompared: true,
    });
  }, 60_000);

  describe('events deleted outside case streams', () => {
    it('verify names the position of a LicensedUserRemoved deleted from a licence stream (the user licensed again)', async () => {
      const copy = copyOf(dataDir);
      withDb(copy, (db) => db.prepare(`DELETE FROM events WHERE id = ?`).run(removal.id));

      const result = await cli(copy, 'verify');
      expect(result.stdout).toContain(
        `REMOVED the log skips position ${removal.position}: the SQLite store numbers events without gaps and never deletes one, so 1 event was deleted there\n`,
      );
      expect(result.stdout).toMatch(
        /^1 event\(s\) deleted from the log, where it skips positions \(\d+ events read\)\.$/m,
      );
      expect(result.code).toBe(1);
      fs.rmSync(copy, { recursive: true, force: true });
    }, 60_000);

    it("verify names the position of an account's last event deleted", async () => {
      const copy = copyOf(dataDir);
      const last = withDb(copy, (db) => {
        const row = db
          .prepare(
            `SELECT position, stream, revision FROM events WHERE stream LIKE 'account-%'
             AND revision > 0 ORDER BY position LIMIT 1`,
          )
          .get() as { position: number; stream: string; revision: number };
        const streamEnd = db
          .prepare(`SELECT position FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1`)
          .pluck()
          .get(row.stream) as number;
        db.prepare(`DELETE FROM events WHERE position = ?`).run(streamEnd);
        return streamEnd;
      });

      const result = await cli(copy, 'verify');
      expect(result.stdout).toContain(`REMOVED the log skips position ${last}: `);
      expect(result.code).toBe(1);
      fs.rmSync(copy, { recursive: true, force: true });
    }, 60_000);

    it('verify names an account stream deleted whole, and a licence stream deleted whole even with the log renumbered to hide it', async () => {
      const copy = copyOf(dataDir);
      const { account, licence } = withDb(copy, (db) => {
        const streamOf = (kind: string) =>
          db
            .prepare(`SELECT stream FROM events WHERE stream LIKE ? ORDER BY position LIMIT 1`)
            .pluck()
            .get(`${kind}-%`) as string;
        const account = streamOf('account');
        const licence = streamOf('licence');
        db.prepare(`DELETE FROM events WHERE stream IN (?, ?)`).run(account, licence);
        // Close every gap, moving each later event down in order: positions alone no longer tell.
        const renumber = db.prepare(`UPDATE events SET position = ? WHERE position = ?`);
        const positions = db
          .prepare(`SELECT position FROM events ORDER BY position`)
          .pluck()
          .all() as number[];
        db.transaction(() =>
          positions.forEach((position, index) => position !== index + 1 && renumber.run(index + 1, position)),
        )();
        return { account, licence };
      });

      const result = await cli(copy, 'verify');
      const id = (stream: string) => stream.slice(stream.indexOf('-') + 1);
      expect(result.stdout).toContain(
        `REMOVED ${account}: the accounts read models were built from this stream (accounts ${id(account)}), but the stream is gone: its events were removed\n`,
      );
      expect(result.stdout).toContain(
        `REMOVED ${licence}: the licences read models were built from this stream (licences ${id(licence)}), but the stream is gone: its events were removed\n`,
      );
      expect(result.code).toBe(1);
      fs.rmSync(copy, { recursive: true, force: true });
    }, 60_000);
  });

  it('verify names an event inserted into a case stream with its chain computed again, by the event the read models applied at that revision', async () => {
    const copy = copyOf(dataDir);
    const { applied, revision, now } = withDb(copy, (db) => insertForgedEvent(db, caseStream, 2));

    const result = await cli(copy, 'verify');
    expect(result.stdout).not.toContain('BROKEN');
    expect(result.stdout).toContain(
      `CHANGED ${caseStream}: the read models applied event ${applied} as revision ${revision}, but revision ${revision} is now event ${now}\n`,
    );
    expect(result.stdout).toMatch(/^1 event\(s\) the read models applied no longer at their revision/m);
    expect(result.code).toBe(1);
    fs.rmSync(copy, { recursive: true, force: true });
  }, 60_000);

  describe('a DATA_DIR without an event store', () => {
    // `rebuild` too: rebuilding from a log that is not there would only create empty stores.
    const commands = (stream: string) => [
      ['verify'],
      ['verify-projections'],
      ['replay', stream],
      ['export', stream, '-o', '-'],
      ['rebuild'],
    ];

    it('is refused by every read-only command, naming the path, and is not created', async () => {
      const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-cli-nowhere-'));
      const missing = path.join(parent, 'no-such-dir');
      for (const args of commands(caseStream)) {
        const result = await cli(missing, ...args);
        // The auditor's checks exit with 2 when they could not check; rebuild with 1.
        expect({ args, code: result.code }).toEqual({ args, code: args[0] === 'rebuild' ? 1 : 2 });
        expect(result.stderr).toContain(
          `DATA_DIR ${missing} does not exist: there is no event store to read`,
        );
        expect(result.stdout).not.toContain('Verified');
        expect(fs.existsSync(missing)).toBe(false);
      }
      fs.rmSync(parent, { recursive: true, force: true });
    }, 120_000);

    it('is refused when the folder exists without events.sqlite, and left empty', async () => {
      const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-cli-empty-'));
      for (const args of commands(caseStream)) {
        const result = await cli(empty, ...args);
        // The auditor's checks exit with 2 when they could not check; rebuild with 1.
        expect({ args, code: result.code }).toEqual({ args, code: args[0] === 'rebuild' ? 1 : 2 });
        expect(result.stderr).toContain(
          `No event store at ${path.join(empty, 'events.sqlite')}: nothing to read`,
        );
        expect(fs.readdirSync(empty)).toEqual([]);
      }
      fs.rmSync(empty, { recursive: true, force: true });
    }, 120_000);
  });

  describe('an evidence folder', () => {
    it('gains no file from verify, verify-projections, replay or export', async () => {
      const evidence = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-cli-evidence-'));
      for (const file of ['events.sqlite', 'readmodels.sqlite'])
        fs.copyFileSync(path.join(dataDir, file), path.join(evidence, file));
      const bundle = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-cli-bundle-')), 'case.jsonl');

      expect((await cli(evidence, 'verify')).code).toBe(0);
      expect((await cli(evidence, 'verify-projections')).code).toBe(0);
      expect((await cli(evidence, 'replay', caseStream)).code).toBe(0);
      expect((await cli(evidence, 'export', caseStream, '-o', bundle)).code).toBe(0);
      expect(fs.readdirSync(evidence).sort()).toEqual(['events.sqlite', 'readmodels.sqlite']);
      fs.rmSync(evidence, { recursive: true, force: true });
      fs.rmSync(path.dirname(bundle), { recursive: true, force: true });
    }, 120_000);

    it('with the event log alone: verify checks the chains and says it could not compare; verify-projections refuses', async () => {
      const evidence = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-cli-log-only-'));
      fs.copyFileSync(path.join(dataDir, 'events.sqlite'), path.join(evidence, 'events.sqlite'));
      const readModels = path.join(evidence, 'readmodels.sqlite');

      const verified = await cli(evidence, 'verify');
      expect(verified.stdout).toContain(
        `NOTE there are no read models at ${readModels}: the log was not compared`,
      );
      expect(verified.stdout).toMatch(
        /^Verified \d+ events in \d+ streams: every hash chain is intact \(not compared with read models\)\.$/m,
      );
      expect(verified.code).toBe(0);
      const compared = await cli(evidence, 'verify-projections');
      expect(compared.code).toBe(2);
      expect(compared.stderr).toContain(`No read models at ${readModels}: nothing to compare with`);
      expect(fs.readdirSync(evidence)).toEqual(['events.sqlite']);
      fs.rmSync(evidence, { recursive: true, force: true });
    }, 120_000);
  });

  it('an interrupted rebuild says how far it got and how the projections go on, and still ends by SIGINT', async () => {
    const copy = copyOf(dataDir);
    const head = withDb(copy, (db) => db.prepare(`SELECT MAX(position) FROM events`).pluck().get()) as number;
    // One event at a time, so the replay lasts long enough to be interrupted in the middle.
    const child = start(copy, 'rebuild', '--batch-size', '1');
    const run = finished(child);
    // Interrupted once the rebuild holds the projections' leases: it has begun by then.
    await until(() =>
      withDb(
        copy,
        (db) =>
          (db.prepare(`SELECT owner FROM readmodel_leases`).pluck().all() as string[]).some((owner) =>
            owner.includes(`/${child.pid}/`),
          ),
        'readmodels.sqlite',
      ),
    );
    child.kill('SIGINT');
    const result = await run;

    expect(result.signal).toBe('SIGINT');
    const [, reached, of] = /^Rebuild interrupted at position (\d+) of (\d+): /m.exec(result.stderr) ?? [];
    expect(Number(of)).toBe(head);
    expect(Number(reached)).toBeLessThanOrEqual(head);
    expect(result.stderr).toContain(
      ': the projections resume from their checkpoints at the next start of the API or the projector (or run `casetrail rebuild` again)',
    );
    expect((await cli(copy, 'rebuild')).code).toBe(0);
    fs.rmSync(copy, { recursive: true, force: true });
  }, 120_000);
});

/** Appends a LicensedUserRemoved for the licence's first user, chained as the API chains it. */
async function removeLicensedUser(store: EventStore, stream: string): Promise<RecordedEvent> {
  const events = await store.readStream(stream);
  const last = events.at(-1)!;
  const issued = events[0].data as { licenceId: string; accountId: string };
  const user = events.find((event) => event.type === 'LicensedUserAssigned')!.data as { email: string };
  const removed: LicensedUserRemoved = {
    type: 'LicensedUserRemoved',
    data: {
      licenceId: issued.licenceId,
      accountId: issued.accountId,
      email: user.email,
      at: last.recordedAt,
    },
  };
  const chained = chainEvents(stream, last.revision + 1, last.metadata.hash!, [
    {
      id: randomUUID(),
      ...removed,
      metadata: { actor: 'admin@vendor.example', correlationId: randomUUID(), schemaVersion: 1 },
    },
  ]);
  const result = await store.append(stream, chained, last.revision);
  return (await store.readStream(stream, { fromRevision: result.nextExpectedRevision }))[0];
}

/** Works on a data directory's events.sqlite (or its read models), closing it after. */
function withDb<T>(dataDir: string, work: (db: Database.Database) => T, file = 'events.sqlite'): T {
  const db = new Database(path.join(dataDir, file), { fileMustExist: true });
  try {
    return work(db);
  } finally {
    db.close();
  }
}

async function until(condition: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
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
