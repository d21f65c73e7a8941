import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/app-config';
import { openStorage } from './open-storage';
import { cleanCloseRecord } from './sqlite-file-check';

const metadata = { actor: 'test', correlationId: 'c', schemaVersion: 1 };

describe('openStorage', () => {
  let dataDir: string;

  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'casetrail-open-storage-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('opens, for a second thread, the files this process opened without reading them again, and leaves the clean close to the first', async () => {
    const config = loadConfig({ DATA_DIR: dataDir });
    const first = await openStorage(config);
    await first.eventStore.append('case-1', [{ type: 'Noted', data: {}, metadata }], 'no-stream');

    const second = await openStorage(config, { openedByThisProcess: true });
    expect(second.description).toEqual({
      eventStore: 'SQLite (events.sqlite; opened and checked by another thread of this process)',
      readModels: 'SQLite (readmodels.sqlite; opened and checked by another thread of this process)',
    });
    expect((await second.eventStore.readStream('case-1')).map((event) => event.type)).toEqual(['Noted']);
    await second.close();
    // The first may still write: only its own close says how the files were left.
    const files = ['events.sqlite', 'readmodels.sqlite'].map((file) => join(dataDir, file));
    expect(files.filter((file) => existsSync(cleanCloseRecord(file)))).toEqual([]);

    await first.close();
    expect(files.filter((file) => existsSync(cleanCloseRecord(file)))).toEqual(files);
  });
});
