import Database from 'better-sqlite3';
import * as path from 'node:path';
import { openRuntime } from '../apps/api/src/runtime/open-runtime';
import type { Runtime } from '../apps/api/src/runtime/runtime';
import { SlaTimerScheduler } from '../apps/api/src/sla-timers/sla-timer-scheduler';
import { DAMAGED_STREAMS_COLLECTION } from '../apps/api/src/storage/damaged-streams-journal';
import { runProjector, type ProjectorRunner } from '../apps/projector/src/run-projector';
import { injectRequester, openCase, seedWorld, type SeededWorld } from './support/fault/seed';
import { startTestApp, type TestApp } from './support/test-app';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The production shape: the API with EMBEDDED_PROJECTOR=false and the SLA timers in `casetrail
 * project`. A timer of a case whose stream lost an event is not fired there, and the damaged stream
 * was remembered by the projector process alone: the API's /health showed only an SLA timer overdue,
 * where the embedded desk names the stream in `storage` (health-damaged-streams-thread.e2e-spec).
 * Here both "processes" run in this one, on stores of their own opened on the same DATA_DIR.
 */
describe("/health reports the streams a separate projector's SLA timers found damaged", () => {
  let api: TestApp;
  let elsewhere: Runtime;
  let projector: ProjectorRunner | undefined;
  let world: SeededWorld;
  let caseId: string;

  beforeAll(async () => {
    api = await startTestApp({ env: { EMBEDDED_PROJECTOR: 'false' } });
    elsewhere = await openRuntime(api.runtime.config);
    projector = await runProjector(elsewhere, { clock: api.clock, logger: false });
    const send = injectRequester(() => api.app);
    world = await seedWorld(send);
    caseId = await openCase(send, world, 'Loses an event, then a timer comes due');
    for (let n = 1; n <= 3; n++) {
      const posted = await send('POST', `/v1/cases/${caseId}/comments`, world.customerToken, {
        body: `Still slow (${n})`,
      });
      expect(posted.status).toBe(201);
    }
    await projector.catchUp();
    // Revision 2 deleted from events.sqlite, as health-damaged-streams.e2e-spec does.
    const db = new Database(path.join(api.dataDir, 'events.sqlite'));
    try {
      db.prepare('DELETE FROM events WHERE stream = ? AND revision = 2').run(`case-${caseId}`);
    } finally {
      db.close();
    }
  });

  afterAll(async () => {
    await projector?.stop();
    await elsewhere?.storage.close();
    await api?.close();
  });

  const health = async () =>
    (
      await api.app.inject({
        method: 'GET',
        url: '/health',
        headers: { authorization: `Bearer ${world.adminToken}` },
      })
    ).json<{ status: string; reasons?: string[]; storage: Record<string, unknown> }>();

  it('names the stream in `storage`, as the embedded desk does, and says so on /metrics', async () => {
    expect((await health()).storage).toEqual({ status: 'up' });

    api.clock.advance(30 * DAY_MS);
    await projector!.processManagers!.get(SlaTimerScheduler).runDueTimers({ caseId });

    // The projector stores what it found as it finds it, not within the round: look until it shows.
    let report = await health();
    for (const deadline = Date.now() + 5_000; report.status !== 'degraded' && Date.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      report = await health();
    }
    expect(report.status).toBe('degraded');
    expect(report.storage).toMatchObject({
      status: 'degraded',
      count: 1,
      streams: [{ stream: `case-${caseId}`, problem: expect.stringContaining('revision 2') }],
    });
    expect(report.reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          new RegExp(`^storage: 1 stream\\(s\\) found damaged by \`casetrail project\` \\(case-${caseId}\\)`),
        ),
      ]),
    );
    const metrics = await api.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain('casetrail_storage_damaged_streams 1');
  });

  it('keeps what the projector at work found when a standby starts beside it', async () => {
    const standbyRuntime = await openRuntime(api.runtime.config);
    try {
      const standby = await runProjector(standbyRuntime, { clock: api.clock, logger: false });
      await standby.stop();
    } finally {
      await standbyRuntime.storage.close();
    }
    const stored = await api.runtime.storage.readModels.find<{ stream: string }>(
      DAMAGED_STREAMS_COLLECTION.name,
    );
    expect(stored.items.map(({ stream }) => stream)).toEqual([`case-${caseId}`]);
  });
});
