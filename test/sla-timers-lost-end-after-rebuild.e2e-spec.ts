import Database from 'better-sqlite3';
import * as path from 'node:path';
import { caseStream } from '../apps/api/src/cases/commands/case-command';
import { openRuntime } from '../apps/api/src/runtime/open-runtime';
import type { Runtime } from '../apps/api/src/runtime/runtime';
import { SlaTimerScheduler } from '../apps/api/src/sla-timers/sla-timer-scheduler';
import { DAMAGED_STREAMS_COLLECTION } from '../apps/api/src/storage/damaged-streams-journal';
import { runProjector, type ProjectorRunner } from '../apps/projector/src/run-projector';
import { injectRequester, openCase, seedWorld, type SeededWorld } from './support/fault/seed';
import { cli } from './support/run-cli';
import { startTestApp, type TestApp } from './support/test-app';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The production shape (EMBEDDED_PROJECTOR=false, SLA timers in `casetrail project`). A case's stream
 * loses its last events; its SLA timers find the loss and /health names it with `lostFromRevision`.
 * The operator stops the projector, runs `casetrail rebuild` and starts the projector again: the
 * rebuilt row is derived from what is left, so it no longer shows the loss, and the restarted
 * projector remembered nothing. Its timers then appended their breaches onto the shortened stream,
 * at the lost revisions, while the API still refused users' commands on it. They must be refused
 * the same way, and the stream stay named in /health, until the event store is restored.
 */
describe('SLA timers on a stream that lost its end, after a rebuild and a projector restart', () => {
  let api: TestApp;
  let world: SeededWorld;
  let caseId: string;
  let lostFromRevision: number;
  const runtimes: Runtime[] = [];
  let projector: ProjectorRunner | undefined;

  const startProjector = async () => {
    const runtime = await openRuntime(api.runtime.config);
    runtimes.push(runtime);
    projector = await runProjector(runtime, { clock: api.clock, logger: false });
    return projector;
  };
  const stored = () => api.runtime.storage.eventStore.readStream(caseStream(caseId));
  const storage = async () =>
    (
      await api.app.inject({
        method: 'GET',
        url: '/health',
        headers: { authorization: `Bearer ${world.adminToken}` },
      })
    ).json<{ storage: { status: string; streams?: { stream: string; lostFromRevision?: number }[] } }>()
      .storage;

  beforeAll(async () => {
    api = await startTestApp({ env: { EMBEDDED_PROJECTOR: 'false' } });
    await startProjector();
    const send = injectRequester(() => api.app);
    world = await seedWorld(send);
    caseId = await openCase(send, world, 'Loses its last events');
    for (let n = 1; n <= 2; n++) {
      const posted = await send('POST', `/v1/cases/${caseId}/comments`, world.engineerToken, {
        body: `Looking (${n})`,
      });
      expect(posted.status).toBe(201);
    }
    // Opened after: the damaged case's last events are not the log's last ones.
    await openCase(send, world, 'Keeps every event');
    await projector!.catchUp();
    lostFromRevision = (await stored()).length - 1;
    const db = new Database(path.join(api.dataDir, 'events.sqlite'));
    try {
      db.prepare('DELETE FROM events WHERE stream = ? AND revision >= ?').run(
        caseStream(caseId),
        lostFromRevision - 1,
      );
    } finally {
      db.close();
    }
  });

  afterAll(async () => {
    await projector?.stop();
    for (const runtime of runtimes) await runtime.storage.close();
    await api?.close();
  });

  it('finds the lost end when a timer comes due, and /health names it', async () => {
    api.clock.advance(30 * DAY_MS);
    await projector!.processManagers!.get(SlaTimerScheduler).runDueTimers({ caseId });

    let found = await storage();
    for (const deadline = Date.now() + 5_000; found.status !== 'degraded' && Date.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      found = await storage();
    }
    expect(found.streams).toEqual([
      expect.objectContaining({ stream: caseStream(caseId), lostFromRevision }),
    ]);
    expect(await stored()).toHaveLength(lostFromRevision - 1);
  });

  it('appends nothing onto the shortened stream once a rebuild re-derived the case and the projector restarted', async () => {
    await projector!.stop();
    projector = undefined;
    const rebuilt = await cli(api.dataDir, 'rebuild');
    expect(rebuilt.code).toBe(0);

    const restarted = await startProjector();
    await restarted.catchUp();
    const round = await restarted.processManagers!.get(SlaTimerScheduler).runDueTimers({ caseId });

    expect(round.recorded).toBe(0);
    expect(await stored()).toHaveLength(lostFromRevision - 1);
    expect((await storage()).streams).toEqual([
      expect.objectContaining({ stream: caseStream(caseId), lostFromRevision }),
    ]);
  });

  it('keeps it in the journal an API started later reads, shared again by the restarted projector', async () => {
    const journalRows = async () =>
      (
        await api.runtime.storage.readModels.find<{ stream: string; lostFromRevision?: number }>(
          DAMAGED_STREAMS_COLLECTION.name,
        )
      ).items;
    let rows = await journalRows();
    for (const deadline = Date.now() + 5_000; rows.length === 0 && Date.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      rows = await journalRows();
    }
    expect(rows).toEqual([expect.objectContaining({ stream: caseStream(caseId), lostFromRevision })]);
  });
});
