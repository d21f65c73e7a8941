import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BackupManifest } from '../apps/cli/src/commands/backup/back-up-stores';
import { sha256Of } from '../apps/cli/src/commands/backup/file-sha256';
import { ApiClient } from './support/fixtures/api-client';
import { cli } from './support/run-cli';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * `casetrail restore` as an operator uses it: refused while the API runs, refused for a backup that
 * does not match its backup.json, refused over existing stores without --force; with it, the
 * earlier files are kept aside and the API starts on exactly what the backup holds.
 */
describe('casetrail restore', () => {
  let root: string;
  let dataDir: string;
  let backupDir: string;
  let t: TestApp | undefined;
  const listing = (dir: string) => fs.readdirSync(dir).sort();

  beforeAll(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-restore-cli-')));
    dataDir = path.join(root, 'data');
    backupDir = path.join(root, 'backups', 'monday');
    fs.mkdirSync(dataDir, { mode: 0o700 });
  });

  afterAll(async () => {
    await t?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  async function registerAccount(name: string): Promise<string> {
    const admin = await t!.token('admin@vendor.example', ['admin']);
    const response = await new ApiClient(t!.app).expect(
      201,
      { method: 'POST', url: '/v1/accounts', payload: { name } },
      admin,
    );
    return response.json().id;
  }

  async function accountStatus(id: string): Promise<number> {
    const admin = await t!.token('admin@vendor.example', ['admin']);
    return (await new ApiClient(t!.app).send({ method: 'GET', url: `/v1/accounts/${id}` }, admin)).status;
  }

  it('restores a backup over changed data, keeping the earlier files aside, and refuses what it must', async () => {
    // The CLI's token secret, kept in DATA_DIR (the test app signs with AUTH_JWT_SECRET).
    fs.writeFileSync(path.join(dataDir, 'auth-jwt-secret'), 'c'.repeat(64), { mode: 0o600 });
    t = await startTestApp({ dataDir });
    const backedUp = await registerAccount('Backed Up Ltd');
    expect(await cli(dataDir, 'backup', backupDir)).toMatchObject({ code: 0 });
    const manifest = JSON.parse(
      fs.readFileSync(path.join(backupDir, 'backup.json'), 'utf8'),
    ) as BackupManifest;
    const head = manifest.eventLog!.head;
    const later = await registerAccount('Registered Later Ltd');
    const laterHead = await t.runtime.storage.eventStore.headPosition();
    expect(laterHead).toBeGreaterThan(head);

    // While the API runs: refused, DATA_DIR as it was.
    let before = listing(dataDir);
    const whileRunning = await cli(dataDir, 'restore', '--force', backupDir);
    expect(whileRunning.code).toBe(1);
    expect(whileRunning.stderr).toContain(`DATA_DIR ${dataDir} is in use, so nothing was restored`);
    expect(whileRunning.stderr).toMatch(/holds the lease projection:/);
    expect(listing(dataDir)).toEqual(before);
    await t.close();
    t = undefined;

    // A backup that does not match its backup.json: refused, each file named.
    const spoilt = path.join(root, 'spoilt');
    fs.cpSync(backupDir, spoilt, { recursive: true });
    const events = fs.readFileSync(path.join(spoilt, 'events.sqlite'));
    events[Math.floor(events.length / 2)] ^= 0x01;
    fs.writeFileSync(path.join(spoilt, 'events.sqlite'), events);
    fs.rmSync(path.join(spoilt, 'readmodels.sqlite'));
    before = listing(dataDir);
    const fromSpoilt = await cli(dataDir, 'restore', '--force', spoilt);
    expect(fromSpoilt.code).toBe(1);
    expect(fromSpoilt.stderr).toMatch(
      /events\.sqlite has SHA-256 [0-9a-f]{64}, not the [0-9a-f]{64} recorded/,
    );
    expect(fromSpoilt.stderr).toMatch(/readmodels\.sqlite is missing/);
    expect(listing(dataDir)).toEqual(before);

    // Existing stores without --force: refused, named.
    const withoutForce = await cli(dataDir, 'restore', backupDir);
    expect(withoutForce.code).toBe(1);
    expect(withoutForce.stderr).toMatch(
      /already holds events\.sqlite, .*readmodels\.sqlite, .*auth-jwt-secret, so nothing was restored\. Run again with --force/,
    );
    expect(listing(dataDir)).toEqual(before);

    // With --force: restored, what it replaced kept aside, the positions and the next step said.
    const restored = await cli(dataDir, 'restore', '--force', backupDir);
    expect(restored).toMatchObject({ code: 0, stderr: '' });
    expect(restored.stdout).toContain(`the event log up to position ${head}`);
    expect(restored.stdout).toMatch(
      /Restored readmodels\.sqlite \(\d+ bytes\): the read models, at positions \S+ \d+/,
    );
    expect(restored.stdout).toContain('Restored auth-jwt-secret');
    expect(restored.stdout).toContain('Next: start Casetrail (`casetrail serve`');
    expect(restored.stdout).toContain('run `casetrail rebuild`');

    const aside = listing(dataDir).find((name) => name.startsWith('replaced-by-restore-'))!;
    expect(restored.stdout).toContain(
      `Moved DATA_DIR's earlier files aside into ${path.join(dataDir, aside)}`,
    );
    expect(fs.statSync(path.join(dataDir, aside)).mode & 0o777).toBe(0o700);
    expect(listing(path.join(dataDir, aside))).toEqual(
      expect.arrayContaining(['auth-jwt-secret', 'events.sqlite', 'readmodels.sqlite']),
    );
    const earlier = new Database(path.join(dataDir, aside, 'events.sqlite'), { readonly: true });
    expect(earlier.prepare('SELECT max(position) AS head FROM events').get()).toEqual({ head: laterHead });
    earlier.close();
    expect(listing(dataDir)).toEqual([aside, 'auth-jwt-secret', 'events.sqlite', 'readmodels.sqlite'].sort());
    for (const file of manifest.files) {
      expect(fs.statSync(path.join(dataDir, file.name)).mode & 0o777).toBe(0o600);
      expect(await sha256Of(path.join(dataDir, file.name))).toBe(file.sha256);
    }

    // And the API starts on exactly what the backup holds.
    t = await startTestApp({ dataDir });
    expect(await t.runtime.storage.eventStore.headPosition()).toBe(head);
    expect(await accountStatus(backedUp)).toBe(200);
    expect(await accountStatus(later)).toBe(404);
  }, 120_000);
});
