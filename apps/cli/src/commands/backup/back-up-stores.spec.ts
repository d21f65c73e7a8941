import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AppConfig } from '../../../../api/src/config/app-config';
import { openSqliteEventStore } from '@casetrail/eventstore';
import { backUpStores } from './back-up-stores';

describe('backUpStores', () => {
  let dataDir: string;
  let target: string;
  const config = () => ({ dataDir, jwtSecret: 'a'.repeat(32) }) as AppConfig;

  beforeEach(() => {
    // Real paths: the messages name folders with their symlinks resolved (a tmpdir may be one).
    dataDir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-backup-data-')));
    target = path.join(
      fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-backup-into-'))),
      'copy',
    );
    const readModels = new Database(path.join(dataDir, 'readmodels.sqlite'));
    readModels.exec('CREATE TABLE readmodel_checkpoints (projection TEXT PRIMARY KEY, position INTEGER)');
    readModels.close();
  });

  afterEach(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(path.dirname(target), { recursive: true, force: true });
  });

  it("takes the journals' checkpoints for the counts they are, not for positions past the log's end", async () => {
    const store = openSqliteEventStore(path.join(dataDir, 'events.sqlite'));
    await store.append(
      'account-1',
      [
        {
          type: 'Noted',
          data: {},
          metadata: { actor: 'a@example.com', correlationId: 'c', schemaVersion: 1 },
        },
      ],
      'no-stream',
    );
    await store.close();
    const readModels = new Database(path.join(dataDir, 'readmodels.sqlite'));
    readModels.prepare('INSERT INTO readmodel_checkpoints VALUES (?, ?), (?, ?), (?, ?), (?, ?)').run(
      'cases',
      1,
      'keyed-no-ops-journal',
      40,
      'notification-delivery-journal',
      12,
      // The outbox pruner writes one past the outbox writer's checkpoint: at the log's end, past it.
      'notification-outbox-pruning',
      2,
    );
    readModels.close();

    const manifest = await backUpStores(config(), target, () => undefined);
    expect(manifest.readModels?.checkpoints).toEqual({ cases: 1 });
  });

  it("leaves the running processes' leases behind: a restore of the copy is not in use by the source's server", async () => {
    const store = openSqliteEventStore(path.join(dataDir, 'events.sqlite'));
    await store.close();
    const readModels = new Database(path.join(dataDir, 'readmodels.sqlite'));
    readModels.exec('CREATE TABLE readmodel_leases (name TEXT PRIMARY KEY, owner TEXT, expires_at INTEGER)');
    readModels
      .prepare('INSERT INTO readmodel_leases VALUES (?, ?, ?)')
      .run('projection:cases', 'api-1', Date.now() + 15_000);
    readModels.close();

    const manifest = await backUpStores(config(), target, () => undefined);
    const copy = new Database(path.join(target, 'readmodels.sqlite'), { readonly: true });
    expect(copy.prepare('SELECT count(*) AS leases FROM readmodel_leases').get()).toEqual({ leases: 0 });
    copy.close();
    // The checksum is of the file as it stays.
    const listed = manifest.files.find((file) => file.name === 'readmodels.sqlite');
    expect(listed?.bytes).toBe(fs.statSync(path.join(target, 'readmodels.sqlite')).size);
    expect(fs.readdirSync(target).sort()).toEqual(['backup.json', 'events.sqlite', 'readmodels.sqlite']);
    const source = new Database(path.join(dataDir, 'readmodels.sqlite'), { readonly: true });
    expect(source.prepare('SELECT count(*) AS leases FROM readmodel_leases').get()).toEqual({ leases: 1 });
    source.close();
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

  describe('refuses a backup folder that is DATA_DIR, inside it or around it, naming both, writing nothing', () => {
    const refusal = async (folder: string) => {
      const before = fs.readdirSync(dataDir);
      const error = await backUpStores(config(), folder, () => undefined).then(
        () => undefined,
        (thrown: Error) => thrown,
      );
      expect(fs.readdirSync(dataDir)).toEqual(before);
      return error?.message;
    };

    it('inside DATA_DIR, however deep', async () => {
      const folder = path.join(dataDir, 'backups', 'monday');
      expect(await refusal(folder)).toBe(
        `The backup folder ${folder} is inside DATA_DIR ${fs.realpathSync(dataDir)}: back up into a folder outside DATA_DIR, so the backup does not share the fate of the data it guards`,
      );
      expect(fs.existsSync(path.join(dataDir, 'backups'))).toBe(false);
    });

    it('inside DATA_DIR under a name that starts with two dots', async () => {
      const folder = path.join(dataDir, '..bak');
      expect(await refusal(folder)).toMatch(`The backup folder ${folder} is inside DATA_DIR`);
    });

    it('DATA_DIR itself', async () => {
      expect(await refusal(dataDir)).toMatch(`The backup folder ${dataDir} is DATA_DIR ${dataDir} itself`);
    });

    it('a folder that holds DATA_DIR', async () => {
      expect(await refusal(path.dirname(dataDir))).toMatch(
        `DATA_DIR ${dataDir} is inside the backup folder ${path.dirname(dataDir)}`,
      );
    });

    it('inside DATA_DIR through a symlink, naming where it leads', async () => {
      const link = path.join(path.dirname(target), 'to-data');
      fs.symlinkSync(dataDir, link);
      const folder = path.join(link, 'monday');
      expect(await refusal(folder)).toMatch(
        `The backup folder ${folder} (that is, ${path.join(dataDir, 'monday')}) is inside DATA_DIR ${dataDir}`,
      );
      expect(fs.existsSync(path.join(dataDir, 'monday'))).toBe(false);
    });

    it('a DATA_DIR reached through a symlink, around the backup folder', async () => {
      const link = path.join(path.dirname(target), 'data-link');
      fs.symlinkSync(dataDir, link);
      const inLinked = () => ({ dataDir: link, jwtSecret: 'a'.repeat(32) }) as AppConfig;
      const folder = path.join(dataDir, 'monday');
      await expect(backUpStores(inLinked(), folder, () => undefined)).rejects.toThrow(
        `The backup folder ${folder} is inside DATA_DIR ${link} (that is, ${dataDir})`,
      );
    });
  });

  it('says at once that a folder under a file cannot be made, naming both', async () => {
    const file = path.join(path.dirname(target), 'plain-file');
    fs.writeFileSync(file, 'x');
    await expect(backUpStores(config(), path.join(file, 'copy'), () => undefined)).rejects.toThrow(
      `Cannot create the backup folder ${path.join(file, 'copy')}: ${file} is a file, not a folder`,
    );
  });

  it('makes missing parents owner-only', async () => {
    const events = new Database(path.join(dataDir, 'events.sqlite'));
    events.exec('CREATE TABLE events (position INTEGER PRIMARY KEY, data TEXT, metadata TEXT)');
    events.close();
    const deep = path.join(path.dirname(target), 'a', 'b', 'c');
    await backUpStores(config(), deep, () => undefined);
    for (const level of ['a', 'a/b', 'a/b/c']) {
      expect(fs.statSync(path.join(path.dirname(target), level)).mode & 0o777).toBe(0o700);
    }
    expect(fs.readdirSync(deep).sort()).toEqual(['backup.json', 'events.sqlite', 'readmodels.sqlite']);
  });

  it('removes the parents it made when the copy fails', async () => {
    fs.writeFileSync(path.join(dataDir, 'events.sqlite'), 'not a database');
    const deep = path.join(path.dirname(target), 'a', 'b', 'c');
    await expect(backUpStores(config(), deep, () => undefined)).rejects.toThrow('failed');
    expect(fs.readdirSync(path.dirname(target))).toEqual([]);
  });

  it('refuses a file for a folder, saying so', async () => {
    fs.writeFileSync(target, 'x');
    await expect(backUpStores(config(), target, () => undefined)).rejects.toThrow(`${target} is a file`);
  });
});
