import Database from 'better-sqlite3';
import { join } from 'node:path';
import { openCase } from './support/fault/seed';
import { useSeededApi } from './support/fault/seeded-api';

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
  const seeded = useSeededApi('projector-thread');

  it('says where the projections run', () => {
    expect(seeded.api.output()).toMatch(/Projections and SLA timers running on a thread of this process/);
  });

  it('answers reads right after writes with what was written', async () => {
    for (let index = 0; index < 20; index += 1) {
      const caseId = await openCase(seeded.client.requester(), seeded.world, `Thread read ${index}`);
      const comment = await seeded.client.post(`/v1/cases/${caseId}/comments`, {
        token: seeded.world.engineerToken,
        body: { body: `Looking into it (${index})` },
      });
      expect(comment.status).toBe(201);
      const detail = await seeded.client.get(`/v1/cases/${caseId}`, { token: seeded.world.engineerToken });
      expect(detail.status).toBe(200);
      // The engineer's first public comment is the first response: the case moved on.
      expect(detail.body).toMatchObject({ id: caseId, status: 'in-progress' });
      const queue = await seeded.client.get('/v1/queues/open?limit=100', {
        token: seeded.world.engineerToken,
      });
      expect((queue.body as { items: { id: string }[] }).items.map((item) => item.id)).toContain(caseId);
    }
  });

  it('reports on /health the states of the projections on the thread', async () => {
    await seeded.client.waitUntilCaughtUp();
    const health = await seeded.client.get('/health');
    const report = health.body as HealthBody;
    expect(report.status).toBe('up');
    expect(report.projections.map((projection) => projection.name)).toEqual([
      'accounts',
      'licences',
      'cases',
      'reporting',
    ]);
    // This process's own runner never started them: 'active' can only come from the thread.
    expect(report.projections.every((projection) => projection.state === 'active')).toBe(true);
  });

  it("gives on /metrics the heap of the projector thread beside the HTTP thread's", async () => {
    const metrics = await fetch(`${seeded.api.baseUrl}/metrics`);
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    // The process defaults (casetrail_nodejs_heap_size_*) count the HTTP thread's heap only.
    for (const figure of ['used', 'total'])
      for (const thread of ['http', 'projector'])
        expect(text).toMatch(
          new RegExp(
            `^casetrail_nodejs_thread_heap_size_${figure}_bytes\\{thread="${thread}"\\} [1-9]\\d*$`,
            'm',
          ),
        );
  });

  it('stops the thread on SIGTERM, releasing every lease it held, and resumes on restart', async () => {
    const exit = await seeded.api.stop();
    expect(exit).toEqual({ code: 0, signal: null });
    expect(seeded.api.output()).not.toMatch(/Projector thread did not stop|Projector thread failed/);
    // Projections, SLA timers and the notification pipeline all let go of their leases.
    const db = new Database(join(seeded.dataDir, 'readmodels.sqlite'), { readonly: true });
    try {
      expect(db.prepare('SELECT name, owner FROM readmodel_leases').all()).toEqual([]);
    } finally {
      db.close();
    }

    await seeded.restart();
    const caseId = await openCase(seeded.client.requester(), seeded.world, 'After the restart');
    const detail = await seeded.client.get(`/v1/cases/${caseId}`, { token: seeded.world.engineerToken });
    expect(detail.status).toBe(200);
  });
});
