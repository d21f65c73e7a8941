import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expectApiStartFailure, startApiProcess } from './support/fault/api-process';
import { ApiClient } from './support/fault/http-client';
import { openCase, seedWorld } from './support/fault/seed';
import { dataFiles } from './support/fault/store-inspection';
import { tempDir } from './support/fault/temp-dir';

/**
 * An API whose projections run in another process (EMBEDDED_PROJECTOR=false) on a log that lost
 * events its read models applied (an older log restored beside newer read models): it refuses to
 * start as the embedded API and the projector do, instead of taking writes at positions the read
 * models count as applied.
 */
describe('an API without its projections, on a log older than its read models', () => {
  const dir = tempDir('split-api-log-behind');

  beforeAll(async () => {
    const api = await startApiProcess({ dataDir: dir.path });
    try {
      const client = new ApiClient(api.baseUrl);
      const world = await seedWorld(client.requester());
      for (let index = 0; index < 3; index++) await openCase(client.requester(), world, `Case ${index}`);
    } finally {
      await api.stop();
    }
    // The log loses its last events, as an older copy restored beside the read models would.
    const db = new Database(dataFiles(dir.path).events);
    try {
      const head = db.prepare('SELECT MAX(position) FROM events').pluck().get() as number;
      db.prepare('DELETE FROM events WHERE position > ?').run(head - 5);
    } finally {
      db.close();
    }
  }, 120_000);

  afterAll(() => dir.remove());

  it('refuses to start, naming the projection, both positions and the remedy, the stores closed cleanly', async () => {
    const refusal = await expectApiStartFailure({ dataDir: dir.path, env: { EMBEDDED_PROJECTOR: 'false' } });
    expect(refusal.log).toMatch(
      /Not starting\. Projection \S+ has applied the log up to position \d+, but the event store ends at \d+: the event store has lost events/,
    );
    expect(refusal.log).toContain('casetrail rebuild');
    expect(existsSync(join(dir.path, 'events.sqlite.clean-close'))).toBe(true);
  });
});
