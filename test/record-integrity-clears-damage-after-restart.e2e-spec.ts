import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { licenceStream } from '../apps/api/src/licences/licence-command';
import { garbleEventData, lastPositionOf, onEventsFile } from './support/fault/events-file';
import { injectRequester, seedWorld, type SeededWorld } from './support/fault/seed';
import { healthProbe } from './support/health-probe';
import { startTestApp, type TestApp } from './support/test-app';

interface StorageReport {
  storage: { status: string; streams?: { stream: string; problem: string }[] };
}

/**
 * A licence whose issue event could not be read when an admin's command met it: the API refused the
 * command (503), named the stream in /health and, since it keeps what it finds across restarts, names
 * it again after one. Once the row is restored, the licence must be taken again when its integrity
 * check finds it whole, as a case's is; before, nothing but a case's check forgot a stream, so the
 * restored licence refused every command, restarts included, for good.
 */
describe('a licence found damaged by the API, restored, after a restart', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-record-integrity-'));
  let api: TestApp | undefined;
  let world: SeededWorld;
  const send = injectRequester(() => api!.app);
  const assign = (email: string) =>
    send('POST', `/v1/licences/${world.licenceId}/users`, world.adminToken, {
      email,
      firstName: 'Joe',
      lastName: 'Doe',
      company: 'Acme',
      country: 'BG',
      permissions: { manageUsers: false, shareTickets: false, seeSharedTickets: false },
    });
  const probe = healthProbe<StorageReport>(() => api!);
  const storageStreams = async () => (await probe.health()).storage.streams ?? [];

  beforeAll(async () => {
    api = await startTestApp({ dataDir });
    world = await seedWorld(send);
  });

  afterAll(async () => {
    await api?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('takes the licence again once its integrity check finds it whole', async () => {
    const stream = licenceStream(world.licenceId);
    const issued = lastPositionOf(dataDir, stream, 'LicenceIssued');
    const original = onEventsFile(
      dataDir,
      (db) => (db.prepare('SELECT data FROM events WHERE position = ?').get(issued) as { data: string }).data,
    );
    garbleEventData(dataDir, issued);
    expect((await assign('joe@acme.example')).status).toBe(503);

    onEventsFile(dataDir, (db) =>
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(original, issued),
    );
    await api!.close();
    api = await startTestApp({ dataDir });
    expect(await storageStreams()).toContainEqual(expect.objectContaining({ stream }));

    const integrity = await send('GET', `/v1/licences/${world.licenceId}/integrity`, world.adminToken);
    expect(integrity.status).toBe(200);
    expect(integrity.body).toMatchObject({ valid: true });
    expect(await storageStreams()).not.toContainEqual(expect.objectContaining({ stream }));
    expect((await assign('joe@acme.example')).status).toBe(201);
  }, 60_000);
});
