import Database from 'better-sqlite3';
import * as path from 'node:path';
import { startApiProcess, type ApiProcess } from './support/fault/api-process';
import { ApiClient } from './support/fault/http-client';
import { injectRequester, openCase, seedWorld, type SeededWorld } from './support/fault/seed';
import { tempDir } from './support/fault/temp-dir';
import { startTestApp } from './support/test-app';

interface StorageHealth {
  status: string;
  streams?: { stream: string; problem: string }[];
}

/**
 * The default `casetrail serve` fires SLA timers on its projector thread. A timer of a case whose
 * stream lost an event is not fired, and the damaged stream was remembered by the thread alone:
 * /health, served by the HTTP thread, stayed `up` (only PROJECTOR_THREAD=false reported it). Now
 * the thread hands what it finds to the API's /health `storage`.
 */
describe('/health reports the streams the projector thread found damaged', () => {
  const dir = tempDir('damaged-on-thread');
  let api: ApiProcess | undefined;
  let world: SeededWorld;
  let caseId: string;

  beforeAll(async () => {
    // Seeded in this process at the test clock's date (March 2026): by the wall clock the thread
    // keeps, the case's SLA timers are long due.
    const seeding = await startTestApp({ dataDir: dir.path });
    try {
      const send = injectRequester(() => seeding.app);
      world = await seedWorld(send);
      caseId = await openCase(send, world, 'Loses an event, then a timer comes due');
      for (let n = 1; n <= 3; n++) {
        const posted = await send('POST', `/v1/cases/${caseId}/comments`, world.customerToken, {
          body: `Still slow (${n})`,
        });
        expect(posted.status).toBe(201);
      }
    } finally {
      await seeding.close();
    }
    // Revision 2 deleted from events.sqlite, as health-damaged-streams.e2e-spec does.
    const db = new Database(path.join(dir.path, 'events.sqlite'));
    try {
      db.prepare('DELETE FROM events WHERE stream = ? AND revision = 2').run(`case-${caseId}`);
    } finally {
      db.close();
    }
    api = await startApiProcess({ dataDir: dir.path });
  });
  afterAll(async () => {
    await api?.kill();
    dir.remove();
  });

  it("names the stream the thread's SLA timers ran into, and says so on /metrics", async () => {
    const client = new ApiClient(api!.baseUrl);
    expect(api!.output()).toMatch(/SLA timers running on a thread of this process/);
    let storage: StorageHealth | undefined;
    const deadline = Date.now() + 20_000;
    while (storage?.status !== 'degraded' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      storage = (
        (await client.get('/health', { token: world.adminToken })).body as { storage: StorageHealth }
      ).storage;
    }
    expect(storage).toMatchObject({
      status: 'degraded',
      streams: [{ stream: `case-${caseId}`, problem: expect.stringContaining('revision 2') }],
    });
    expect(api!.output()).toContain('not fired');
    expect((await client.get('/metrics')).body).toContain('casetrail_storage_damaged_streams 1');
  }, 30_000);
});
