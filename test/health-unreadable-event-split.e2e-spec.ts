import Database from 'better-sqlite3';
import * as path from 'node:path';
import { openRuntime } from '../apps/api/src/runtime/open-runtime';
import type { Runtime } from '../apps/api/src/runtime/runtime';
import { runProjector, type ProjectorRunner } from '../apps/projector/src/run-projector';
import { injectRequester, openCase, seedWorld, type SeededWorld } from './support/fault/seed';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * The production shape (EMBEDDED_PROJECTOR=false): a stored event the projector has not applied yet
 * is edited into something that cannot be read. /health used to read that event (to say how long
 * the projections had been behind) and answer 503 with a customer's "This case cannot be shown right
 * now", to a probe and an admin alike, and /metrics said `down` without the projection and storage
 * gauges. One bad row must leave /health 200 degraded, naming the row and where the projections stopped.
 */
describe('/health of the split API with an unreadable event the projections have not applied', () => {
  let api: TestApp;
  let elsewhere: Runtime;
  let projector: ProjectorRunner | undefined;
  let world: SeededWorld;
  let caseId: string;
  let garbled: number;

  beforeAll(async () => {
    api = await startTestApp({ env: { EMBEDDED_PROJECTOR: 'false' }, readWaitTimeoutMs: 200 });
    elsewhere = await openRuntime(api.runtime.config);
    projector = await runProjector(elsewhere, { clock: api.clock, logger: false });
    const send = injectRequester(() => api.app);
    world = await seedWorld(send);
    caseId = await openCase(send, world, 'One of its rows is garbled while the projector is away');
    await projector.catchUp();
    await projector.stop();
    projector = undefined;
    const posted = await send('POST', `/v1/cases/${caseId}/comments`, world.customerToken, { body: 'x' });
    expect(posted.status).toBe(201);
    const db = new Database(path.join(api.dataDir, 'events.sqlite'));
    try {
      garbled = (db.prepare('SELECT MAX(position) AS position FROM events').get() as { position: number })
        .position;
      db.prepare(`UPDATE events SET data = '{broken' WHERE position = ?`).run(garbled);
    } finally {
      db.close();
    }
  });

  afterAll(async () => {
    await projector?.stop();
    await elsewhere?.storage.close();
    await api?.close();
  });

  const health = (token?: string) =>
    api.app.inject({
      method: 'GET',
      url: '/health',
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  it('answers a probe 200 degraded, with each projection and storage degraded', async () => {
    const response = await health();
    expect(response.statusCode).toBe(200);
    const body = response.json<{ status: string; projections: { name: string; status: string }[] }>();
    expect(body.status).toBe('degraded');
    expect(body.projections.length).toBeGreaterThan(0);
    for (const projection of body.projections) expect(projection.status).toBe('degraded');
    expect(body).toMatchObject({ storage: { status: 'degraded' } });
    expect(response.body).not.toContain('cannot be shown');
  });

  it('names the row to an admin: the projections stopped at it, the stream in `storage`', async () => {
    const response = await health(world.adminToken);
    expect(response.statusCode).toBe(200);
    const body = response.json<{
      status: string;
      reasons: string[];
      projections: { name: string; problem?: string }[];
      storage: { streams: { stream: string; problem: string }[] };
    }>();
    expect(body.status).toBe('degraded');
    const row = `case-${caseId}@1 (position ${garbled}) cannot be read`;
    for (const projection of body.projections)
      expect(projection.problem).toMatch(
        new RegExp(`^stopped at an event it cannot apply: .*${escape(row)}`),
      );
    expect(body.reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^projection cases: stopped at an event it cannot apply/),
        expect.stringMatching(new RegExp(`^storage: 1 stream\\(s\\) found damaged .*case-${caseId}`)),
      ]),
    );
    expect(body.storage.streams).toEqual([
      { stream: `case-${caseId}`, problem: expect.stringContaining(row), seenAt: expect.any(String) },
    ]);
  });

  it('keeps every gauge on /metrics, degraded', async () => {
    const text = (await api.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(text).toContain('casetrail_health_status{status="degraded"} 1');
    expect(text).toContain('casetrail_projection_runner_active{projection="cases"} 0');
    expect(text).toMatch(/^casetrail_projection_behind_seconds\{projection="cases"\} /m);
    expect(text).toContain('casetrail_storage_damaged_streams 1');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
