import { loadNotificationSettings } from '../apps/api/src/notifications/notification-settings';
import { NotificationPipeline } from '../apps/api/src/notifications/notification-pipeline';
import { MailDeliveryError } from '../apps/api/src/notifications/mail/mail-transport';
import { RecordingTransport } from '../apps/api/src/notifications/testing/outbox-fixture';
import { openRuntime } from '../apps/api/src/runtime/open-runtime';
import type { Runtime } from '../apps/api/src/runtime/runtime';
import { runProjector, type ProjectorRunner } from '../apps/projector/src/run-projector';
import { untilAllDelivered } from './support/notifications/delivery-probe';
import { NotificationWorld } from './support/notifications/notification-world';
import { healthProbe } from './support/health-probe';
import { startTestApp, type TestApp } from './support/test-app';

interface HealthBody {
  status: string;
  reasons?: string[];
  projections: {
    name: string;
    state: string;
    lag: number;
    lease?: { holder: string; state: string } | null;
  }[];
  notifications: {
    pending: number;
    unadopted: number;
    dead: number;
    outboxLag: number;
    leases: {
      outbox: { holder: string; state: string } | null;
      delivery: { holder: string; state: string } | null;
    };
    problems?: string[];
  };
}

/**
 * The production shape: the API with EMBEDDED_PROJECTOR=false (and so NOTIFY_IN_PROCESS=false), the
 * projections in `casetrail project`, notifications in `casetrail notify`. /health and /metrics must
 * say what those processes, not the API's idle runner, are doing: they read the leases in the store.
 * Here both "processes" run in this one, on stores of their own opened on the same DATA_DIR.
 */
