import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openSqliteEventStore } from '@casetrail/eventstore';
import type { BackupManifest } from '../apps/cli/src/commands/backup/back-up-stores';
import { garbleEventData } from './support/fault/events-file';
import { cli } from './support/run-cli';

/**
 * `casetrail backup` of a log holding a stored event that cannot be read used to exit 0 saying
 * nothing, and `backup.json` recorded nothing of it: since the repair for such a row is to restore
 * it from an older backup, an operator rotating backups kept only damaged ones without knowing.
 * The backup is still taken (better than none), but it warns, naming the row, records the damage
 * in `backup.json`, and `restore` of it warns again.
 */
describe('backup and restore of a log holding an unreadable stored event', () => {
  let root: string;
  let dataDir: string;

  beforeEach(async () => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-damaged-backup-')));
    dataDir = path.join(root, 'data');
    fs.mkdirSync(dataDir, { mode: 0o700 });
    const store = openSqliteEventStore(path.join(dataDir, 'events.sqlite'));
    const noted = (n: number) => ({
      type: 'Noted',
      data: { n },
      metadata: { actor: 'a@example.com', correlationId: `c${n}`, schemaVersion: 1 },
    });
    await store.append('case-c1', [noted(1), noted(2)], 'no-stream');
    await store.append('case-c3', [noted(3), noted(4), noted(5)], 'no-stream');
    await store.close();
  });

  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const manifestOf = (folder: string) =>
    JSON.parse(fs.readFileSync(path.join(folder, 'backup.json'), 'utf8')) as BackupManifest;

  it('backs it up, warning of the row on stderr and in backup.json; restoring it warns again', async () => {
    garbleEventData(dataDir, 4);
    const backupDir = path.join(root, 'backups', 'monday');

    const backup = await cli(dataDir, 'backup', backupDir);
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain('Backed up 1 file(s)');
    expect(backup.stderr).toContain(
      'Warning: the event log copied holds 1 stored event(s) that cannot be read (recorded in backup.json)',
    );
    expect(backup.stderr).toMatch(/ {2}case-c3@1 \(position 4, Noted\): its data is not valid JSON \(/);
    expect(backup.stderr).toContain('Keep an older backup that still holds these events whole');
    expect(manifestOf(backupDir).eventLog).toEqual({
      head: 5,
      damaged: {
        unreadableEvents: 1,
        first: [
          {
            stream: 'case-c3',
            revision: 1,
            position: 4,
            type: 'Noted',
            problem: expect.stringMatching(/^its data is not valid JSON/),
          },
        ],
      },
    });

    const restored = await cli(path.join(root, 'restored'), 'restore', backupDir);
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain('the event log up to position 5');
    expect(restored.stderr).toContain(
      'Warning: the restored event log holds 1 stored event(s) that could not be read when the backup was taken',
    );
    expect(restored.stderr).toMatch(/ {2}case-c3@1 \(position 4, Noted\): its data is not valid JSON \(/);
  }, 60_000);

  it('says nothing of damage for an intact log, and records none', async () => {
    const backupDir = path.join(root, 'intact');
    const backup = await cli(dataDir, 'backup', backupDir);
    expect(backup).toMatchObject({ code: 0, stderr: '' });
    expect(manifestOf(backupDir).eventLog).toEqual({ head: 5 });
  }, 60_000);
});
