import { Logger } from '@nestjs/common';
import { caseStream } from '../apps/api/src/cases/commands/case-command';
import { SlaTimerScheduler } from '../apps/api/src/sla-timers/sla-timer-scheduler';
import { garbleEventData, lastPositionOf } from './support/fault/events-file';
import { injectRequester, openCase, seedWorld, type SeededWorld } from './support/fault/seed';
import { healthProbe } from './support/health-probe';
import { startTestApp, type TestApp } from './support/test-app';

const DAY_MS = 24 * 60 * 60 * 1000;

interface StorageReport {
  storage: { status: string; streams?: { stream: string; problem: string }[] };
}

/**
 * A case whose opening event can no longer be read (its data edited into something that is not
 * JSON after the read models applied it), when its SLA timers come due. A user's command on it is
 * refused with 503 `stored-event-unreadable` and /health names the stream; the timers' command
 * failed on the same read, was logged as "retrying next round" every second, and /health stayed
 * up. It must be remembered the same way: /health names the stream, and the timer is not retried
 * each round.
 */
describe('SLA timers of a case holding an event that cannot be read', () => {
  let api: TestApp;
  let world: SeededWorld;
  let caseId: string;

  beforeAll(async () => {
    api = await startTestApp();
    const send = injectRequester(() => api.app);
    world = await seedWorld(send);
    caseId = await openCase(send, world, 'Its opening becomes unreadable');
    const posted = await send('POST', `/v1/cases/${caseId}/comments`, world.customerToken, {
      body: 'Any news?',
    });
    expect(posted.status).toBe(201);
    await send('GET', `/v1/cases/${caseId}`, world.engineerToken);
    // Not its last event: the timers' check of the stream's end reads that one alone.
    garbleEventData(api.dataDir, lastPositionOf(api.dataDir, caseStream(caseId), 'CaseOpened'));
  });

  afterAll(async () => {
    await api?.close();
  });

  const probe = healthProbe<StorageReport>(() => api);
  const storage = async () => (await probe.health()).storage;

  it('names the stream in /health and settles the timers instead of retrying them every round', async () => {
    expect(await storage()).toEqual({ status: 'up' });
    const scheduler = api.app.get(SlaTimerScheduler, { strict: false });
    const warnings = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      api.clock.advance(30 * DAY_MS);
      // Twice: a timer that failed is tried again by the next round (the tick's may come between).
      await scheduler.runDueTimers({ caseId });
      await scheduler.runDueTimers({ caseId });
      expect(warnings.mock.calls.map(([message]) => String(message))).not.toContainEqual(
        expect.stringContaining('retrying next round'),
      );
    } finally {
      warnings.mockRestore();
      errors.mockRestore();
    }

    expect(await storage()).toMatchObject({
      status: 'degraded',
      streams: [{ stream: caseStream(caseId), problem: expect.stringContaining('cannot be read') }],
    });
  });
});
