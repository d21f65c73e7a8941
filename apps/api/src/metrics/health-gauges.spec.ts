import { Registry } from 'prom-client';
import type { HealthReport } from '../health/health.service';
import { HealthGauges } from './health-gauges';

const STORES_UP = { eventStore: { status: 'up' }, readModels: { status: 'up' } } as const;

/** Split mode, no projector and no notify process, a backlog, two dead letters and SLA timers waiting. */
const DEGRADED: HealthReport = {
  status: 'degraded',
  release: '0.1.0+6b5145aa772a',
  reasons: ['projection cases: 3 events not applied and no runner at work (nobody holds its lease)'],
  checks: STORES_UP,
  projections: [
    {
      name: 'cases',
      state: 'no-runner',
      checkpoint: 7,
      headPosition: 10,
      lag: 3,
      behindForMs: 45_500,
      lease: null,
    },
    { name: 'accounts', state: 'active', checkpoint: 10, headPosition: 10, lag: 0 },
  ],
  notifications: {
    pending: 3_412,
    unadopted: 3_400,
    sent: 120,
    dead: 2,
    interrupted: 0,
    outboxCheckpoint: 9_000,
    adoptedUpTo: 8_000,
    outboxLag: 25,
    due: 3_405,
    oldestDueAt: '2026-03-02T08:54:47.500Z',
    oldestDueForMs: 312_500,
    leases: {
      outbox: null,
      delivery: { holder: 'notify-1', expiresAt: '2026-03-02T09:00:15.000Z', state: 'expired' },
    },
  },
  slaTimers: {
    heldBy: 'none',
    state: 'no-runner',
    lease: null,
    dueCases: 4,
    overdueCases: 3,
    oldestOverdueAt: '2026-03-02T08:50:00.000Z',
    problem: '4 cases with a timer due and no scheduler at work (nobody holds its lease)',
  },
};

describe('the /health gauges on /metrics', () => {
  let registry: Registry;
  let gauges: HealthGauges;

  beforeEach(() => {
    registry = new Registry();
    gauges = new HealthGauges(registry);
  });

  it('publish the status, who runs each projection and how long it has waited, and the notification backlog', async () => {
    gauges.record(DEGRADED);
    const text = await registry.metrics();
    expect(text).toContain('casetrail_health_status{status="up"} 0');
    expect(text).toContain('casetrail_health_status{status="degraded"} 1');
    expect(text).toContain('casetrail_projection_runner_active{projection="cases"} 0');
    expect(text).toContain('casetrail_projection_runner_active{projection="accounts"} 1');
    expect(text).toContain('casetrail_projection_behind_seconds{projection="cases"} 45.5');
    expect(text).toContain('casetrail_projection_behind_seconds{projection="accounts"} 0');
    expect(text).toContain('casetrail_notifications_pending 3412');
    expect(text).toContain('casetrail_notifications_unadopted 3400');
    expect(text).toContain('casetrail_notifications_dead 2');
    expect(text).toContain('casetrail_notifications_outbox_lag_events 25');
    expect(text).toContain('casetrail_notifications_due 3405');
    expect(text).toContain('casetrail_notifications_oldest_due_seconds 312.5');
    expect(text).toContain('casetrail_notifications_worker_active{worker="outbox"} 0');
    expect(text).toContain('casetrail_notifications_worker_active{worker="delivery"} 0');
  });

  it('publish whether an SLA timer scheduler is at work and the cases whose timers wait', async () => {
    gauges.record(DEGRADED);
    let text = await registry.metrics();
    expect(text).toContain('casetrail_sla_timers_scheduler_active 0');
    expect(text).toContain('casetrail_sla_timers_due_cases 4');
    expect(text).toContain('casetrail_sla_timers_overdue_cases 3');

    gauges.record({
      ...DEGRADED,
      slaTimers: { heldBy: 'unknown', state: 'unknown', dueCases: 1, overdueCases: 0 },
    });
    text = await registry.metrics();
    expect(text).not.toMatch(/^casetrail_sla_timers_scheduler_active /m);
    expect(text).toContain('casetrail_sla_timers_due_cases 1');
  });

  it('publish the Mission Critical accounts with no CSM, and 0 once /health lists none', async () => {
    gauges.record({
      ...DEGRADED,
      missionCriticalWithoutCsm: {
        count: 2,
        accountIds: ['acc-1', 'acc-2'],
        fix: 'PUT /v1/accounts/{accountId}/csm',
      },
    });
    expect(await registry.metrics()).toContain('casetrail_mission_critical_accounts_without_csm 2');

    gauges.record(DEGRADED);
    expect(await registry.metrics()).toContain('casetrail_mission_critical_accounts_without_csm 0');
  });

  it('publish how many streams this process found damaged, and 0 while /health names none', async () => {
    gauges.record(DEGRADED);
    expect(await registry.metrics()).toContain('casetrail_storage_damaged_streams 0');

    gauges.record({
      ...DEGRADED,
      storage: {
        count: 23,
        streams: [{ stream: 'case-1', problem: 'lacks revision 2', seenAt: '2026-03-02T08:50:00.000Z' }],
        fix: '`casetrail verify`',
      },
    });
    expect(await registry.metrics()).toContain('casetrail_storage_damaged_streams 23');
  });

  it('leave out what the latest report does not know, instead of repeating an older figure', async () => {
    gauges.record(DEGRADED);
    gauges.record({
      status: 'down',
      release: '0.1.0+6b5145aa772a',
      reasons: ['read-model store unreachable: disk I/O error'],
      checks: { eventStore: { status: 'up' }, readModels: { status: 'down', error: 'disk I/O error' } },
      projections: [],
    });
    const text = await registry.metrics();
    expect(text).toContain('casetrail_health_status{status="down"} 1');
    expect(text).toContain('casetrail_health_status{status="degraded"} 0');
    expect(text).not.toMatch(/^casetrail_projection_runner_active\{/m);
    expect(text).not.toMatch(/^casetrail_notifications_pending /m);
    expect(text).not.toMatch(/^casetrail_notifications_dead /m);
    expect(text).not.toMatch(/^casetrail_notifications_oldest_due_seconds /m);
    expect(text).not.toMatch(/^casetrail_sla_timers_overdue_cases /m);
    expect(text).not.toMatch(/^casetrail_mission_critical_accounts_without_csm /m);
    expect(text).not.toMatch(/^casetrail_storage_damaged_streams /m);
  });
});
