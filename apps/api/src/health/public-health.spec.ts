import type { HealthReport } from './health.service';
import { adminHealth, DETAILS_FOR_ADMINS, publicHealth } from './public-health';

const lease = { holder: 'api-7.example/4026531836/4242/1a2b3c4d', expiresAt: '2026-03-02T09:00:15.000Z' };

/** A desk with a failed projection, mail waiting and SLA timers due: every detail a report has. */
const degradedReport = (): HealthReport => ({
  status: 'degraded',
  release: '0.1.0+6b5145aa772a',
  reasons: ['projection cases: failed: SQLITE_FULL writing /srv/casetrail/data/readmodels.sqlite'],
  checks: { eventStore: { status: 'up' }, readModels: { status: 'up' } },
  projections: [
    {
      name: 'cases',
      state: 'failed',
      checkpoint: 90,
      headPosition: 100,
      lag: 10,
      behindForMs: 45_000,
      lastError: 'SQLITE_FULL writing /srv/casetrail/data/readmodels.sqlite',
      lease: { ...lease, state: 'held' },
      problem: 'failed: SQLITE_FULL writing /srv/casetrail/data/readmodels.sqlite',
    },
    { name: 'accounts', state: 'active', checkpoint: 100, headPosition: 100, lag: 0 },
  ],
  notifications: {
    pending: 3,
    unadopted: 0,
    sent: 120,
    dead: 0,
    lost: 0,
    interrupted: 0,
    outboxCheckpoint: 100,
    adoptedUpTo: 100,
    leases: { outbox: { ...lease, state: 'held' }, delivery: { ...lease, state: 'held' } },
  },
  slaTimers: {
    heldBy: 'another-process',
    state: 'active',
    lease: { ...lease, state: 'held' },
    dueCases: 2,
    overdueCases: 2,
    oldestOverdueAt: '2026-03-02T08:50:00.000Z',
    problem: `2 cases with a timer due for over 60 s and not fired, though ${lease.holder} holds the scheduler's lease`,
  },
  missingCalendars: ['de-public-holidays'],
});

describe('the public /health report', () => {
  it('keeps of a down desk the statuses, not the error that names the file', () => {
    const down: HealthReport = {
      status: 'down',
      release: '0.1.0+6b5145aa772a',
      reasons: ['event store unreachable: unable to open /srv/casetrail/data/events.sqlite'],
      checks: {
        eventStore: { status: 'down', error: 'unable to open /srv/casetrail/data/events.sqlite' },
        readModels: { status: 'up' },
      },
      projections: [],
    };
    expect(publicHealth(down)).toEqual({
      status: 'down',
      release: '0.1.0+6b5145aa772a',
      checks: { eventStore: { status: 'down' }, readModels: { status: 'up' } },
      projections: [],
      details: DETAILS_FOR_ADMINS,
    });
  });

  it("keeps of a degraded desk each component's status and each projection's lag, not why or who", () => {
    const degraded = degradedReport();
    expect(publicHealth(degraded)).toEqual({
      status: 'degraded',
      release: '0.1.0+6b5145aa772a',
      checks: { eventStore: { status: 'up' }, readModels: { status: 'up' } },
      projections: [
        { name: 'cases', state: 'failed', status: 'degraded', lag: 10 },
        { name: 'accounts', state: 'active', status: 'up', lag: 0 },
      ],
      notifications: { status: 'up' },
      slaTimers: { status: 'degraded' },
      supportPolicy: { status: 'degraded' },
      storage: { status: 'up' },
      details: DETAILS_FOR_ADMINS,
    });
  });

  it('gives an admin every field of the public report too, beside the details', () => {
    const report = degradedReport();
    const admin = adminHealth(report) as Record<string, unknown>;
    const { details: _details, ...statuses } = publicHealth(report);
    expect(admin).toMatchObject(JSON.parse(JSON.stringify(statuses)));
    expect(admin).toMatchObject({ reasons: report.reasons });
  });
});
