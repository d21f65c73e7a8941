import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BackupManifest } from '../apps/cli/src/commands/backup/back-up-stores';
import { cli } from './support/run-cli';
import { startTestApp } from './support/test-app';

/**
 * An auditor's tool must not change what it checks. `verify`, `verify-projections`, `replay` and
 * `export` open the stores read-only: run on a backup's folder, every file keeps the SHA-256 its
 * `backup.json` lists (no switch to WAL mode, no refreshed statistics, no -wal or -shm file left
 * behind); run on a stopped deployment's DATA_DIR (its files in WAL mode, without -wal or -shm), no
 * file changes or appears either; and a live DATA_DIR is checked while the API runs on it.
 */
describe('the audit commands leave the evidence they check as it was', () => {
  let parent: string;
  let dataDir: string;
  /** DATA_DIR as the last process left it, closing cleanly. */
  let stoppedDir: string;
  let backupDir: string;
  let caseStream: string;

  /** Each auditor's command, with what it writes outside the evidence (export's bundle). */
  const audits = () => [
    ['verify'],
    ['verify', '--json'],
    ['verify-projections'],
    ['replay', caseStream],
    ['export', caseStream, '-o', path.join(fs.mkdtempSync(path.join(parent, 'bundle-')), 'case.jsonl')],
  ];

  beforeAll(async () => {
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-audit-readonly-'));
    dataDir = path.join(parent, 'data');
    backupDir = path.join(parent, 'backup');
    const demo = await cli(dataDir, 'demo-data', ...['--cases', '40', '--days', '7', '--seed', '3']);
    expect(demo.code).toBe(0);
    expect((await cli(dataDir, 'rebuild')).code).toBe(0);
    stoppedDir = path.join(parent, 'stopped');
    fs.cpSync(dataDir, stoppedDir, { recursive: true });
    expect((await cli(dataDir, 'backup', backupDir)).code).toBe(0);
    const db = new Database(path.join(dataDir, 'events.sqlite'), { readonly: true });
    caseStream = db
      .prepare(`SELECT stream FROM events WHERE stream LIKE 'case-%' ORDER BY position LIMIT 1`)
      .pluck()
      .get() as string;
    db.close();
  }, 180_000);

  afterAll(() => fs.rmSync(parent, { recursive: true, force: true }));

  it("keeps every file of a backup's folder byte for byte as backup.json lists it", async () => {
    const manifest = JSON.parse(
      fs.readFileSync(path.join(backupDir, 'backup.json'), 'utf8'),
    ) as BackupManifest;
    const listed = Object.fromEntries(manifest.files.map(({ name, sha256 }) => [name, sha256]));
    expect(Object.keys(listed)).toEqual(expect.arrayContaining(['events.sqlite', 'readmodels.sqlite']));

    for (const args of audits()) {
      const result = await cli(backupDir, ...args);
      expect({ args, code: result.code, stderr: result.stderr }).toEqual({
        args,
        code: 0,
        stderr: expect.any(String),
      });
      // Each command is judged on its own, so a failure names the one that changed the folder.
      const { ['backup.json']: _manifest, ...found } = checksumsIn(backupDir);
      expect({ args, files: found }).toEqual({ args, files: listed });
    }
  }, 240_000);

  it("leaves a stopped deployment's DATA_DIR (WAL mode, no -wal or -shm) with no file changed or added", async () => {
    const before = checksumsIn(stoppedDir);
    expect(Object.keys(before).filter((name) => /-(wal|shm)$/.test(name))).toEqual([]);
    expect(walMode(path.join(stoppedDir, 'events.sqlite'))).toBe(true);

    for (const args of audits()) {
      const result = await cli(stoppedDir, ...args);
      expect({ args, code: result.code }).toEqual({ args, code: 0 });
      expect({ args, files: checksumsIn(stoppedDir) }).toEqual({ args, files: before });
    }
  }, 240_000);

  it('checks a live DATA_DIR while the API runs on it, which goes on writing', async () => {
    const t = await startTestApp({ dataDir });
    try {
      for (const args of audits()) {
        const result = await cli(dataDir, ...args);
        expect({ args, code: result.code, stderr: result.stderr }).toEqual({
          args,
          code: 0,
          stderr: expect.any(String),
        });
      }
      // The API's files are still its own: it appends as before.
      await t.runtime.storage.eventStore.append(
        'audit-readonly-probe',
        [{ type: 'Probed', data: {}, metadata: { actor: 'spec', correlationId: 'c', schemaVersion: 1 } }],
        'no-stream',
      );
    } finally {
      await t.close();
    }
  }, 240_000);
});

/** Every file of the folder with its SHA-256. */
function checksumsIn(folder: string): Record<string, string> {
  return Object.fromEntries(
    fs
      .readdirSync(folder)
      .sort()
      .map((name) => [
        name,
        createHash('sha256')
          .update(fs.readFileSync(path.join(folder, name)))
          .digest('hex'),
      ]),
  );
}

/** Bytes 18-19 of SQLite's header are 2 in WAL mode. */
function walMode(file: string): boolean {
  const header = fs.readFileSync(file).subarray(0, 20);
  return header[18] === 2 && header[19] === 2;
}
