import { processLeaseOwner, SqliteReadModelStore } from '@casetrail/readmodels';
import { CASES, NEVER } from '@casetrail/readmodels/cases/cases.projection';
import { SLA_TIMERS_LEASE } from '../sla-timers/sla-timers.options';
import { LeaseInspector } from '../storage/lease-inspector';
import { StoredLeases } from '../storage/testing/stored-leases';
import { DEFAULT_HEALTH_THRESHOLDS } from './health-thresholds';
import type { ProjectionHealth } from './projection-health';
import { slaTimersProblem, type SlaTimersHealth } from './sla-timers-health';
import { SlaTimersHealthReader } from './sla-timers-health.reader';

const NOW = Date.parse('2026-03-02T09:00:00.000Z');
const GRACE_MS = 60_000;
const at = (ms: number) => new Date(NOW + ms).toISOString();

describe('the SLA timer scheduler on /health', () => {
  let readModels: SqliteReadModelStore;
  let storedLeases: StoredLeases;

  beforeEach(async () => {
    readModels = new SqliteReadModelStore(':memory:');
    await readModels.ensureCollections([{ name: CASES, indexedFields: ['nextTimerAt'] }]);
    storedLeases = new StoredLeases();
  });
  afterEach(() => readModels.close());

  /** Case rows as the cases projection leaves them: only what the reader looks at. */
  async function casesWithNextTimerAt(...nextTimerAts: string[]): Promise<void> {
    await readModels.applyBatch('cases', [{ position: 1 }], (_event, tx) =>
      nextTimerAts.forEach((nextTimerAt, index) => tx.put(CASES, `case-${index}`, { nextTimerAt })),
    );
  }

  const holdLease = (holder: string, expiresAtMs = NOW + 10_000) =>
    (storedLeases.leases = [{ name: SLA_TIMERS_LEASE, holder, expiresAtMs }]);

  function read(
    options: { embedded?: boolean; leases?: 'readable' | 'unreadable'; cases?: ProjectionHealth } = {},
  ) {
    if (options.leases === 'unreadable')
      storedLeases.readAll = () => Promise.reject(new Error('unable to open database file'));
    const reader = new SlaTimersHealthReader(
      readModels,
      { now: () => new Date(NOW) },
      { embeddedProjector: options.embedded ?? false },
      { ...DEFAULT_HEALTH_THRESHOLDS, slaTimerGraceMs: GRACE_MS },
      new LeaseInspector(storedLeases, { now: () => NOW, isHolderGone: () => false }),
    );
    return reader.read(options.cases);
  }

  /** The cases projection as /health reads it: applied up to the head unless told otherwise. */
  const casesProjection = (overrides: Partial<ProjectionHealth> = {}): ProjectionHealth => ({
    name: 'cases',
    state: 'active',
    checkpoint: 10,
    headPosition: 10,
    lag: 0,
    ...overrides,
  });

  it('does not blame the scheduler for rows the cases projection has not caught up with', async () => {
    holdLease(processLeaseOwner());
    await casesWithNextTimerAt(at(-10 * 60_000), at(-5 * 60_000));
    // A restart over a long log: the rows still show timers fired since, until the projection catches up.
    const catchingUp = casesProjection({ lag: 170_000, headPosition: 170_010, behindForMs: 15 * 60_000 });
    const health = await read({ embedded: true, cases: catchingUp });
    expect(health).toMatchObject({ heldBy: 'this-process', dueCases: 2, overdueCases: 2 });
    expect(health.problem).toBeUndefined();
    // A failed cases projection (its own reason says so), likewise.
    const failed = await read({ embedded: true, cases: casesProjection({ state: 'failed' }) });
    expect(failed.problem).toBeUndefined();
    // Once it is current, rows still overdue are timers nobody fired.
    const current = await read({ embedded: true, cases: casesProjection({ lag: 3, behindForMs: 200 }) });
    expect(current.problem).toMatch(/^2 cases with a timer due for over 60 s and not fired/);
  });

  it('is fine while this process holds the lease and fires what just came due', async () => {
    holdLease(processLeaseOwner());
    await casesWithNextTimerAt(at(-2_000), at(60 * 60_000), NEVER);
    const health = await read({ embedded: true });
    expect(health).toEqual({
      heldBy: 'this-process',
      state: 'active',
      lease: expect.objectContaining({ state: 'held' }),
      dueCases: 1,
      overdueCases: 0,
    });
  });

  it('is fine while another live process holds the lease and nothing waits past the grace', async () => {
    holdLease('projector-there');
    await casesWithNextTimerAt(at(-GRACE_MS), at(5_000));
    const health = await read();
    expect(health).toMatchObject({
      heldBy: 'another-process',
      state: 'active',
      lease: { holder: 'projector-there', state: 'held' },
      dueCases: 1,
      overdueCases: 0,
    });
    expect(health.problem).toBeUndefined();
  });

  it('names the holder when timers wait past the grace though it holds the lease', async () => {
    holdLease('projector-there');
    await casesWithNextTimerAt(at(-5 * 60_000), at(-GRACE_MS - 1), at(-1_000));
    const health = await read();
    expect(health).toMatchObject({ dueCases: 3, overdueCases: 2, oldestOverdueAt: at(-5 * 60_000) });
    expect(health.problem).toBe(
      `2 cases with a timer due for over 60 s and not fired (the oldest due at ${at(-5 * 60_000)}), though projector-there holds the scheduler's lease: see its \`SlaTimers\` log lines`,
    );
  });

  it('counts a holder that shares this process id as another process where no scheduler runs here', async () => {
    holdLease(processLeaseOwner());
    expect(await read({ embedded: false })).toMatchObject({ heldBy: 'another-process', state: 'active' });
  });

  it('is degraded, naming what to start, when nobody holds the lease and timers are overdue', async () => {
    await casesWithNextTimerAt(at(-10 * 60_000));
    const health = await read();
    expect(health).toMatchObject({
      heldBy: 'none',
      state: 'no-runner',
      lease: null,
      dueCases: 1,
      overdueCases: 1,
    });
    expect(health.problem).toBe(
      '1 case with a timer due and no scheduler at work (nobody holds its lease), so no at-risk warning, breach or overdue escalation is recorded: start `casetrail project`',
    );
  });

  it('says whose lease expired, and points at this process where it should hold the lease', async () => {
    holdLease('api-gone', NOW - 1_000);
    await casesWithNextTimerAt(at(-1_000));
    const health = await read({ embedded: true });
    expect(health).toMatchObject({ heldBy: 'none', lease: { holder: 'api-gone', state: 'expired' } });
    expect(health.problem).toMatch(
      /^1 case with a timer due and no scheduler at work \(its lease expired at .* \(last held by api-gone\)\), .*: this process's scheduler should take it/,
    );
  });

  it('is up with nobody holding the lease while no timer is due: an idle desk', async () => {
    holdLease('projector-gone', NOW - 60_000);
    await casesWithNextTimerAt(at(60_000), NEVER);
    const health = await read();
    expect(health).toMatchObject({ heldBy: 'none', state: 'no-runner', dueCases: 0, overdueCases: 0 });
    expect(health.problem).toBeUndefined();
  });

  it('is up with nobody holding the lease on an empty desk', async () => {
    const health = await read();
    expect(health).toEqual({ heldBy: 'none', state: 'no-runner', lease: null, dueCases: 0, overdueCases: 0 });
  });

  it('still judges overdue timers when the leases cannot be read', async () => {
    await casesWithNextTimerAt(at(-2 * GRACE_MS), at(-1_000));
    const health = await read({ leases: 'unreadable' });
    expect(health).toMatchObject({ heldBy: 'unknown', state: 'unknown', dueCases: 2, overdueCases: 1 });
    expect(health).not.toHaveProperty('lease');
    expect(health.problem).toMatch(
      /^1 case with a timer due for over 60 s .*; cannot tell who runs the scheduler$/,
    );
  });
});

