import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { StaffRole } from '../../apps/api/src/auth/actor';
import { mintToken } from '../../apps/api/src/auth/token-minter';
import { createApi } from '../../apps/api/src/bootstrap';
import { loadApiSettings } from '../../apps/api/src/config/api-settings';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { Clock, Runtime } from '../../apps/api/src/runtime/runtime';
import { openRuntime } from '../../apps/api/src/runtime/open-runtime';

export const TEST_SECRET = 'test-secret-that-is-long-enough-for-hs256';

/** A clock tests can move. */
export class TestClock implements Clock {
  constructor(private current = new Date('2026-03-02T09:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface TestApp {
  app: NestFastifyApplication;
  runtime: Runtime;
  clock: TestClock;
  dataDir: string;
  token(email: string, roles?: StaffRole[], name?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The real application on embedded SQLite in a temporary DATA_DIR, driven with Fastify's inject.
 * Pass `dataDir` to start on an existing directory (a restart); the caller then owns it and
 * `close()` leaves it in place.
 */
export async function startTestApp(
  options: {
    env?: Record<string, string>;
    /** The API's own settings (loadApiSettings) from these variables instead of the process's. */
    apiEnv?: Record<string, string>;
    clock?: TestClock;
    dataDir?: string;
    /** How long a read waits for the projections (see CreateApiOptions.readWaitTimeoutMs). */
    readWaitTimeoutMs?: number;
  } = {},
): Promise<TestApp> {
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-test-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    AUTH_JWT_SECRET: TEST_SECRET,
    LOG_LEVEL: 'error',
    // The test clock moves SLA time: the projections (and SLA timers) must run where it reaches.
    PROJECTOR_THREAD: 'false',
    ...options.env,
  });
  const runtime = await openRuntime(config);
  const clock = options.clock ?? new TestClock();
  const app = await createApi(runtime, {
    settings: options.apiEnv ? loadApiSettings(config, options.apiEnv) : undefined,
    clock,
    readWaitTimeoutMs: options.readWaitTimeoutMs,
    logger: process.env.TEST_LOGS ? ['error', 'warn', 'log'] : false,
  });
  return {
    app,
    runtime,
    clock,
    dataDir,
    token: (email, roles = [], name) => mintToken(TEST_SECRET, { email, roles, name }),
    async close() {
      await app.close();
      await runtime.storage.close();
      if (ownsDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
