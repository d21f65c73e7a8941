import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openSqliteReadModelStore, processLeaseOwner } from '@casetrail/readmodels';
import { requireStoresNotInUse } from './stores-in-use';

describe('requireStoresNotInUse', () => {
  let dataDir: string;
  const readModelsFile = () => path.join(dataDir, 'readmodels.sqlite');

  /** A lease written into the read models, the store closed again (nothing keeps the file open). */
  async function leaseHeldBy(owner: string, ttlMs = 60_000): Promise<void> {
    const store = openSqliteReadModelStore(readModelsFile());
    await store.tryAcquireLease('projection:cases', owner, ttlMs);
    await store.close();
  }

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-in-use-'));
  });

  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('lets an empty DATA_DIR, or stores nobody uses, through', async () => {
    await expect(requireStoresNotInUse(dataDir)).resolves.toBeUndefined();
    await openSqliteReadModelStore(readModelsFile()).close();
    await expect(requireStoresNotInUse(dataDir)).resolves.toBeUndefined();
  });

  it('refuses while a lease is held, naming it and its holder, even with no store file open', async () => {
    const owner = processLeaseOwner();
    await leaseHeldBy(owner);
    await expect(requireStoresNotInUse(dataDir)).rejects.toThrow(
      new RegExp(
        `DATA_DIR ${dataDir} is in use, so nothing was restored: ${owner} holds the lease projection:cases`,
      ),
    );
  });

  it('takes no account of a lease that expired, or whose holder is a process of this host that exited', async () => {
    await leaseHeldBy(processLeaseOwner(), 1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await expect(requireStoresNotInUse(dataDir)).resolves.toBeUndefined();

    const exited = spawnSync(process.execPath, ['-e', '']).pid;
    await leaseHeldBy(processLeaseOwner().replace(/\/\d+\/([^/]*)$/, `/${exited}/$1`));
    await expect(requireStoresNotInUse(dataDir)).resolves.toBeUndefined();
  });

  it('refuses while a store file is open, without any lease (an API that runs no projections, a `verify`)', async () => {
    const eventsFile = path.join(dataDir, 'events.sqlite');
    const open = new Database(eventsFile);
    open.pragma('journal_mode = WAL');
    open.exec('CREATE TABLE events (position INTEGER PRIMARY KEY)');
    try {
      await expect(requireStoresNotInUse(dataDir)).rejects.toThrow(
        `${eventsFile} is open in another process`,
      );
    } finally {
      open.close();
    }
    await expect(requireStoresNotInUse(dataDir)).resolves.toBeUndefined();
  });
});