describe('/health and /metrics with the projections and notifications in other processes', () => {
  let api: TestApp;
  let elsewhere: Runtime;
  let projector: ProjectorRunner | undefined;
  let notifier: NotificationPipeline | undefined;
  const transport = new RecordingTransport();
  let world: NotificationWorld;

  beforeAll(async () => {
    // Reads wait for projections; none is made here while they are stopped, but never wait long.
    api = await startTestApp({ env: { EMBEDDED_PROJECTOR: 'false' }, readWaitTimeoutMs: 200 });
    elsewhere = await openRuntime(api.runtime.config);
  });

  afterAll(async () => {
    await notifier?.stop();
    await projector?.stop();
    await elsewhere?.storage.close();
    await api?.close();
  });

  const { health, metrics } = healthProbe<HealthBody>(() => api);

  async function startNotifier(): Promise<NotificationPipeline> {
    const pipeline = new NotificationPipeline({
      eventStore: elsewhere.storage.eventStore,
      readModels: elsewhere.storage.readModels,
      settings: loadNotificationSettings(elsewhere.config, { NOTIFY_POLL_MS: '20' }),
      clock: api.clock,
      transport,
    });
    await pipeline.start();
    return pipeline;
  }

  async function settled(): Promise<void> {
    await projector!.catchUp();
    await untilAllDelivered(elsewhere.storage);
  }

  it('is degraded, naming what to start, when no projector and no notifier run and events wait', async () => {
    const admin = await api.token('admin@vendor.example', ['admin']);
    const registered = await api.app.inject({
      method: 'POST',
      url: '/v1/accounts',
      headers: { authorization: `Bearer ${admin}` },
      payload: { name: 'Quiet desk' },
    });
    expect(registered.statusCode).toBe(201);

    const body = await health();
    expect(body.status).toBe('degraded');
    for (const projection of body.projections) {
      expect(projection).toMatchObject({ state: 'no-runner', lease: null, lag: expect.any(Number) });
      expect(projection.lag).toBeGreaterThan(0);
    }
    expect(body.reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^projection cases: \d+ events? not applied and no runner at work .*casetrail project/,
        ),
        expect.stringMatching(
          /^notifications: \d+ events? not yet in the outbox and no outbox writer at work .*casetrail notify/,
        ),
      ]),
    );
    expect(body.notifications).toMatchObject({ pending: 0, leases: { outbox: null, delivery: null } });
    expect(body.notifications.outboxLag).toBeGreaterThan(0);
  });

  it('says so on /metrics', async () => {
    const text = await metrics();
    expect(text).toContain('casetrail_health_status{status="degraded"} 1');
    expect(text).toContain('casetrail_projection_runner_active{projection="cases"} 0');
    expect(text).toMatch(/^casetrail_notifications_outbox_lag_events [1-9]\d*$/m);
    expect(text).toContain('casetrail_notifications_worker_active{worker="outbox"} 0');
    expect(text).toContain('casetrail_notifications_worker_active{worker="delivery"} 0');
  });

  it('is up once a projector and a notifier hold the leases and have caught up', async () => {
    projector = await runProjector(elsewhere, { clock: api.clock, logger: false });
    notifier = await startNotifier();
    world = await new NotificationWorld(api).setUp('mission-critical');
    await world.openCase('Checkout fails');
    await settled();

    const body = await health();
    expect(body.reasons).toBeUndefined();
    expect(body.status).toBe('up');
    for (const projection of body.projections)
      expect(projection).toMatchObject({
        state: 'active',
        lag: 0,
        lease: { holder: projector.runnerId, state: 'held' },
      });
    expect(body.notifications).toMatchObject({
      pending: 0,
      dead: 0,
      outboxLag: 0,
      leases: { outbox: { state: 'held' }, delivery: { state: 'held' } },
    });
    expect(transport.sent.length).toBeGreaterThan(0);
    const text = await metrics();
    expect(text).toContain('casetrail_health_status{status="up"} 1');
    expect(text).toContain('casetrail_projection_runner_active{projection="cases"} 1');
    expect(text).toContain('casetrail_notifications_worker_active{worker="delivery"} 1');
  });

  it('counts the outbox rows no delivery worker took up as pending, and is degraded while nobody delivers them', async () => {
    await notifier!.worker.stop();
    await world.openCase('Search is slow');
    await projector!.catchUp();
    await notifier!.runner.catchUp();

    const body = await health();
    expect(body.status).toBe('degraded');
    expect(body.notifications).toMatchObject({ pending: 2, unadopted: 2, leases: { delivery: null } });
    expect(body.reasons).toEqual([
      'notifications: 2 notifications waiting and no delivery worker at work (nobody holds its lease): start `casetrail notify` (or set NOTIFY_IN_PROCESS=true on the API)',
    ]);
    expect(await metrics()).toContain('casetrail_notifications_pending 2');

    await notifier!.worker.start();
    await untilAllDelivered(elsewhere.storage);
    expect((await health()).status).toBe('up');
  });

  it('is degraded by dead letters, saying where to find them', async () => {
    transport.failNext(99, () => new MailDeliveryError('550 no such user', true, 550));
    await world.openCase('Login loops');
    await settled();

    const body = await health();
    expect(body.status).toBe('degraded');
    expect(body.notifications).toMatchObject({ pending: 0, dead: 2 });
    expect(body.reasons).toEqual([
      'notifications: 2 dead letters in the last 24 hours: given up after NOTIFY_MAX_ATTEMPTS attempts or refused for good; list them with `casetrail notifications --dead`, send one again with `--requeue <id>`',
    ]);
    expect(await metrics()).toContain('casetrail_notifications_dead 2');
  });

  it('reports a projector that stopped: nobody runs the projections, degraded once events wait', async () => {
    await projector!.stop();
    projector = undefined;
    expect((await health()).projections.every((projection) => projection.state === 'no-runner')).toBe(true);

    await world.call('admin', 'POST', '/v1/accounts', { name: 'After the projector stopped' });
    const body = await health();
    expect(body.reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^projection accounts: 1 event not applied and no runner at work/),
      ]),
    );
  });
});
