import type { INestApplicationContext } from '@nestjs/common';
import { ProjectionRunner } from '@casetrail/readmodels';
import { ALL_PROJECTIONS } from '@casetrail/readmodels/all-projections';
import { openRuntime } from '../apps/api/src/runtime/open-runtime';
import type { Runtime } from '../apps/api/src/runtime/runtime';
import { SlaTimerScheduler } from '../apps/api/src/sla-timers/sla-timer-scheduler';
import { startSlaTimersProcess } from '../apps/api/src/sla-timers/sla-timers-process';
import { NotificationWorld } from './support/notifications/notification-world';
import { healthProbe } from './support/health-probe';
import { startTestApp, type TestApp } from './support/test-app';

interface HealthBody {
  status: string;
  reasons?: string[];
  slaTimers: {
    heldBy: string;
    state: string;
    lease?: { holder: string; state: string } | null;
    dueCases: number;
    overdueCases: number;
    oldestOverdueAt?: string;
    problem?: string;
  };
}

const DAY = 24 * 60 * 60_000;

/**
 * The production shape with the SLA timer scheduler missing: the API with EMBEDDED_PROJECTOR=false
 * and a projector that applies the projections but whose process managers are not running, so no
 * process holds the scheduler's lease and no at-risk warning or breach is ever recorded. /health
 * must say so once a timer is due, and not before. Here the "processes" run in this one, on stores
 * of their own opened on the same DATA_DIR.
 */
describe('/health and /metrics on the SLA timer scheduler in another process', () => {
  let api: TestApp;
  let elsewhere: Runtime;
  let projections: ProjectionRunner;
  let processManagers: INestApplicationContext | undefined;

  beforeAll(async () => {
    api = await startTestApp({ env: { EMBEDDED_PROJECTOR: 'false' }, readWaitTimeoutMs: 200 });
    elsewhere = await openRuntime(api.runtime.config);
    // The projector's projections without the process managers `runProjector` starts beside them.
    projections = new ProjectionRunner({
      eventStore: elsewhere.storage.eventStore,
      readModels: elsewhere.storage.readModels,
      projections: [...ALL_PROJECTIONS],
    });
    await projections.start();
  });

  afterAll(async () => {
    await processManagers?.close();
    await projections?.stop();
    await elsewhere?.storage.close();
    await api?.close();
  });

  const { health, metrics } = healthProbe<HealthBody>(() => api);
  /** Notifications have no delivery worker here either: only the SLA timers' reasons matter. */
  const slaTimerReasons = (body: HealthBody) =>
    (body.reasons ?? []).filter((reason) => reason.startsWith('SLA timers: '));

  it('does not degrade a desk with no timer due, though no scheduler holds the lease', async () => {
    const world = await new NotificationWorld(api).setUp('enterprise');
    await world.openCase('Checkout fails');
    await projections.catchUp();

    const body = await health();
    expect(body.slaTimers).toEqual({
      heldBy: 'none',
      state: 'no-runner',
      lease: null,
      dueCases: 0,
      overdueCases: 0,
      // The public report's field, which an admin's has too.
      status: 'up',
    });
    expect(slaTimerReasons(body)).toEqual([]);
  });

  it('is degraded, naming what to start, once a timer is due with no scheduler at work', async () => {
    api.clock.advance(60 * DAY);

    const body = await health();
    expect(body.status).toBe('degraded');
    expect(body.slaTimers).toMatchObject({
      heldBy: 'none',
      state: 'no-runner',
      dueCases: 1,
      overdueCases: 1,
    });
    expect(slaTimerReasons(body)).toEqual([
      'SLA timers: 1 case with a timer due and no scheduler at work (nobody holds its lease), so no at-risk warning, breach or overdue escalation is recorded: start `casetrail project`',
    ]);
    const text = await metrics();
    expect(text).toContain('casetrail_sla_timers_scheduler_active 0');
    expect(text).toContain('casetrail_sla_timers_due_cases 1');
    expect(text).toContain('casetrail_sla_timers_overdue_cases 1');
  });

  it('clears once a scheduler in another process holds the lease and has fired the timers', async () => {
    processManagers = await startSlaTimersProcess(elsewhere, { clock: api.clock, logger: false });
    const round = await processManagers.get(SlaTimerScheduler, { strict: false }).runDueTimers();
    expect(round.active).toBe(true);
    await projections.catchUp();

    const body = await health();
    expect(body.slaTimers).toMatchObject({
      heldBy: 'another-process',
      state: 'active',
      lease: { state: 'held' },
      dueCases: 0,
      overdueCases: 0,
      // The public report's field, which an admin's has too.
      status: 'up',
    });
    expect(slaTimerReasons(body)).toEqual([]);
    const text = await metrics();
    expect(text).toContain('casetrail_sla_timers_scheduler_active 1');
    expect(text).toContain('casetrail_sla_timers_overdue_cases 0');
  });
});
