import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintToken } from '../../apps/api/src/auth/token-minter';
import { createApi } from '../../apps/api/src/bootstrap';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { openRuntime } from '../../apps/api/src/runtime/open-runtime';
import { Runtime } from '../../apps/api/src/runtime/runtime';

export const BENCH_SECRET = 'bench-secret-that-is-long-enough-for-hs256';

export const BENCH_PEOPLE = {
  admin: 'adam.admin@vendor.example',
  engineer: 'eve.engineer@vendor.example',
  customer: 'jane.doe@acme.example',
};

/** The real API on embedded SQLite in a fresh temporary DATA_DIR, with one licensed customer ready to open cases. */
export interface BenchApi {
  app: NestFastifyApplication;
  runtime: Runtime;
  dataDir: string;
  accountId: string;
  licenceId: string;
  customerToken: string;
  engineerToken: string;
  close(): Promise<void>;
}

export interface StartBenchApiOptions {
  /** Fills DATA_DIR before the API opens it, as data an API finds when it (re)starts. */
  prepareDataDir?: (dataDir: string) => Promise<void>;
  /**
   * False: the production shape, where projections run in a separate projector process (started by
   * the caller, on the same DATA_DIR, see projector-process.ts) and this API only waits for them.
   */
  embeddedProjector?: boolean;
}

/** The environment of every bench process on one DATA_DIR (API, projector). */
export function benchEnv(dataDir: string, embeddedProjector = true): Record<string, string> {
  return {
    DATA_DIR: dataDir,
    AUTH_JWT_SECRET: BENCH_SECRET,
    LOG_LEVEL: 'error',
    EMBEDDED_PROJECTOR: String(embeddedProjector),
  };
}

export async function startBenchApi(options: StartBenchApiOptions = {}): Promise<BenchApi> {
  const dataDir = mkdtempSync(join(tmpdir(), 'casetrail-bench-'));
  await options.prepareDataDir?.(dataDir);
  const runtime = await openRuntime(loadConfig(benchEnv(dataDir, options.embeddedProjector)));
  const app = await createApi(runtime, { logger: ['error', 'warn'] });
  const adminToken = await mintToken(BENCH_SECRET, { email: BENCH_PEOPLE.admin, roles: ['admin'] });
  const customerToken = await mintToken(BENCH_SECRET, {
    email: BENCH_PEOPLE.customer,
    name: 'Jane Doe',
    expiresIn: '7d',
  });
  const engineerToken = await mintToken(BENCH_SECRET, {
    email: BENCH_PEOPLE.engineer,
    roles: ['engineer'],
    expiresIn: '7d',
  });

  const post = async (url: string, token: string, payload?: object) => {
    const response = await app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${token}` },
      payload,
    });
    if (response.statusCode >= 300)
      throw new Error(`Bench setup: POST ${url} answered ${response.statusCode} ${response.body}`);
    return response.json<{ id: string }>();
  };
  const accountId = (await post('/v1/accounts', adminToken, { name: 'Acme', timeZone: 'Europe/Sofia' })).id;
  const licenceId = (
    await post(`/v1/accounts/${accountId}/licences`, adminToken, {
      product: 'Sitefinity',
      edition: 'Online Marketing License',
      plan: 'enterprise',
      activeUntil: '2099-12-31',
      holderEmail: 'boss@acme.example',
    })
  ).id;
  await post(`/v1/licences/${licenceId}/users`, adminToken, {
    email: BENCH_PEOPLE.customer,
    firstName: 'Jane',
    lastName: 'Doe',
    company: 'Acme',
    country: 'BG',
    permissions: { manageUsers: false, shareTickets: true, seeSharedTickets: true },
  });
  await post(`/v1/licences/${licenceId}/users/${BENCH_PEOPLE.customer}/activation`, customerToken);

  return {
    app,
    runtime,
    dataDir,
    accountId,
    licenceId,
    customerToken,
    engineerToken,
    async close() {
      await app.close();
      await runtime.storage.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The body of POST /v1/cases for the bench customer; `title` makes each one distinct. */
export function openCaseBody(licenceId: string, title: string): Record<string, unknown> {
  return {
    licenceId,
    title,
    description: 'Publishing a page takes ten seconds since the upgrade to 15.1',
    severity: 3,
    channel: 'web',
  };
}