describe('what makes the SLA timers degrade /health', () => {
  const judgement = { slaTimerGraceMs: GRACE_MS, schedulerHere: false, casesProjectionCurrent: true };
  const health = (overrides: Partial<SlaTimersHealth>): SlaTimersHealth => ({
    heldBy: 'another-process',
    state: 'active',
    lease: { holder: 'projector-there', expiresAt: at(10_000), state: 'held' },
    dueCases: 0,
    overdueCases: 0,
    ...overrides,
  });

  it('nothing while the timers due are within the grace, whoever holds the lease', () => {
    expect(slaTimersProblem(health({ dueCases: 4 }), judgement)).toBeUndefined();
    expect(slaTimersProblem(health({ heldBy: 'this-process', dueCases: 4 }), judgement)).toBeUndefined();
    expect(
      slaTimersProblem(health({ heldBy: 'unknown', state: 'unknown', dueCases: 4 }), judgement),
    ).toBeUndefined();
  });

  it('nothing with no scheduler at work while no timer is due', () => {
    expect(
      slaTimersProblem(health({ heldBy: 'none', state: 'no-runner', lease: null }), judgement),
    ).toBeUndefined();
  });

  it('any timer due with no scheduler at work, at once: nothing will fire it', () => {
    expect(
      slaTimersProblem(health({ heldBy: 'none', state: 'no-runner', lease: null, dueCases: 1 }), judgement),
    ).toMatch(/^1 case with a timer due and no scheduler at work/);
  });

  it('timers overdue past the grace though a live process holds the lease', () => {
    expect(
      slaTimersProblem(
        health({ heldBy: 'this-process', dueCases: 3, overdueCases: 3, oldestOverdueAt: at(-90_000) }),
        judgement,
      ),
    ).toBe(
      `3 cases with a timer due for over 60 s and not fired (the oldest due at ${at(-90_000)}), though this process holds the scheduler's lease: see its \`SlaTimers\` log lines`,
    );
  });
});
