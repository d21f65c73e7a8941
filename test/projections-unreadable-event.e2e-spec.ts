import { NotificationPipeline } from '../apps/api/src/notifications/notification-pipeline';
import { loadNotificationSettings } from '../apps/api/src/notifications/notification-settings';
import { RecordingTransport } from '../apps/api/src/notifications/testing/outbox-fixture';
import { CASE_EVENT_RELAY_CHECKPOINT } from '../apps/api/src/sla-timers/case-event-relay';
import { openRuntime } from '../apps/api/src/runtime/open-runtime';
import type { Runtime } from '../apps/api/src/runtime/runtime';
import { runProjector, type ProjectorRunner } from '../apps/projector/src/run-projector';
import { garbleEventData, lastPositionOf } from './support/fault/events-file';
import { injectRequester, openCase, seedWorld, type Requester, type SeededWorld } from './support/fault/seed';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * The split shape (EMBEDDED_PROJECTOR=false: a projector process, a notifier) after one stored event
 * of one case is edited into something that cannot be read, before the projections applied it.
 * Every projection (accounts and licences too, which never handle case events) and the outbox writer
 * used to stop at it and retry forever: reads waited and answered stale, cases opened afterwards were
 * never readable, no mail of the desk went out. One damaged stream must be set aside, never the desk.
 */
describe('an unreadable stored event in one case, for the projector and the outbox writer', () => {
  let api: TestApp;
  let elsewhere: Runtime;
  let projector: ProjectorRunner | undefined;
  let pipeline: NotificationPipeline | undefined;
  let send: Requester;
  let world: SeededWorld;
  let damaged: string;
  let healthy: string;
  let garbled: number;

  beforeAll(async () => {
    api = await startTestApp({ env: { EMBEDDED_PROJECTOR: 'false' }, readWaitTimeoutMs: 200 });
    elsewhere = await openRuntime(api.runtime.config);
    projector = await runProjector(elsewhere, { clock: api.clock, logger: false });
    send = injectRequester(() => api.app);
    world = await seedWorld(send);
    damaged = await openCase(send, world, 'One of its rows is garbled while the projector is away');
    healthy = await openCase(send, world, 'A case nobody damaged');
    expect(await projector.catchUp()).toBe(true);
    await projector.stop();
    projector = undefined;
    garbled = await comment(damaged, 'NOTIFYTEST-A to be garbled');
    await comment(healthy, 'NOTIFYTEST-B healthy');
    garbleEventData(api.dataDir, garbled);
  }, 30_000);

  afterAll(async () => {
    await pipeline?.stop();
    await projector?.stop();
    await elsewhere?.storage.close();
    await api?.close();
  });

  /** The engineer's comment on `caseId`; its position in the log. */
  async function comment(caseId: string, body: string): Promise<number> {
    const posted = await send('POST', `/v1/cases/${caseId}/comments`, world.engineerToken, { body });
    expect(posted.status).toBe(201);
    return lastPositionOf(api.dataDir, `case-${caseId}`, 'CommentAdded');
  }

  const get = (url: string, token = world.engineerToken) =>
    api.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

  it('lets the projector go on past it: accounts, licences, other cases and new cases', async () => {
    projector = await runProjector(elsewhere, { clock: api.clock, logger: false });
    const opened = await openCase(send, world, 'Opened after the damage');
    const account = await send('POST', '/v1/accounts', world.adminToken, { name: 'Later Ltd' });
    expect(account.status).toBe(201);
    expect(await projector.catchUp(10_000)).toBe(true);
    for (const status of await projector.status()) expect(status).toMatchObject({ state: 'active' });
    expect((await get(`/v1/cases/${opened}`)).statusCode).toBe(200);
    expect((await get(`/v1/cases/${healthy}`)).json()).toMatchObject({ id: healthy });
    const accountId = (account.body as { id: string }).id;
    expect((await get(`/v1/accounts/${accountId}`, world.adminToken)).statusCode).toBe(200);
  });

  it("keeps the SLA timers' relay going past it, for every other case", async () => {
    const head = await elsewhere.storage.eventStore.headPosition();
    const relayed = () => elsewhere.storage.readModels.getCheckpoint(CASE_EVENT_RELAY_CHECKPOINT);
    const deadline = Date.now() + 10_000;
    while ((await relayed()) < head && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(await relayed()).toBeGreaterThanOrEqual(head);
  });

  it("names the damaged stream in the API's /health storage", async () => {
    const body = (await get('/health', world.adminToken)).json<{
      storage?: { streams: { stream: string; problem: string }[] };
    }>();
    expect(body.storage?.streams).toEqual([
      expect.objectContaining({
        stream: `case-${damaged}`,
        problem: expect.stringMatching(
          /^the stored event at revision \d+ cannot be read: its data is not valid JSON/,
        ),
      }),
    ]);
  });

  it("lets the outbox writer go on mailing everyone else's changes", async () => {
    const transport = new RecordingTransport();
    const mailed = (marker: string) => transport.sent.some((mail) => mail.text.includes(marker));
    const savedPoll = process.env.NOTIFY_POLL_MS;
    process.env.NOTIFY_POLL_MS = '20';
    try {
      pipeline = new NotificationPipeline({
        eventStore: elsewhere.storage.eventStore,
        readModels: elsewhere.storage.readModels,
        settings: loadNotificationSettings(elsewhere.config),
        clock: api.clock,
        transport,
      });
    } finally {
      process.env.NOTIFY_POLL_MS = savedPoll;
    }
    await pipeline.start();
    await comment(healthy, 'NOTIFYTEST-C after the damage');
    expect(await pipeline.runner.catchUp(10_000)).toBe(true);
    await until(() => mailed('NOTIFYTEST-C'));
    expect(mailed('NOTIFYTEST-B')).toBe(true);
    expect(mailed('NOTIFYTEST-A')).toBe(false);
    expect(pipeline.runner.setAsideEvents()).toEqual([
      expect.objectContaining({
        stream: `case-${damaged}`,
        position: garbled,
        projections: ['notifications-outbox'],
      }),
    ]);
  }, 20_000);
});

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
