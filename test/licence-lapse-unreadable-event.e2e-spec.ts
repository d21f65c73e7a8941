import { Logger } from '@nestjs/common';
import { licenceStream } from '../apps/api/src/licences/licence-command';
import { SlaTimerScheduler } from '../apps/api/src/sla-timers/sla-timer-scheduler';
import { garbleEventData, lastPositionOf, onEventsFile } from './support/fault/events-file';
import { injectRequester, seedWorld, type SeededWorld } from './support/fault/seed';
import { healthProbe } from './support/health-probe';
import { startTestApp, type TestApp } from './support/test-app';

const DAY_MS = 24 * 60 * 60 * 1000;

interface StorageReport {
  storage: { status: string; streams?: { stream: string; problem: string }[] };
}

/**
 * A licence whose end has passed and whose issue event can no longer be read (its data edited into
 * something that is not JSON after the read models applied it). The SLA timers' round that records
 * licence ends failed on it, logged "the next round will try again", and /health stayed up: nothing
 * told the operator that the licence's stream needs restoring. Its stream must be named in /health,
 * as a user's command refused on it is.
 */
describe('the licence-lapse round on a licence stream holding an event that cannot be read', () => {
  let api: TestApp;
  let world: SeededWorld;
  let licenceId: string;
  let issuedAt: number;
  let original: string;

  beforeAll(async () => {
    api = await startTestApp();
    const send = injectRequester(() => api.app);
    world = await seedWorld(send);
    const issued = await send('POST', `/v1/accounts/${world.accountId}/licences`, world.adminToken, {
      product: 'Sitefinity',
      edition: 'Online Marketing License',
      plan: 'standard',
      activeUntil: '2026-03-10',
      holderEmail: 'old.boss@acme.example',
    });
    expect(issued.status).toBe(201);
    licenceId = (issued.body as { id: string }).id;
    const assigned = await send('POST', `/v1/licences/${licenceId}/users`, world.adminToken, {
      email: 'joe@acme.example',
      firstName: 'Joe',
      lastName: 'Doe',
      company: 'Acme',
      country: 'BG',
      permissions: { manageUsers: false, shareTickets: false, seeSharedTickets: false },
    });
    expect(assigned.status).toBe(201);
    await send('GET', `/v1/licences/${licenceId}`, world.adminToken);
    // Not its last event: nothing reads the stream until its end is recorded.
    issuedAt = lastPositionOf(api.dataDir, licenceStream(licenceId), 'LicenceIssued');
    original = onEventsFile(
      api.dataDir,
      (db) =>
        (db.prepare('SELECT data FROM events WHERE position = ?').get(issuedAt) as { data: string }).data,
    );
    garbleEventData(api.dataDir, issuedAt);
  });

  afterAll(async () => {
    await api?.close();
  });

  const probe = healthProbe<StorageReport>(() => api);
  const health = async () => (await probe.health()).storage;

  it('names the licence stream in /health', async () => {
    expect(await health()).toEqual({ status: 'up' });

    const warnings = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      api.clock.advance(30 * DAY_MS);
      await api.app.get(SlaTimerScheduler, { strict: false }).runDueTimers();
    } finally {
      warnings.mockRestore();
    }

    expect(await health()).toMatchObject({
      status: 'degraded',
      streams: [{ stream: licenceStream(licenceId), problem: expect.stringContaining('cannot be read') }],
    });
  });

  it('records the end once the row is restored, at the next round, and /health no longer names it', async () => {
    onEventsFile(api.dataDir, (db) =>
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(original, issuedAt),
    );
    await api.app.get(SlaTimerScheduler, { strict: false }).runDueTimers();

    const stored = await api.runtime.storage.eventStore.readStream(licenceStream(licenceId));
    expect(stored.map(({ type }) => type)).toContain('LicenceExpired');
    expect((await health()).streams ?? []).not.toContainEqual(
      expect.objectContaining({ stream: licenceStream(licenceId) }),
    );
  });
});
