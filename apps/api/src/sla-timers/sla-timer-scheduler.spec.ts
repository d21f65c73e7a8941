import { Logger } from '@nestjs/common';
import type { CaseTimer } from '@casetrail/domain';
import { SqliteReadModelStore } from '@casetrail/readmodels';
import { CASES, casesProjection, NEVER } from '@casetrail/readmodels/cases/cases.projection';
import {
  slaTimerId,
  type ScheduledCase,
  type SlaTimerDocument,
} from '@casetrail/readmodels/sla-timers/sla-timer-schedule';
import type { CaseEventRelay } from './case-event-relay';
import type { SlaTimerFirer, SlaTimerFiring } from './sla-timer-firer';
import { SlaTimerLease } from './sla-timer-lease';
import type { LicenceLapses } from './licence-lapses';
import type { MissionCriticalReview } from './mission-critical-review';
import { CATCHING_UP_BEYOND_EVENTS, SlaTimerScheduler } from './sla-timer-scheduler';
import { SLA_TIMERS_LEASE, resolveSlaTimersOptions } from './sla-timers.options';

const NOW = '2026-03-03T12:00:00.000Z';

type CaseRow = ScheduledCase & { nextTimerAt: string };

/** What the cases projection keeps of a case for the scheduler: its first-response breach timer due at `dueAt`. */
function timerRow(caseId: string, dueAt: string, revision = 0): CaseRow {
  const timer: CaseTimer = { kind: 'sla-target-breach', target: 'first-response', dueAt, fireAt: dueAt };
  return { id: caseId, revision, lastEventId: `event-${revision}`, timers: [timer], nextTimerAt: dueAt };
}

