import Database from 'better-sqlite3';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import * as path from 'node:path';
import { DEFAULT_SUPPORT_POLICY } from '@casetrail/domain';
import { openSqliteEventStore, type EventStore } from '@casetrail/eventstore';
import { openSqliteReadModelStore } from '@casetrail/readmodels';
import { mintToken } from '../apps/api/src/auth/token-minter';
import { createApi } from '../apps/api/src/bootstrap';
import { CREATION_ID_SECRET_CREATED } from '../apps/api/src/commands/creation-id-secret';
import { loadConfig } from '../apps/api/src/config/app-config';
import type { Storage } from '../apps/api/src/storage/storage';
import { tempDir } from './support/fault/temp-dir';
import { TEST_SECRET } from './support/test-app';

/** Long enough for a commit to wait on another's, short enough to keep the test quick (default 10 s). */
const BUSY_TIMEOUT_MS = 200;

/**
 * Another process holds the write lock on events.sqlite (`BEGIN EXCLUSIVE` in a sqlite3 shell, a
 * backup): a command waits the busy timeout, then answers 503 problem+json with Retry-After, having
 * written nothing, and succeeds once the lock is released.
 */
describe('a storage locked by another process', () => {
  const dir = tempDir('fault-storage-busy');
  const eventsFile = path.join(dir.path, 'events.sqlite');
  let eventStore: EventStore;
  let storage: Storage;
  let app: NestFastifyApplication;
  let adminToken: string;

  beforeAll(async () => {
    eventStore = openSqliteEventStore(eventsFile, { busyTimeoutMs: BUSY_TIMEOUT_MS });
    const readModels = openSqliteReadModelStore(path.join(dir.path, 'readmodels.sqlite'), {
      busyTimeoutMs: BUSY_TIMEOUT_MS,
    });
    const config = loadConfig({
      DATA_DIR: dir.path,
      AUTH_JWT_SECRET: TEST_SECRET,
      LOG_LEVEL: 'error',
      EMBEDDED_PROJECTOR: 'false',
    });
    storage = {
      eventStore,
      readModels,
      description: { eventStore: 'SQLite', readModels: 'SQLite' },
      async close() {
        await eventStore.close();
        await readModels.close();
      },
    };
    app = await createApi(
      { config, storage, policy: DEFAULT_SUPPORT_POLICY, jwtSecret: TEST_SECRET },
      { logger: false },
    );
    adminToken = await mintToken(TEST_SECRET, { email: 'admin@vendor.example', roles: ['admin'] });
  });

  afterAll(async () => {
    await app?.close();
    await storage?.close();
    dir.remove();
  });

  const registerAccount = () =>
    app.inject({
      method: 'POST',
      url: '/v1/accounts',
      headers: { authorization: `Bearer ${adminToken}`, 'idempotency-key': 'register-initech' },
      payload: { name: 'Initech' },
    });

  it('answers 503 with Retry-After, writes nothing, and takes the same command once released', async () => {
    const lockHolder = new Database(eventsFile);
    lockHolder.exec('BEGIN EXCLUSIVE');
    let locked;
    try {
      locked = await registerAccount();
    } finally {
      lockHolder.exec('COMMIT');
      lockHolder.close();
    }
    expect(locked.statusCode).toBe(503);
    expect(locked.headers['retry-after']).toBe('5');
    expect(locked.headers['content-type']).toContain('application/problem+json');
    expect(locked.json()).toMatchObject({ title: 'Storage busy', status: 503 });
    expect(locked.json().detail).toContain('another process holds a lock on it, so nothing was written');
    expect(await eventStore.headPosition()).toBe(0);

    const released = await registerAccount();
    expect(released.statusCode).toBe(201);
    // The account, once; and before it the desk's secret for keyed ids, recorded by this first keyed
    // creation (its write was the one refused while locked), once.
    const written = await eventStore.readAll({ after: 0, maxCount: 100 });
    expect(written.map((event) => event.type)).toEqual([CREATION_ID_SECRET_CREATED, 'AccountRegistered']);
  });
});
