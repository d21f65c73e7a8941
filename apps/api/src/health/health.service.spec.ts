import { Logger } from '@nestjs/common';
import { parseSupportPolicy, type SupportPolicy } from '@casetrail/domain';
import type { EventStore } from '@casetrail/eventstore';
import { ProjectionRunner, SqliteReadModelStore, type Projection } from '@casetrail/readmodels';
import { InMemoryEventStore } from '@casetrail/readmodels/testing/in-memory-event-store';
import { businessCalendarOf } from '../calendars/business-calendar-of';
import { LeaseInspector } from '../storage/lease-inspector';
import { StoredLeases } from '../storage/testing/stored-leases';
import { HealthService } from './health.service';
import type { HealthThresholds } from './health-thresholds';
import { ProjectionHealthReader } from './projection-health.reader';

const GRACE_MS = 30_000;

/** Counts events; throws on one whose `value` is 13 while `broken` (a projection bug). */
function counterProjection(state: { broken: boolean }): Projection {
  return {
    name: 'counter',
    collections: [{ name: 'counts', indexedFields: [] }],
    async apply(event, tx) {
      if (state.broken && (event.data as { value?: number }).value === 13)
        throw new Error('cannot handle 13');
      const current = await tx.get<{ id: string; count: number }>('counts', 'all');
      tx.put('counts', 'all', { id: 'all', count: (current?.count ?? 0) + 1 });
    },
  };
}

