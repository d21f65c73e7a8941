import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnTs } from './support/spawn-ts';

interface BoundedRun {
  code: number | null;
  stderr: string;
  /** The command had not ended when the time was up, and was killed. */
  timedOut: boolean;
}

/**
 * `casetrail backup <folder>` as an operator runs it, killed should it not end in time: a backup
 * that hangs must fail this test, not hang the suite.
 */
function backupWithin(ms: number, dataDir: string, folder: string): Promise<BoundedRun> {
  const child = spawnTs('apps/cli/src/main.ts', ['backup', folder], {
    env: { DATA_DIR: dataDir, LOG_LEVEL: 'error' },
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, ms);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, timedOut });
    }),
  );
}

/** Backup folders the command must refuse at once, writing nothing. */
describe('casetrail backup: folders it refuses', () => {
  let dataDir: string;

  beforeAll(() => {
    dataDir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-backup-guards-')));
    // Enough of an event store for the command to take DATA_DIR for one.
    const events = new Database(path.join(dataDir, 'events.sqlite'));
    events.exec('CREATE TABLE events (position INTEGER PRIMARY KEY)');
    events.close();
  });

  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('refuses a folder inside DATA_DIR, naming both, and writes nothing', async () => {
    const before = fs.readdirSync(dataDir).sort();
    const folder = path.join(dataDir, 'backups', 'monday');
    const run = await backupWithin(30_000, dataDir, folder);
    expect(run).toMatchObject({ timedOut: false, code: 1 });
    expect(run.stderr).toContain(`The backup folder ${folder} is inside DATA_DIR ${dataDir}`);
    expect(fs.readdirSync(dataDir).sort()).toEqual(before);
  }, 60_000);

  // Node 20's recursive mkdirSync loops for ever on /proc; the command must end, saying why.
  it('fails fast, with the reason, for a folder that cannot be made (/proc)', async () => {
    const folder = '/proc/casetrail-backup-here';
    const run = await backupWithin(30_000, dataDir, folder);
    expect(run.timedOut).toBe(false);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`Cannot create the backup folder ${folder}: `);
    expect(fs.existsSync(folder)).toBe(false);
  }, 60_000);
});
