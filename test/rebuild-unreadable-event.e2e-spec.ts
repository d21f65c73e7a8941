import type { ReadModelStore } from '@casetrail/readmodels';
import { DAMAGED_STREAMS_COLLECTION, REBUILD_FINDER } from '../apps/api/src/storage/damaged-streams-journal';
import { runProjector } from '../apps/projector/src/run-projector';
import { garbleEventData, lastPositionOf, onEventsFile } from './support/fault/events-file';
import { injectRequester, openCase, seedWorld, type Requester, type SeededWorld } from './support/fault/seed';
import { cli } from './support/run-cli';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * `casetrail rebuild` on a log with one unreadable event used to empty the read models and then
 * fail on it ("Rebuild of ... failed", exit 1): the desk showed no cases at all, and the projector
 * stopped at the same row again. On a log that lost events it said nothing, and the rebuilt read
 * models no longer showed the loss. It must go past the row, say what it set aside and what the log
 * lost, and record the damaged stream where /health finds it; and rebuild an intact log as before.
 */
describe('`casetrail rebuild` of a damaged log', () => {
  let api: TestApp;
  let send: Requester;
  let world: SeededWorld;
  let damaged: string;
  let healthy: string;
  let garbled: number;
  let deleted: number;

  beforeAll(async () => {
    api = await startTestApp({ env: { EMBEDDED_PROJECTOR: 'false' }, readWaitTimeoutMs: 200 });
    const projector = await runProjector(api.runtime, { clock: api.clock, logger: false });
    try {
      send = injectRequester(() => api.app);
      world = await seedWorld(send);
      damaged = await openCase(send, world, 'One of its rows is garbled');
      healthy = await openCase(send, world, 'A case nobody damaged');
      garbled = await comment(damaged, 'to be garbled');
      deleted = await comment(healthy, 'to be deleted');
      await comment(healthy, 'kept');
      expect(await projector.catchUp()).toBe(true);
    } finally {
      await projector.stop();
    }
    garbleEventData(api.dataDir, garbled);
    onEventsFile(api.dataDir, (db) => db.prepare('DELETE FROM events WHERE position = ?').run(deleted));
  }, 30_000);

  afterAll(() => api?.close());

  async function comment(caseId: string, body: string): Promise<number> {
    const posted = await send('POST', `/v1/cases/${caseId}/comments`, world.engineerToken, { body });
    expect(posted.status).toBe(201);
    return lastPositionOf(api.dataDir, `case-${caseId}`, 'CommentAdded');
  }

  it('goes past the unreadable row, keeps the other cases, and warns of the row and the gap', async () => {
    const run = await cli(api.dataDir, 'rebuild');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Rebuilt 4 projection\(s\)/);
    expect(run.stderr).toContain(
      'Warning: the event log is damaged; the rebuilt read models do not show it.',
    );
    expect(run.stderr).toMatch(
      new RegExp(
        `case-${damaged}@\\d+ \\(position ${garbled}, CommentAdded, in cases\\): its data is not valid JSON`,
      ),
    );
    expect(run.stderr).toContain(`The log skips 1 position(s) (${deleted})`);
    expect(run.stderr).toContain('casetrail verify');
    const read = await api.app.inject({
      method: 'GET',
      url: `/v1/cases/${healthy}`,
      headers: { authorization: `Bearer ${world.engineerToken}` },
    });
    expect(read.statusCode).toBe(200);
    // The same on two threads, the lane's projections replayed on the second.
    const onTwo = await cli(api.dataDir, 'rebuild', '--threads', '2');
    expect(onTwo.code).toBe(0);
    expect(onTwo.stderr).toBe(run.stderr);
  }, 60_000);

  it("records the stream set aside where the API's /health finds it, even after the projector starts", async () => {
    // A projector starting forgets what other processes found: not what the rebuild set aside.
    const projector = await runProjector(api.runtime, { clock: api.clock, logger: false });
    await projector.stop();
    expect(await rebuildFindings(api.runtime.storage.readModels)).toEqual([`case-${damaged}`]);
    const health = await api.app.inject({
      method: 'GET',
      url: '/health',
      headers: { authorization: `Bearer ${world.adminToken}` },
    });
    expect(health.json()).toMatchObject({
      storage: {
        streams: [
          {
            stream: `case-${damaged}`,
            foundBy: 'casetrail rebuild',
            problem: expect.stringMatching(/^the stored event at revision \d+ cannot be read/),
          },
        ],
      },
    });
  });
});

describe('`casetrail rebuild` of an intact log', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp({ env: { EMBEDDED_PROJECTOR: 'false' } });
    const projector = await runProjector(api.runtime, { clock: api.clock, logger: false });
    try {
      const send = injectRequester(() => api.app);
      await openCase(send, await seedWorld(send));
    } finally {
      await projector.stop();
    }
  });

  afterAll(() => api?.close());

  it('says nothing of damage and records no stream', async () => {
    const run = await cli(api.dataDir, 'rebuild');
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain('Warning');
    expect(await rebuildFindings(api.runtime.storage.readModels)).toEqual([]);
  }, 60_000);
});

async function rebuildFindings(readModels: ReadModelStore): Promise<string[]> {
  await readModels.ensureCollections([DAMAGED_STREAMS_COLLECTION]);
  const { items } = await readModels.find<{ stream: string; finder: string }>(
    DAMAGED_STREAMS_COLLECTION.name,
    {
      limit: 100,
    },
  );
  return items.filter((row) => row.finder === REBUILD_FINDER).map((row) => row.stream);
}