describe('HealthService', () => {
  let events: InMemoryEventStore;
  let readModels: SqliteReadModelStore;
  let runner: ProjectionRunner;
  let storedLeases: StoredLeases;
  let now: number;
  const projection = { broken: false };

  beforeEach(() => {
    events = new InMemoryEventStore();
    readModels = new SqliteReadModelStore(':memory:');
    projection.broken = false;
    runner = new ProjectionRunner({
      eventStore: events,
      readModels,
      projections: [counterProjection(projection)],
      runnerId: 'runner-here',
      failureRetryMs: 60_000,
    });
    storedLeases = new StoredLeases();
    now = Date.now();
  });

  afterEach(async () => {
    await runner.stop();
    await readModels.close();
  });

  const thresholds: HealthThresholds = {
    behindGraceMs: GRACE_MS,
    lagWarning: 10_000,
    slaTimerGraceMs: 60_000,
    now: () => now,
  };

  function health(
    options: {
      embeddedProjector?: boolean;
      leases?: boolean;
      eventStore?: EventStore;
      policy?: SupportPolicy;
    } = {},
  ): HealthService {
    const leases =
      options.leases === false
        ? null
        : new LeaseInspector(storedLeases, { now: () => now, isHolderGone: () => false });
    const reader = new ProjectionHealthReader(
      options.eventStore ?? events,
      runner,
      { embeddedProjector: options.embeddedProjector ?? false },
      thresholds,
      undefined,
      leases,
    );
    return new HealthService(
      options.eventStore ?? events,
      readModels,
      reader,
      undefined,
      undefined,
      options.policy,
    );
  }

  const append = (...values: number[]) =>
    events.append(
      'counter-1',
      values.map((value) => ({
        type: 'Counted',
        data: { value },
        metadata: { actor: 'test', correlationId: 'c', schemaVersion: 1 },
      })),
      'any',
    );

  const holdLease = (expiresAtMs: number, holder = 'projector-there') =>
    (storedLeases.leases = [{ name: 'projection:counter', holder, expiresAtMs }]);

  describe('with the projections in another process (EMBEDDED_PROJECTOR=false)', () => {
    it('is degraded, naming the remedy, when no runner holds the lease and events wait', async () => {
      await append(1, 2);
      const report = await health().report();
      expect(report.status).toBe('degraded');
      expect(report.projections).toEqual([
        expect.objectContaining({ name: 'counter', state: 'no-runner', lag: 2, lease: null }),
      ]);
      expect(report.reasons).toEqual([
        'projection counter: 2 events not applied and no runner at work (nobody holds its lease): start `casetrail project`',
      ]);
    });

    it('is up with no runner while there is nothing to apply, and says nobody runs it', async () => {
      const report = await health().report();
      expect(report.status).toBe('up');
      expect(report.reasons).toBeUndefined();
      expect(report.projections[0]).toMatchObject({ state: 'no-runner', lag: 0, lease: null });
    });

    it('is degraded when the lease expired: the runner crashed or hangs', async () => {
      await append(1);
      holdLease(now - 1_000);
      const report = await health().report();
      expect(report.status).toBe('degraded');
      expect(report.projections[0]).toMatchObject({
        state: 'no-runner',
        lease: { holder: 'projector-there', state: 'expired' },
      });
      expect(report.reasons![0]).toMatch(/its lease expired at .* \(last held by projector-there\)/);
    });

    it('is up while a live runner holds the lease and the oldest unapplied event is within the grace period', async () => {
      await append(1, 2);
      const [first] = await events.readAll({ after: 0, maxCount: 1 });
      now = Date.parse(first.recordedAt) + GRACE_MS;
      holdLease(now + 10_000);
      const report = await health().report();
      expect(report.status).toBe('up');
      expect(report.projections[0]).toMatchObject({
        state: 'active',
        lag: 2,
        behindForMs: GRACE_MS,
        lease: { holder: 'projector-there', state: 'held' },
      });
    });

    it('is degraded when it has been behind longer than the grace period, however few events wait', async () => {
      await append(1);
      const [first] = await events.readAll({ after: 0, maxCount: 1 });
      now = Date.parse(first.recordedAt) + GRACE_MS + 1_000;
      holdLease(now + 10_000);
      const report = await health().report();
      expect(report.status).toBe('degraded');
      expect(report.reasons).toEqual([
        'projection counter: behind for 31 s (1 event not applied), longer than the 30 s allowed',
      ]);
    });

    it('ages the lag from the first event the projection has not applied, not from the first event', async () => {
      await append(1);
      const standby = new ProjectionRunner({
        eventStore: events,
        readModels,
        projections: [counterProjection(projection)],
        runnerId: 'projector-there',
      });
      await standby.start();
      await standby.catchUp();
      await standby.stop();
      await append(2);
      const [second] = await events.readAll({ after: 1, maxCount: 1 });
      now = Date.parse(second.recordedAt) + 5_000;
      holdLease(now + 10_000);
      expect((await health().report()).projections[0]).toMatchObject({
        checkpoint: 1,
        lag: 1,
        behindForMs: 5_000,
      });
    });

    it('is up once a runner elsewhere has applied everything', async () => {
      await append(1, 2, 3);
      const elsewhere = new ProjectionRunner({
        eventStore: events,
        readModels,
        projections: [counterProjection(projection)],
        runnerId: 'projector-there',
      });
      await elsewhere.start();
      await elsewhere.catchUp();
      holdLease(now + 10_000);
      const report = await health().report();
      await elsewhere.stop();
      expect(report).toMatchObject({
        status: 'up',
        projections: [{ state: 'active', lag: 0, checkpoint: 3 }],
      });
      expect(report.projections[0].behindForMs).toBeUndefined();
    });

    it('says it cannot tell who runs it without a way to read leases, and still ages the lag', async () => {
      await append(1);
      const [first] = await events.readAll({ after: 0, maxCount: 1 });
      now = Date.parse(first.recordedAt) + GRACE_MS + 1_000;
      const report = await health({ leases: false }).report();
      expect(report.projections[0]).toMatchObject({ state: 'unknown', lag: 1 });
      expect(report.projections[0].lease).toBeUndefined();
      expect(report.status).toBe('degraded');
    });
  });

  it('still answers, saying it cannot tell who runs the projections, when the leases cannot be read', async () => {
    await append(1);
    storedLeases.readAll = () => Promise.reject(new Error('unable to open database file'));
    const report = await health().report();
    expect(report.status).toBe('up');
    expect(report.projections[0]).toMatchObject({ state: 'unknown', lag: 1 });
  });

  describe('with the projections on this event loop (embedded)', () => {
    it('reports the runner’s own states and stays up while it keeps up (no lease shown)', async () => {
      await runner.start();
      await append(1, 2);
      await runner.catchUp();
      const report = await health({ embeddedProjector: true }).report();
      expect(report).toMatchObject({
        status: 'up',
        projections: [{ name: 'counter', state: 'active', lag: 0 }],
      });
      expect(report.projections[0]).not.toHaveProperty('lease');
      expect(report).not.toHaveProperty('reasons');
    });

    it('is degraded, with the error, when a projection failed', async () => {
      projection.broken = true;
      await runner.start();
      await append(13);
      for (const deadline = Date.now() + 5_000; Date.now() < deadline;) {
        if ((await runner.status())[0].state === 'failed') break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const report = await health({ embeddedProjector: true }).report();
      expect(report.status).toBe('degraded');
      expect(report.reasons).toEqual(['projection counter: failed: cannot handle 13']);
    });
  });

  it('is degraded, naming them, when accounts or cases name calendars the support policy lacks', async () => {
    const policy = parseSupportPolicy({ version: 'without-de' });
    expect((await health({ policy }).report()).status).toBe('up');
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    businessCalendarOf(policy, { timeZone: 'Europe/Berlin', calendar: 'de-public-holidays' });
    warn.mockRestore();

    const report = await health({ policy }).report();
    expect(report.status).toBe('degraded');
    expect(report.missingCalendars).toEqual(['de-public-holidays']);
    expect(report.reasons).toEqual([
      'support policy: no calendar de-public-holidays, which accounts or cases name: their business time follows the default calendar until it is back in SUPPORT_POLICY_FILE',
    ]);
  });

  it('is down, saying which store, when a store cannot be reached', async () => {
    const unreachable = Object.assign(Object.create(events) as EventStore, {
      ping: () => Promise.reject(new Error('connection refused')),
    });
    const report = await health({ eventStore: unreachable }).report();
    expect(report).toMatchObject({
      status: 'down',
      reasons: ['event store unreachable: connection refused'],
      checks: { eventStore: { status: 'down', error: 'connection refused' }, readModels: { status: 'up' } },
      projections: [],
    });
  });
});
