import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReadModelStore } from '@casetrail/readmodels';
import { SqliteReadModelStore } from '@casetrail/readmodels';
import { isHeld, LeaseInspector, whyNotHeld, type LeaseView } from './lease-inspector';
import type { LeaseReader } from './lease-reader';
import { SqliteLeaseReader } from './sqlite-lease-reader';

const T = Date.parse('2026-03-02T09:00:00.000Z');
/** Leases are taken with the real clock: the inspector is told the time relative to when they were. */
const TTL_MS = 60_000;

interface Stores {
  readModels: ReadModelStore;
  leases: LeaseReader;
  close(): Promise<void>;
}

function describeLeaseReading(adapter: string, open: () => Promise<Stores>): void {
  describe(`leases on ${adapter}, read without taking any`, () => {
    let stores: Stores;
    let takenAt: number;

    beforeEach(async () => {
      stores = await open();
      takenAt = Date.now();
      await stores.readModels.tryAcquireLease('projection:cases', 'runner-a', TTL_MS);
      await stores.readModels.tryAcquireLease('notifications:delivery', 'runner-gone', TTL_MS);
    });
    afterEach(() => stores.close());

    const inspectAt = (now: number) =>
      new LeaseInspector(stores.leases, {
        now: () => now,
        isHolderGone: (holder) => holder === 'runner-gone',
      }).inspect();

    it('sees a lease held while it is renewed, and one whose holder has exited', async () => {
      const leases = await inspectAt(takenAt);
      expect(leases.get('projection:cases')).toMatchObject({ holder: 'runner-a', state: 'held' });
      expect(leases.get('notifications:delivery')).toMatchObject({
        holder: 'runner-gone',
        state: 'holder-exited',
      });
      expect(Date.parse(leases.get('projection:cases')!.expiresAt)).toBeGreaterThanOrEqual(takenAt + TTL_MS);
    });

    it('sees a lease nobody renewed past its expiry as expired, and a released one as absent', async () => {
      await stores.readModels.releaseLease('notifications:delivery', 'runner-gone');
      const leases = await inspectAt(takenAt + TTL_MS + 5_000);
      expect(leases.get('projection:cases')).toMatchObject({ holder: 'runner-a', state: 'expired' });
      expect(leases.has('notifications:delivery')).toBe(false);
    });

    it('takes no lease: a runner still gets the one it asks for', async () => {
      await inspectAt(takenAt);
      await stores.readModels.releaseLease('projection:cases', 'runner-a');
      expect(await stores.readModels.tryAcquireLease('projection:cases', 'runner-b', TTL_MS)).toBe(true);
    });
  });
}

describeLeaseReading('SQLite (a read-only connection to the same file)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'casetrail-leases-'));
  const file = join(dir, 'readmodels.sqlite');
  const readModels = new SqliteReadModelStore(file);
  const leases = new SqliteLeaseReader(file);
  return {
    readModels,
    leases,
    async close() {
      await leases.close();
      await readModels.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

const mongoUrl = process.env.MONGODB_URL;
if (mongoUrl) {
  describeLeaseReading('MongoDB (a client of its own)', async () => {
    const { connectMongoReadModelStore } = await import('@casetrail/readmodels/mongo/mongo-read-model-store');
    const { MongoLeaseReader } = await import('./mongo-lease-reader');
    const databaseName = `casetrail_leases_${Date.now().toString(36)}_${process.pid}`;
    const readModels = await connectMongoReadModelStore(mongoUrl, { databaseName });
    const leases = new MongoLeaseReader(mongoUrl, databaseName);
    return {
      readModels,
      leases,
      async close() {
        await leases.close();
        await readModels.close();
      },
    };
  });
} else {
  process.stdout.write('skipped: MongoDB lease reading (set MONGODB_URL)\n');
  it.skip('skipped: MongoDB lease reading (set MONGODB_URL)', () => undefined);
}

describe('what /health says of a lease nobody is at work under', () => {
  const lease = (state: LeaseView['state']): LeaseView => ({
    holder: 'host/4026531836/4242/ab12cd34',
    expiresAt: new Date(T).toISOString(),
    state,
  });

  it('tells apart a lease never taken or released, an expired one and one whose holder exited', () => {
    expect(whyNotHeld(null)).toBe('nobody holds its lease');
    expect(whyNotHeld(lease('expired'))).toBe(
      'its lease expired at 2026-03-02T09:00:00.000Z (last held by host/4026531836/4242/ab12cd34)',
    );
    expect(whyNotHeld(lease('holder-exited'))).toBe(
      'its lease is held by host/4026531836/4242/ab12cd34, a process that has exited',
    );
  });

  it('counts only a held lease as someone at work', () => {
    expect([null, lease('expired'), lease('holder-exited'), lease('held')].map(isHeld)).toEqual([
      false,
      false,
      false,
      true,
    ]);
  });
});
