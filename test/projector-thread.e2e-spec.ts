import Database from 'better-sqlite3';
import { join } from 'node:path';
import { ApiProcess, startApiProcess } from './support/fault/api-process';
import { ApiClient } from './support/fault/http-client';
import { openCase, seedWorld, SeededWorld } from './support/fault/seed';
import { tempDir } from './support/fault/temp-dir';

interface HealthBody {
  status: string;
  projections: { name: string; state: string; lag: number }[];
}

/**
 * The default `casetrail serve`: projections and SLA timers on a worker thread of the API
 * process. Reads still include every write before them, /health reports the states the thread's
 * runner sees, and SIGTERM stops the thread before the process ends.
 */
describe('the embedded projector on a thread of the API process (the default)', () => {
  const dir = tempDir('projector-thread');
  let api: ApiProcess | undefined;
  let client: ApiClient;
  let world: SeededWorld;

  beforeAll(async () => {
    api = await startApiProcess({ dataDir: dir.path });
    client = new ApiClient(api.baseUrl);
    world = await seedWorld(client.requester());
  });

  afterAll(async () => {
    await api?.kill();
    dir.remove();
  });

  it('says where the projections run', () => {
    expect(api!.output()).toMatch(/Projections and SLA timers running on a thread of this process/);
  });

  it('answers reads right after writes with what was written', async () => {
    for (let index = 0; index < 20; index += 1) {
      const caseId = await openCase(client.requester(), world, `Thread read ${index}`);
      const comment = await client.post(`/v1/cases/${caseId}/comments`, {
        token: world.engineerToken,
        body: { body: `Looking into it (${index})` },
      });
      expect(comment.status).toBe(201);
      const detail = await client.get(`/v1/cases/${caseId}`, { token: world.engineerToken });
      expect(detail.status).toBe(200);
      // The engineer's first public comment is the first response: the case moved on.
      expect(detail.body).toMatchObject({ id: caseId, status: 'in-progress' });
      const queue = await client.get('/v1/queues/open?limit=100', { token: world.engineerToken });
      expect((queue.body as { items: { id: string }[] }).items.map((item) => item.id)).toContain(caseId);
    }
  });

  it('reports on /health the states of the projections on the thread', async () => {
    await client.waitUntilCaughtUp();
    const health = await client.get('/health');
    const report = health.body as HealthBody;
    expect(report.status).toBe('up');
    expect(report.projections.map((projection) => projection.name)).toEqual([
      'accounts',
      'licences',
      'cases',
      'sla-timers',
      'reporting',
    ]);
    // This process's own runner never started them: 'active' can only come from the thread.
    expect(report.projections.every((projection) => projection.state === 'active')).toBe(true);
  });

  it('stops the thread on SIGTERM, releasing every lease it held, and resumes on restart', async () => {
    const exit = await api!.stop();
    expect(exit).toEqual({ code: 0, signal: null });
    expect(api!.output()).not.toMatch(/Projector thread did not stop|Projector thread failed/);
    api = undefined;
    // Projections, SLA timers and the notification pipeline all let go of their leases.
    const db = new Database(join(dir.path, 'readmodels.sqlite'), { readonly: true });
    try {
      expect(db.prepare('SELECT name, owner FROM readmodel_leases').all()).toEqual([]);
    } finally {
      db.close();
    }

    api = await startApiProcess({ dataDir: dir.path });
    client = new ApiClient(api.baseUrl);
    const caseId = await openCase(client.requester(), world, 'After the restart');
    const detail = await client.get(`/v1/cases/${caseId}`, { token: world.engineerToken });
    expect(detail.status).toBe(200);
  });
});
