import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AppConfig } from '../../../../api/src/config/app-config';
import { backUpStores, type BackupManifest } from '../backup/back-up-stores';
import { sha256Of } from '../backup/file-sha256';
import { restoreStores } from './restore-stores';
import * as stagedCopy from './staged-copy';

jest.mock('./staged-copy', () => {
  const actual = jest.requireActual('./staged-copy');
  return { ...actual, stageCopy: jest.fn(actual.stageCopy) };
});

describe('restoreStores', () => {
  let root: string;
  let backupDir: string;
  let dataDir: string;
  const configFor = (dir: string) => ({ dataDir: dir }) as AppConfig;
  const restore = (force = false) => restoreStores(configFor(dataDir), backupDir, { force }, () => undefined);
  const manifest = () =>
    JSON.parse(fs.readFileSync(path.join(backupDir, 'backup.json'), 'utf8')) as BackupManifest;
  const listing = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []);

  /** Stores in `dir` whose log ends at `head` (WAL mode, as Casetrail's), and a token secret. */
  function makeStores(dir: string, head: number): void {
    fs.mkdirSync(dir, { recursive: true });
    const events = new Database(path.join(dir, 'events.sqlite'));
    events.pragma('journal_mode = WAL');
    // The columns a backup reads: positions, and data and metadata checked to be readable.
    events.exec(
      "CREATE TABLE events (position INTEGER PRIMARY KEY, data TEXT DEFAULT '{}', metadata TEXT DEFAULT '{}')",
    );
    for (let position = 1; position <= head; position++)
      events.prepare('INSERT INTO events (position) VALUES (?)').run(position);
    events.close();
    const readModels = new Database(path.join(dir, 'readmodels.sqlite'));
    readModels.pragma('journal_mode = WAL');
    readModels.exec('CREATE TABLE readmodel_checkpoints (projection TEXT PRIMARY KEY, position INTEGER)');
    readModels.prepare('INSERT INTO readmodel_checkpoints VALUES (?, ?)').run('cases', head);
    readModels.close();
    fs.writeFileSync(path.join(dir, 'auth-jwt-secret'), 'b'.repeat(64), { mode: 0o644 });
  }

  beforeEach(async () => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-restore-unit-')));
    makeStores(path.join(root, 'source'), 3);
    backupDir = path.join(root, 'backup');
    await backUpStores(configFor(path.join(root, 'source')), backupDir, () => undefined);
    dataDir = path.join(root, 'data');
  });

  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('copies every file into a new DATA_DIR, owner-only, byte for byte', async () => {
    const outcome = await restore();
    expect(outcome.movedAside).toBeUndefined();
    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(listing(dataDir)).toEqual(['auth-jwt-secret', 'events.sqlite', 'readmodels.sqlite']);
    for (const file of manifest().files) {
      const restored = path.join(dataDir, file.name);
      expect(fs.statSync(restored).mode & 0o777).toBe(0o600);
      expect(await sha256Of(restored)).toBe(file.sha256);
    }
  });

  it.each([
    [
      'differs',
      (file: string) => fs.appendFileSync(file, 'x'),
      /readmodels\.sqlite has \d+ bytes, not the \d+ recorded/,
    ],
    ['is missing', (file: string) => fs.rmSync(file), /readmodels\.sqlite is missing/],
    [
      'differs, same size',
      (file: string) => {
        const bytes = fs.readFileSync(file);
        bytes[bytes.length - 1] ^= 0xff;
        fs.writeFileSync(file, bytes);
      },
      /readmodels\.sqlite has SHA-256 [0-9a-f]{64}, not the [0-9a-f]{64} recorded/,
    ],
  ])(
    'refuses a backup one of whose files %s, naming it, before touching DATA_DIR',
    async (_, spoil, named) => {
      spoil(path.join(backupDir, 'readmodels.sqlite'));
      await expect(restore(true)).rejects.toThrow(named);
      expect(fs.existsSync(dataDir)).toBe(false);
    },
  );

  it('refuses a folder without backup.json: nothing to check the files against', async () => {
    fs.rmSync(path.join(backupDir, 'backup.json'));
    await expect(restore()).rejects.toThrow(
      `${backupDir} holds no backup.json: it is not a folder \`casetrail backup\` wrote`,
    );
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it('names a staging folder an interrupted restore left, and leaves it to the operator', async () => {
    fs.mkdirSync(dataDir, { mode: 0o700 });
    const left = path.join(dataDir, '.restore-staging-abc123');
    fs.mkdirSync(left);
    const said: string[] = [];
    await restoreStores(configFor(dataDir), backupDir, { force: false }, (line) => said.push(line));
    expect(said).toContain(`Found ${left}, left by an interrupted restore: delete it once no restore runs`);
    expect(fs.existsSync(left)).toBe(true);
  });

  it('says so when the backup folder does not exist', async () => {
    backupDir = path.join(root, 'no-such-backup');
    await expect(restore()).rejects.toThrow(`There is no backup folder ${backupDir}: check the path`);
  });

  it('refuses a backup.json that names a file a backup never holds (no path leaves the folder)', async () => {
    const edited = manifest();
    edited.files[0].name = '../source/events.sqlite';
    fs.writeFileSync(path.join(backupDir, 'backup.json'), JSON.stringify(edited));
    await expect(restore()).rejects.toThrow(
      /lists "\.\.\/source\/events\.sqlite", which is none of the files/,
    );
  });

  it('refuses a backup whose event log was left out of backup.json, or read models without their log', async () => {
    const withoutLog = manifest();
    withoutLog.files = withoutLog.files.filter((file) => file.name !== 'events.sqlite');
    fs.writeFileSync(path.join(backupDir, 'backup.json'), JSON.stringify(withoutLog));
    await expect(restore()).rejects.toThrow(
      /records an event log up to position 3 but does not list events\.sqlite/,
    );
    delete withoutLog.eventLog;
    fs.writeFileSync(path.join(backupDir, 'backup.json'), JSON.stringify(withoutLog));
    await expect(restore()).rejects.toThrow(/holds read models but no events\.sqlite/);
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it('refuses a DATA_DIR that holds stores, and with force moves them (and their companions) aside', async () => {
    makeStores(dataDir, 7);
    fs.writeFileSync(path.join(dataDir, 'events.sqlite.clean-close'), 'the old log closed cleanly');
    const before = listing(dataDir);
    await expect(restore()).rejects.toThrow(
      `DATA_DIR ${dataDir} already holds events.sqlite, events.sqlite.clean-close, readmodels.sqlite, auth-jwt-secret, so nothing was restored`,
    );
    expect(listing(dataDir)).toEqual(before);

    const outcome = await restore(true);
    const aside = outcome.movedAside!.folder;
    expect(path.dirname(aside)).toBe(dataDir);
    expect(path.basename(aside)).toMatch(/^replaced-by-restore-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z$/);
    expect(fs.statSync(aside).mode & 0o777).toBe(0o700);
    expect(listing(aside)).toEqual(before);
    expect(fs.readFileSync(path.join(aside, 'events.sqlite.clean-close'), 'utf8')).toBe(
      'the old log closed cleanly',
    );
    const old = new Database(path.join(aside, 'events.sqlite'), { readonly: true });
    expect(old.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 7 });
    old.close();
    expect(listing(dataDir)).toEqual([
      'auth-jwt-secret',
      'events.sqlite',
      'readmodels.sqlite',
      path.basename(aside),
    ]);
  });

  it('moves aside a log a crash left with events in its -wal file, none of them lost', async () => {
    makeStores(dataDir, 7);
    // A writer killed before it could close: its last commits are only in events.sqlite-wal.
    const writer = spawnSync(
      process.execPath,
      [
        '-e',
        `const db = new (require('better-sqlite3'))(${JSON.stringify(path.join(dataDir, 'events.sqlite'))});
         db.pragma('wal_autocheckpoint = 0');
         db.prepare('INSERT INTO events (position) VALUES (8), (9)').run();
         process.kill(process.pid, 'SIGKILL');`,
      ],
      { cwd: process.cwd() },
    );
    expect(writer.signal).toBe('SIGKILL');
    expect(fs.statSync(path.join(dataDir, 'events.sqlite-wal')).size).toBeGreaterThan(0);

    const aside = (await restore(true)).movedAside!.folder;
    // Never beside the restored log, which SQLite would read it into.
    expect(listing(dataDir)).not.toContain('events.sqlite-wal');
    const old = new Database(path.join(aside, 'events.sqlite'), { readonly: true });
    expect(old.prepare('SELECT max(position) AS head FROM events').get()).toEqual({ head: 9 });
    old.close();
  });

  it('leaves no part of a file under a real name when a copy fails part way, and DATA_DIR as it was', async () => {
    makeStores(dataDir, 7);
    const before = new Map(listing(dataDir).map((name) => [name, fs.readFileSync(path.join(dataDir, name))]));
    jest.mocked(stagedCopy.stageCopy).mockImplementation(async (source, staged, expected) => {
      if (expected.name !== 'readmodels.sqlite')
        return jest.requireActual('./staged-copy').stageCopy(source, staged, expected);
      fs.writeFileSync(staged, fs.readFileSync(source).subarray(0, 100));
      throw new Error('No space left on device');
    });
    try {
      await expect(restore(true)).rejects.toThrow('No space left on device');
    } finally {
      jest.mocked(stagedCopy.stageCopy).mockRestore();
    }
    expect(listing(dataDir)).toEqual([...before.keys()]);
    for (const [name, bytes] of before) expect(fs.readFileSync(path.join(dataDir, name))).toEqual(bytes);
  });
});
