import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AppConfig } from '../../../../api/src/config/app-config';
import { backUpStores } from './back-up-stores';

describe('backUpStores', () => {
  let dataDir: string;
  let target: string;
  const config = () => ({ dataDir, jwtSecret: 'a'.repeat(32) }) as AppConfig;

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-backup-data-'));
    target = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-backup-into-')), 'copy');
    const readModels = new Database(path.join(dataDir, 'readmodels.sqlite'));
    readModels.exec('CREATE TABLE readmodel_checkpoints (projection TEXT PRIMARY KEY, position INTEGER)');
    readModels.close();
  });

  afterEach(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(path.dirname(target), { recursive: true, force: true });
  });

  it('removes what it had copied when a copy fails, naming the folder, so no partial copy of customer data is left', async () => {
    fs.writeFileSync(
      path.join(dataDir, 'events.sqlite'),
      'not a database, but some bytes to be sure '.repeat(200),
    );
    await expect(backUpStores(config(), target, () => undefined)).rejects.toThrow(
      `Backup into ${target} failed, and what it had copied is removed`,
    );
    expect(fs.existsSync(target)).toBe(false);
  });

  it('refuses a file for a folder, saying so', async () => {
    fs.writeFileSync(target, 'x');
    await expect(backUpStores(config(), target, () => undefined)).rejects.toThrow(`${target} is a file`);
  });
});
