import * as fs from 'node:fs';
import * as path from 'node:path';
import { mintToken } from '../apps/api/src/auth/token-minter';
import { openRuntime } from '../apps/api/src/runtime/open-runtime';
import type { Runtime } from '../apps/api/src/runtime/runtime';
import { runProjector, type ProjectorRunner } from '../apps/projector/src/run-projector';
import { SEED_PEOPLE, injectRequester, openCase, seedWorld, type SeededWorld } from './support/fault/seed';
import { tempDir } from './support/fault/temp-dir';
import { OpenApiDocument } from './support/openapi/openapi-document';
import { TEST_SECRET, TestClock, startTestApp, type TestApp } from './support/test-app';

/**
 * A fresh desk in the production shape (EMBEDDED_PROJECTOR=false) whose `casetrail project` was
 * never started: an account is stored, and the read models have applied nothing. Reads answered
 * 503 saying the read models "are being rebuilt", which sent the operator waiting for a rebuild
 * that was not running. They must say the read models are behind because the projector has not run
 * yet, and what to start; a rebuild that really emptied them keeps its wording
 * (read-models-behind-killed-rebuild.e2e-spec).
 */
describe('reads on a fresh desk whose projector never ran', () => {
  let api: TestApp;
  let adminToken: string;

  beforeAll(async () => {
    api = await startTestApp({ env: { EMBEDDED_PROJECTOR: 'false' }, readWaitTimeoutMs: 300 });
    adminToken = await mintToken(TEST_SECRET, { email: SEED_PEOPLE.admin, roles: ['admin'] });
    const registered = await injectRequester(() => api.app)('POST', '/v1/accounts', adminToken, {
      name: 'Acme',
      timeZone: 'Europe/Sofia',
    });
    expect(registered.status).toBe(201);
  });

  afterAll(async () => {
    await api?.close();
  });

  it('answers 503 read-models-behind naming the projector to start, not a rebuild', async () => {
    const response = await api.app.inject({
      method: 'GET',
      url: '/v1/accounts',
      headers: { authorization: `Bearer ${adminToken}` },
    });

    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    const problem = response.json<{ type: string; detail: string }>();
    expect(problem.type).toMatch(/read-models-behind$/);
    // Every read model the list waits for that holds nothing (the desk's adopted support policy is
    // the cases projection's), not whichever timed out first: before, it named "(cases)" alone.
    expect(problem.detail).toMatch(
      /^The read models \(accounts, cases\) are behind: the projector has not run on them yet/,
    );
    expect(problem.detail).toContain('`casetrail project`');
    expect(problem.detail).not.toContain('rebuil');
  });
});

/**
 * The same desk shape with a history: a desk's events.sqlite copied into an empty DATA_DIR, served
 * with EMBEDDED_PROJECTOR=false and no `casetrail project` (finding integrator2 F6). The lists
 * answered 503, but the unfiltered SLA dashboard, escalations board and daily report answered 200
 * from the empty reporting read models: "0 overdue escalations", an all-clear a monitor polling
 * them believed. They must answer the lists' 503 until the projector has run, then their figures.
 */
describe('reports on a split desk whose projector never ran', () => {
  const source = tempDir('never-ran-source');
  const copy = tempDir('never-ran-copy');
  let api: TestApp;
  let elsewhere: Runtime | undefined;
  let projector: ProjectorRunner | undefined;
  let world: SeededWorld;
  const today = '2026-03-02';

  beforeAll(async () => {
    // A desk whose own projector applied everything: an escalated case in its events.
    const desk = await startTestApp({ dataDir: source.path });
    const send = injectRequester(() => desk.app);
    world = await seedWorld(send);
    const caseId = await openCase(send, world, 'Orders are lost');
    const escalated = await send('POST', `/v1/cases/${caseId}/escalations`, world.customerToken, {
      reason: 'production-impact',
      details: 'Orders lost',
    });
    expect(escalated.status).toBeLessThan(300);
    await desk.close();
    fs.copyFileSync(path.join(source.path, 'events.sqlite'), path.join(copy.path, 'events.sqlite'));
    // A week on: the acknowledgement is long overdue.
    const clock = new TestClock(new Date(`${today}T09:00:00.000Z`));
    clock.advance(7 * 24 * 3_600_000);
    api = await startTestApp({
      dataDir: copy.path,
      clock,
      env: { EMBEDDED_PROJECTOR: 'false' },
      readWaitTimeoutMs: 300,
    });
  });

  afterAll(async () => {
    await projector?.stop();
    await elsewhere?.storage.close();
    await api?.close();
    source.remove();
    copy.remove();
  });

  const get = (url: string) =>
    api.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${world.engineerToken}` } });
  const reports = [
    ['the SLA dashboard', '/v1/dashboards/sla'],
    ['the overdue escalations board', '/v1/escalations?state=overdue'],
    ['the daily SLA report', `/v1/reports/sla-daily?from=${today}&to=${today}`],
  ] as const;

  it.each(reports)('refuses %s unfiltered (503 read-models-behind), as the case list', async (_name, url) => {
    expect((await get('/v1/cases')).statusCode).toBe(503);
    const response = await get(url);
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    const problem = response.json<{ type: string; detail: string }>();
    expect(problem.type).toMatch(/read-models-behind$/);
    expect(problem.detail).toMatch(
      /^The read models \(reporting\b[^)]*\) are behind: the projector has not run/,
    );
    expect(problem.detail).toContain('`casetrail project`');
  });

  it('declares that 503 on the reports and on every list, queue and record read that can answer it', async () => {
    const docs = await OpenApiDocument.of(api.app);
    const reads = [
      '/v1/dashboards/sla',
      '/v1/reports/sla-daily',
      '/v1/escalations',
      '/v1/cases',
      '/v1/queues/{queue}',
      '/v1/accounts',
      '/v1/accounts/{accountId}',
      '/v1/licences',
      '/v1/licences/{licenceId}',
      '/v1/invitations/overdue',
    ];
    const undeclared = reads.filter((path) => {
      const refusal = docs.document.paths[path]?.get?.responses['503'] as
        { description?: string; headers?: Record<string, unknown> } | undefined;
      return !refusal?.description?.includes('`read-models-behind`') || !refusal.headers?.['Retry-After'];
    });
    expect(undeclared).toEqual([]);
  });

  it('answers them with their figures once the projector has run', async () => {
    elsewhere = await openRuntime(api.runtime.config);
    projector = await runProjector(elsewhere, { clock: api.clock, logger: false });
    await projector.catchUp();
    const dashboard = await get('/v1/dashboards/sla');
    expect(dashboard.statusCode).toBe(200);
    expect(dashboard.json()).toMatchObject({ overdueEscalations: 1 });
    const board = await get('/v1/escalations?state=overdue');
    expect(board.statusCode).toBe(200);
    expect(board.json().items).toHaveLength(1);
    const daily = await get(`/v1/reports/sla-daily?from=${today}&to=${today}`);
    expect(daily.statusCode).toBe(200);
  });
});
