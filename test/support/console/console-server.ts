import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_SUPPORT_POLICY } from '@casetrail/domain';
import { openSqliteEventStore } from '@casetrail/eventstore';
import { openSqliteReadModelStore } from '@casetrail/readmodels';
import type { StaffRole } from '../../../apps/api/src/auth/actor';
import { mintToken } from '../../../apps/api/src/auth/token-minter';
import { createApi } from '../../../apps/api/src/bootstrap';
import { loadConfig } from '../../../apps/api/src/config/app-config';
import type { Runtime } from '../../../apps/api/src/runtime/runtime';
import { TEST_SECRET, TestClock } from '../test-app';
import { buildConsole } from './console-build';

export interface ConsoleServer {
  app: NestFastifyApplication;
  clock: TestClock;
  /** The API's DATA_DIR (events.sqlite, readmodels.sqlite), removed on close. */
  dataDir: string;
  /** Where Chromium finds the console, e.g. http://127.0.0.1:40123. */
  url: string;
  token(email: string, roles?: StaffRole[], name?: string): Promise<string>;
  close(): Promise<void>;
}

export interface ConsoleServerOptions {
  clock?: TestClock;
  /** Extra environment for the API's configuration (e.g. AUTH_JWKS_URL). */
  env?: Record<string, string>;
  /** A console already built with `buildConsole()`; built here (and removed on close) when absent. */
  consoleDir?: string;
}

/**
 * The real application on embedded SQLite, listening on a free local port (a browser needs a
 * socket, not inject) and serving a console built from the current sources at `/`. Unlike
 * `startTestApp`, the event store records with the test clock too, so a case's history, its as-of
 * views and its SLA times all tell the same story when the test moves time.
 */
export async function startConsoleServer(options: ConsoleServerOptions = {}): Promise<ConsoleServer> {
  const clock = options.clock ?? new TestClock();
  // The console module reads CONSOLE_DIR from the environment when the app starts.
  const consoleDir = options.consoleDir ?? buildConsole();
  process.env.CONSOLE_DIR = consoleDir;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-console-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    AUTH_JWT_SECRET: TEST_SECRET,
    LOG_LEVEL: 'error',
    // The test clock moves SLA time: the projections (and SLA timers) must run where it reaches.
    PROJECTOR_THREAD: 'false',
    ...options.env,
  });
  const eventStore = openSqliteEventStore(path.join(dataDir, 'events.sqlite'), { now: () => clock.now() });
  const readModels = openSqliteReadModelStore(path.join(dataDir, 'readmodels.sqlite'));
  const runtime: Runtime = {
    config,
    policy: DEFAULT_SUPPORT_POLICY,
    jwtSecret: config.jwtSecret,
    storage: {
      eventStore,
      readModels,
      description: { eventStore: 'SQLite (events.sqlite)', readModels: 'SQLite (readmodels.sqlite)' },
      async close() {
        await Promise.allSettled([eventStore.close(), readModels.close()]);
      },
    },
  };
  const app = await createApi(runtime, {
    clock,
    logger: process.env.TEST_LOGS ? ['error', 'warn', 'log'] : false,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  if (!address || typeof address === 'string') throw new Error('The console server has no TCP address');
  return {
    app,
    clock,
    dataDir,
    url: `http://127.0.0.1:${address.port}`,
    token: (email, roles = [], name) => mintToken(TEST_SECRET, { email, roles, name }),
    async close() {
      await app.close();
      await runtime.storage.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      if (!options.consoleDir) fs.rmSync(consoleDir, { recursive: true, force: true });
    },
  };
}
