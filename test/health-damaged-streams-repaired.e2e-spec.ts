import Database from 'better-sqlite3';
import * as path from 'node:path';
import { openRuntime } from '../apps/api/src/runtime/open-runtime';
import type { Runtime } from '../apps/api/src/runtime/runtime';
import { SlaTimerScheduler } from '../apps/api/src/sla-timers/sla-timer-scheduler';
import { DamagedStreams } from '../apps/api/src/storage/damaged-streams';
import { DamagedStreamsJournal } from '../apps/api/src/storage/damaged-streams-journal';
import { runProjector, type ProjectorRunner } from '../apps/projector/src/run-projector';
import { injectRequester, openCase, seedWorld, type Requester, type SeededWorld } from './support/fault/seed';
import { startTestApp, type TestApp } from './support/test-app';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The production shape (EMBEDDED_PROJECTOR=false): a case's event edited in place, found by the
 * projector's SLA timers, then repaired. The API kept refusing the case (503) and /health stayed
 * degraded "found damaged since start" after the repair, also after its own restart (it took the
 * projector's finding in again), until the projector and then the API were restarted. Now a stream
 * is taken again once a command's fresh check of its whole chain, or its integrity check, finds it
 * whole, and dropped from the projector's journal too; one still damaged stays refused.
 */
describe('a damaged stream the split projector found, once repaired', () => {
  let api: TestApp;
  let elsewhere: Runtime;
  let projector: ProjectorRunner | undefined;
  let world: SeededWorld;
  let send: Requester;
  let timed: string;
  let checked: string;

  const eventsFile = () => path.join(api.dataDir, 'events.sqlite');
  /** Rewrites the comment at revision 1 of `caseId`'s stream, in place (or back). */
  function rewrite(caseId: string, from: string, to: string): void {
    const db = new Database(eventsFile());
    try {
      const changed = db
        .prepare(`UPDATE events SET data = replace(data, ?, ?) WHERE stream = ? AND revision = 1`)
        .run(from, to, `case-${caseId}`);
      expect(changed.changes).toBe(1);
    } finally {
      db.close();
    }
  }

  const health = async () =>
    (
      await api.app.inject({
        method: 'GET',
        url: '/health',
        headers: { authorization: `Bearer ${world.adminToken}` },
      })
    ).json<{
      status: string;
      reasons?: string[];
      storage: { status: string; streams?: { stream: string; foundBy?: string }[] };
    }>();
  const comment = (caseId: string) =>
    send('POST', `/v1/cases/${caseId}/comments`, world.engineerToken, { body: 'Any news?' });

  beforeAll(async () => {
    api = await startTestApp({ env: { EMBEDDED_PROJECTOR: 'false' } });
    elsewhere = await openRuntime(api.runtime.config);
    projector = await runProjector(elsewhere, { clock: api.clock, logger: false });
    send = injectRequester(() => api.app);
    world = await seedWorld(send);
    timed = await openCase(send, world, 'Its comment is edited, a timer comes due');
    checked = await openCase(send, world, 'Its comment is edited, the API finds it');
    for (const caseId of [timed, checked]) expect((await comment(caseId)).status).toBe(201);
    await projector.catchUp();
    rewrite(timed, 'Any news?', 'Refund agreed');
    rewrite(checked, 'Any news?', 'Refund agreed');
  });

  afterAll(async () => {
    await projector?.stop();
    await elsewhere?.storage.close();
    await api?.close();
  });

  it("names the projector's finding as the projector's, not as found since the API started", async () => {
    api.clock.advance(30 * DAY_MS);
    await projector!.processManagers!.get(SlaTimerScheduler).runDueTimers({ caseId: timed });
    let report = await health();
    for (const deadline = Date.now() + 5_000; report.status !== 'degraded' && Date.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      report = await health();
    }
    expect(report.storage.streams).toEqual([
      expect.objectContaining({ stream: `case-${timed}`, foundBy: 'casetrail project' }),
    ]);
    expect(report.reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          new RegExp(`^storage: 1 stream\\(s\\) found damaged by \`casetrail project\` \\(case-${timed}\\)`),
        ),
      ]),
    );
  });

  it('keeps refusing it while it is still damaged', async () => {
    expect((await comment(timed)).status).toBe(503);
    expect((await comment(checked)).status).toBe(503);
    const integrity = await api.app.inject({
      method: 'GET',
      url: `/v1/cases/${checked}/integrity`,
      headers: { authorization: `Bearer ${world.engineerToken}` },
    });
    expect(integrity.json().valid).toBe(false);
    expect((await comment(checked)).status).toBe(503);
  });

  it('takes a command again once its chain checks whole, and drops the finding from the journal', async () => {
    rewrite(timed, 'Refund agreed', 'Any news?');
    expect((await comment(timed)).status).toBe(201);
    const report = await health();
    expect(report.storage.streams ?? []).not.toContainEqual(
      expect.objectContaining({ stream: `case-${timed}` }),
    );
    // An API started now takes in nothing of it (as a restarted one did, and refused the case again).
    const restarted = new DamagedStreams(api.clock);
    for (const deadline = Date.now() + 5_000; Date.now() < deadline;) {
      await new DamagedStreamsJournal(api.runtime.storage.readModels).adoptInto(restarted);
      if (!restarted.find(`case-${timed}`)) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(restarted.find(`case-${timed}`)).toBeUndefined();
  });

  it('takes it again once its integrity check finds it whole, and /health is up', async () => {
    rewrite(checked, 'Refund agreed', 'Any news?');
    const integrity = await api.app.inject({
      method: 'GET',
      url: `/v1/cases/${checked}/integrity`,
      headers: { authorization: `Bearer ${world.engineerToken}` },
    });
    expect(integrity.json().valid).toBe(true);
    expect((await health()).storage).toEqual({ status: 'up' });
    expect((await comment(checked)).status).toBe(201);
  });
});