describe('SlaTimerScheduler', () => {
  let readModels: SqliteReadModelStore;
  let position: number;
  /** Events in the log beyond what the cases read model has applied (0: it follows the log). */
  let notYetProjected: number;
  let missionCriticalReview: jest.Mock;
  let fire: jest.Mock<Promise<SlaTimerFiring>, [SlaTimerDocument, string]>;
  let scheduler: SlaTimerScheduler;

  /** Write case rows as the projection would (one batch per call). */
  async function schedule(...rows: CaseRow[]): Promise<void> {
    position += 1;
    await readModels.applyBatch(casesProjection.name, [{ position }], (_, tx) => {
      for (const row of rows) tx.put(CASES, row.id, row);
    });
  }

  const firedIds = () => fire.mock.calls.map(([row]) => row.id);

  beforeAll(() => Logger.overrideLogger(false));

  beforeEach(async () => {
    readModels = new SqliteReadModelStore(':memory:');
    // The rows hold only the scheduler's columns: no state to compute the rest of a case's row from.
    await readModels.ensureCollections(
      casesProjection.collections.map(({ complete: _computed, ...definition }) => definition),
    );
    position = 0;
    notYetProjected = 0;
    missionCriticalReview = jest.fn(async () => ({ accounts: 0, reviewed: 0, changed: 0 }));
    fire = jest.fn<Promise<SlaTimerFiring>, [SlaTimerDocument, string]>(async () => ({
      outcome: 'nothing-to-record',
      events: [],
    }));
    const options = resolveSlaTimersOptions({ run: false });
    const relay = { start: jest.fn(), stop: jest.fn() } as unknown as CaseEventRelay;
    scheduler = new SlaTimerScheduler(
      readModels,
      { headPosition: async () => position + notYetProjected },
      { now: () => new Date(NOW) },
      { fire } as unknown as SlaTimerFirer,
      new SlaTimerLease(readModels, options),
      relay,
      { run: missionCriticalReview } as unknown as MissionCriticalReview,
      {
        run: jest.fn(async () => ({ looked: 0, recorded: 0 })),
        forget: jest.fn(),
      } as unknown as LicenceLapses,
      options,
    );
  });

  afterEach(() => readModels.close());

  it('fires the timers due by now, earliest first, at the current instant, and leaves future ones', async () => {
    await schedule(
      timerRow('case-b', '2026-03-03T11:00:00.000Z'),
      timerRow('case-a', '2026-03-03T10:00:00.000Z'),
      timerRow('case-c', '2026-03-03T12:00:00.001Z'),
    );
    fire.mockResolvedValue({ outcome: 'recorded', events: ['SlaTargetBreached'] });

    const report = await scheduler.runDueTimers();

    expect(firedIds()).toEqual([
      slaTimerId('case-a', 'first-response-breach', '2026-03-03T10:00:00.000Z'),
      slaTimerId('case-b', 'first-response-breach', '2026-03-03T11:00:00.000Z'),
    ]);
    expect(fire.mock.calls.every(([, firedAt]) => firedAt === NOW)).toBe(true);
    expect(report).toEqual({ active: true, fired: 2, recorded: 2 });
  });

  it("fires a case's due timers in order and leaves its later ones; a case without timers fires nothing", async () => {
    const later = '2026-03-03T12:30:00.000Z';
    const caseA = timerRow('case-a', '2026-03-03T09:00:00.000Z');
    caseA.timers.push(
      {
        kind: 'sla-target-breach',
        target: 'resolution',
        dueAt: '2026-03-03T11:00:00.000Z',
        fireAt: '2026-03-03T11:00:00.000Z',
      },
      { kind: 'auto-close', dueAt: later, fireAt: later },
    );
    await schedule(caseA, { ...timerRow('case-z', NOW), timers: [], nextTimerAt: NEVER });

    await scheduler.runDueTimers();

    expect(firedIds()).toEqual([
      slaTimerId('case-a', 'first-response-breach', '2026-03-03T09:00:00.000Z'),
      slaTimerId('case-a', 'resolution-breach', '2026-03-03T11:00:00.000Z'),
    ]);
  });

  it('does not send a timer again at the revision it was fired at, even when it recorded nothing', async () => {
    await schedule(timerRow('case-a', '2026-03-03T10:00:00.000Z', 4));
    await scheduler.runDueTimers();
    const second = await scheduler.runDueTimers();

    expect(fire).toHaveBeenCalledTimes(1);
    expect(second).toEqual({ active: true, fired: 0, recorded: 0 });
  });

  it('sends it again once the projection has re-derived it at a newer revision of the case', async () => {
    await schedule(timerRow('case-a', '2026-03-03T10:00:00.000Z', 4));
    await scheduler.runDueTimers();
    await schedule(timerRow('case-a', '2026-03-03T10:00:00.000Z', 5));
    await scheduler.runDueTimers();

    expect(fire.mock.calls.map(([row]) => row.caseRevision)).toEqual([4, 5]);
  });

  it('retries a timer whose command failed for want of the store, and carries on with the others', async () => {
    await schedule(
      timerRow('case-a', '2026-03-03T10:00:00.000Z'),
      timerRow('case-b', '2026-03-03T11:00:00.000Z'),
    );
    fire.mockRejectedValueOnce(new Error('database is locked'));

    const first = await scheduler.runDueTimers();
    await scheduler.runDueTimers();

    expect(first.fired).toBe(1);
    expect(firedIds()).toEqual([
      slaTimerId('case-a', 'first-response-breach', '2026-03-03T10:00:00.000Z'),
      slaTimerId('case-b', 'first-response-breach', '2026-03-03T11:00:00.000Z'),
      slaTimerId('case-a', 'first-response-breach', '2026-03-03T10:00:00.000Z'),
    ]);
  });

  it('fires only the given case when asked for one', async () => {
    await schedule(
      timerRow('case-a', '2026-03-03T10:00:00.000Z'),
      timerRow('case-b', '2026-03-03T11:00:00.000Z'),
    );
    await scheduler.runDueTimers({ caseId: 'case-b' });
    expect(firedIds()).toEqual([slaTimerId('case-b', 'first-response-breach', '2026-03-03T11:00:00.000Z')]);
  });

  it('stands by, firing nothing, while another process holds the lease', async () => {
    await schedule(timerRow('case-a', '2026-03-03T10:00:00.000Z'));
    await readModels.tryAcquireLease(SLA_TIMERS_LEASE, 'another-process', 60_000);

    expect(await scheduler.runDueTimers()).toEqual({ active: false, fired: 0, recorded: 0 });
    expect(fire).not.toHaveBeenCalled();
  });

  it('says once when it stands by and once when it takes over, not every round', async () => {
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    await readModels.tryAcquireLease(SLA_TIMERS_LEASE, 'another-process', 60_000);
    await scheduler.runDueTimers();
    await scheduler.runDueTimers();
    await readModels.releaseLease(SLA_TIMERS_LEASE, 'another-process');
    await scheduler.runDueTimers();
    await scheduler.runDueTimers();

    const lines = log.mock.calls.map(([message]) => String(message));
    log.mockRestore();
    expect(lines.filter((line) => line.includes('standing by'))).toHaveLength(1);
    expect(lines.filter((line) => line.includes('holds the lease: firing timers'))).toHaveLength(1);
  });

  it('fires nothing while the cases read model catches up far behind the log, and fires once it follows', async () => {
    await schedule(timerRow('case-a', '2026-03-03T10:00:00.000Z'));
    notYetProjected = CATCHING_UP_BEYOND_EVENTS + 1;

    const waiting = await scheduler.runDueTimers();
    expect(fire).not.toHaveBeenCalled();
    expect(waiting).toEqual({
      active: true,
      fired: 0,
      recorded: 0,
      waitingForCasesBehindBy: CATCHING_UP_BEYOND_EVENTS + 1,
    });

    // A live load's lag (commands wait for the projections beyond it) is not a catch-up.
    notYetProjected = CATCHING_UP_BEYOND_EVENTS;
    expect(await scheduler.runDueTimers()).toEqual({ active: true, fired: 1, recorded: 0 });
  });

  it("still fires a case's own due timers while the read model catches up (its row has its latest event)", async () => {
    await schedule(timerRow('case-a', '2026-03-03T10:00:00.000Z'));
    notYetProjected = CATCHING_UP_BEYOND_EVENTS * 10;

    await scheduler.runDueTimers({ caseId: 'case-a' });
    expect(firedIds()).toEqual([slaTimerId('case-a', 'first-response-breach', '2026-03-03T10:00:00.000Z')]);
  });

  it('reviews Mission Critical cover on its tick only once the cases read model follows the log', async () => {
    const tick = () => (scheduler as unknown as { tick(): Promise<void> }).tick();
    notYetProjected = CATCHING_UP_BEYOND_EVENTS + 1;
    await tick();
    expect(missionCriticalReview).not.toHaveBeenCalled();

    notYetProjected = 0;
    await tick();
    expect(missionCriticalReview).toHaveBeenCalledTimes(1);
  });

  it('says once when it starts waiting for the catch-up and once when it fires again', async () => {
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    notYetProjected = 5_000;
    await scheduler.runDueTimers();
    await scheduler.runDueTimers();
    notYetProjected = 0;
    await scheduler.runDueTimers();
    await scheduler.runDueTimers();

    const lines = log.mock.calls.map(([message]) => String(message));
    log.mockRestore();
    expect(
      lines.filter((line) => line.includes('wait for the cases read model to catch up (5000 events behind)')),
    ).toHaveLength(1);
    expect(lines.filter((line) => line.includes('caught up: SLA timers fire again'))).toHaveLength(1);
  });

  it('runs rounds one at a time, so concurrent callers never send the same timer twice', async () => {
    await schedule(timerRow('case-a', '2026-03-03T10:00:00.000Z'));
    await Promise.all([scheduler.runDueTimers(), scheduler.runDueTimers(), scheduler.runDueTimers()]);
    expect(fire).toHaveBeenCalledTimes(1);
  });

  it("reacts to a case event once the timer table has it, firing only that case's due timers", async () => {
    const steps: string[] = [];
    const scheduled = async () => {
      steps.push('timer table caught up');
      await schedule(
        timerRow('case-a', '2026-03-03T10:00:00.000Z'),
        timerRow('case-b', '2026-03-03T10:00:00.000Z'),
      );
    };
    fire.mockImplementation(async (row) => {
      steps.push(`fired ${row.caseId}`);
      return { outcome: 'recorded', events: ['SlaTargetBreached'] };
    });

    const report = await scheduler.runDueTimersOnceScheduled(scheduled, { caseId: 'case-b' });

    expect(steps).toEqual(['timer table caught up', 'fired case-b']);
    expect(report).toEqual({ active: true, fired: 1, recorded: 1 });
  });

  it('leaves to the next tick a reaction whose wait failed, without throwing', async () => {
    const report = await scheduler.runDueTimersOnceScheduled(
      async () => {
        throw new Error('store closed');
      },
      { caseId: 'case-a' },
    );
    expect(report).toEqual({ active: false, fired: 0, recorded: 0 });
  });

  it('lets a pending reaction finish before shutting down, and takes no new ones', async () => {
    await schedule(timerRow('case-a', '2026-03-03T10:00:00.000Z'));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const pending = scheduler.runDueTimersOnceScheduled(() => gate, { caseId: 'case-a' });

    const shutdown = scheduler.beforeApplicationShutdown();
    const refused = await scheduler.runDueTimersOnceScheduled(async () => undefined, { caseId: 'case-a' });
    release();
    await shutdown;

    expect(refused.active).toBe(false);
    expect((await pending).active).toBe(false);
    expect(fire).not.toHaveBeenCalled();
  });

  it('gives the lease up on shutdown, for a standby to take over at once', async () => {
    await scheduler.runDueTimers();
    await scheduler.beforeApplicationShutdown();
    expect(await readModels.tryAcquireLease(SLA_TIMERS_LEASE, 'standby', 60_000)).toBe(true);
  });
});
