import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { openSqliteEventStore } from '@casetrail/eventstore';
import { openSqliteReadModelStore } from '@casetrail/readmodels';
import { tempDir } from './support/fault/temp-dir';
import { startTestApp } from './support/test-app';

const modeOf = (file: string) => statSync(file).mode & 0o777;

/**
 * The stores hold the customers' personal data (names, emails, case texts). SQLite creates its
 * files 0644 (less the umask) in a folder made 0755: anyone on the machine could read them. The
 * product now makes them 0600, and the DATA_DIR it makes 0700, like the token secret beside them.
 */
describe('the modes of the files and folder the product creates in DATA_DIR', () => {
  const parent = tempDir('data-dir-modes');
  afterAll(() => parent.remove());

  it('creates DATA_DIR 0700 and events.sqlite, readmodels.sqlite and their -wal and -shm 0600', async () => {
    const dataDir = path.join(parent.path, 'fresh', 'data');
    const t = await startTestApp({ dataDir });
    try {
      // While open: the write-ahead logs and shared-memory files exist.
      const files = ['events.sqlite', 'readmodels.sqlite'].flatMap((name) =>
        ['', '-wal', '-shm'].map((suffix) => path.join(dataDir, `${name}${suffix}`)),
      );
      for (const file of files) expect([file, existsSync(file) && modeOf(file)]).toEqual([file, 0o600]);
      expect(modeOf(dataDir)).toBe(0o700);
      expect(modeOf(path.dirname(dataDir))).toBe(0o700);
    } finally {
      await t.close();
    }
  });

  it('writes the clean-close records 0600 too', async () => {
    const dataDir = path.join(parent.path, 'records');
    const t = await startTestApp({ dataDir });
    await t.close();
    for (const name of ['events.sqlite', 'readmodels.sqlite']) {
      const record = path.join(dataDir, `${name}.clean-close`);
      expect([record, existsSync(record) && modeOf(record)]).toEqual([record, 0o600]);
    }
  });

  it('leaves the mode of existing files and folders as their owner set it', async () => {
    const dataDir = path.join(parent.path, 'existing');
    mkdirSync(dataDir, { mode: 0o750 });
    chmodSync(dataDir, 0o750);
    const events = openSqliteEventStore(path.join(dataDir, 'events.sqlite'));
    const readModels = openSqliteReadModelStore(path.join(dataDir, 'readmodels.sqlite'));
    await events.close();
    await readModels.close();
    for (const name of ['events.sqlite', 'readmodels.sqlite']) chmodSync(path.join(dataDir, name), 0o640);

    const t = await startTestApp({ dataDir });
    try {
      expect(modeOf(dataDir)).toBe(0o750);
      for (const name of ['events.sqlite', 'readmodels.sqlite']) {
        expect(modeOf(path.join(dataDir, name))).toBe(0o640);
        expect(modeOf(path.join(dataDir, `${name}-wal`))).toBe(0o640);
      }
    } finally {
      await t.close();
    }
  });
});
