import { performance } from 'node:perf_hooks';
import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import type { EventStore } from '@casetrail/eventstore';
import { findEach, type ReadModelStore } from '@casetrail/readmodels';
import { CASES, casesProjection, type CaseDocument } from '@casetrail/readmodels/cases/cases.projection';
import {
  slaTimerDocuments,
  type ScheduledCase,
  type SlaTimerDocument,
} from '@casetrail/readmodels/sla-timers/sla-timer-schedule';
import { MAX_EVENTS_AHEAD_OF_READ_MODELS } from '../commands/command-gateway';
import { CLOCK, Clock } from '../runtime/runtime';
import { EVENT_STORE, READ_MODEL_STORE } from '../storage/storage.tokens';
import { CaseEventRelay } from './case-event-relay';
import { LicenceLapses } from './licence-lapses';
import { MissionCriticalReview, type MissionCriticalReviewReport } from './mission-critical-review';
import { SlaTimerFirer } from './sla-timer-firer';
import { SlaTimerLease } from './sla-timer-lease';
import { SLA_TIMERS_OPTIONS, type ResolvedSlaTimersOptions } from './sla-timers.options';

/** What one round of the scheduler did. */
export interface SlaTimerRunReport {
  /** False when another process holds the lease (this one is on standby) or this one is stopping. */
  active: boolean;
  /** Timers whose command was sent this round. */
  fired: number;
  /** Events the round appended (a full round's LicenceExpired included). */
  recorded: number;
  /**
   * Set when the round fired nothing because the cases read model is catching up: how many events
   * it is behind the log's head.
   */
  waitingForCasesBehindBy?: number;
}

/**
 * Behind the head by more than this, the cases read model is catching up (a first start over a long
 * log, lost read models, a long stop), not following: live load never leaves it further behind,
 * since commands then wait for the projections (the same bound).
 */
export const CATCHING_UP_BEYOND_EVENTS = MAX_EVENTS_AHEAD_OF_READ_MODELS;

const PAGE_SIZE = 200;

/**
 * The SLA process manager's clock: every tick (and at once on start, to catch up on timers that
 * came due while no process was running) it finds the cases with a timer due by now (their rows'
 * `nextTimerAt`) and sends the commands of their due timers, earliest case first. Exactly once per
 * target comes from the write side: each command has a deterministic id, and the decider records
 * nothing that is stale or already recorded.
 *
 * A timer whose command was sent is settled at the case revision it was derived from and not sent
 * again until the projection re-derives it at a newer revision (or removes it). That keeps a timer
 * that records nothing (stale, refused) from being retried every second; the marks live in memory,
 * so after a restart such a timer is tried once more, harmlessly.
 */
@Injectable()
export class SlaTimerScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('SlaTimers');
  /** Timer id -> case revision at which it was fired. */
  private readonly settled = new Map<string, number>();
  private interval?: NodeJS.Timeout;
  private stopping = false;
  private tickInFlight = false;
  /** Rounds run one at a time (tick, saga, tests), so a timer is never sent twice concurrently here. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Saga reactions waiting for the timer table; shutdown lets them finish before the stores close. */
  private readonly reactions = new Set<Promise<unknown>>();
  /** Whether the last round held the lease (undefined before the first), for its log lines. */
  private holdsLease?: boolean;
  /** Monotonic time of the last mission-critical review (never: the first tick that holds the lease runs one). */
  private reviewedAt?: number;
  /** Whether the last full round waited for the cases read model to catch up, for its log lines. */
  private waitingForCases = false;

  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(EVENT_STORE) private readonly events: Pick<EventStore, 'headPosition'>,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SlaTimerFirer) private readonly firer: SlaTimerFirer,
    @Inject(SlaTimerLease) private readonly lease: SlaTimerLease,
    @Inject(CaseEventRelay) private readonly relay: CaseEventRelay,
    @Inject(MissionCriticalReview) private readonly missionCritical: MissionCriticalReview,
    @Inject(LicenceLapses) private readonly lapses: LicenceLapses,
    @Inject(SLA_TIMERS_OPTIONS) private readonly options: ResolvedSlaTimersOptions,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.options.run) return;
    this.interval = setInterval(() => void this.tick(), this.options.tickIntervalMs);
    this.interval.unref();
    void this.tick();
    this.logger.log(`SLA timers scheduler ${this.lease.owner} started`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearInterval(this.interval);
    await this.relay.stop();
    await Promise.allSettled([...this.reactions]);
    await this.queue;
    try {
      await this.lease.release();
    } catch (error) {
      this.logger.warn(`Could not release the SLA timers lease; it will expire: ${describe(error)}`);
    }
  }

  /**
   * Fire every timer due by now (of one case, when `caseId` is given), if this process holds the
   * lease. Tests call it instead of waiting for a tick.
   */
  runDueTimers(scope: { caseId?: string } = {}): Promise<SlaTimerRunReport> {
    const run = this.queue.then(() => this.fireDue(scope));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Bring live cases in step with their account's Mission Critical cover (of one account, when
   * `accountId` is given), if this process holds the lease. The tick runs it over all accounts every
   * `missionCriticalReviewIntervalMs`; the saga runs it for an account whose licence changed; tests
   * call it directly.
   */
  reviewMissionCritical(
    scope: { accountId?: string } = {},
  ): Promise<MissionCriticalReviewReport | undefined> {
    const run = this.queue.then(async () => {
      if (this.stopping || !(await this.lease.keep())) return undefined;
      // One account's review (the saga's) does not stand in for the periodic round over all.
      if (!scope.accountId) this.reviewedAt = performance.now();
      return this.missionCritical.run(scope);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * The saga's reaction to a licence event that may change an account's Mission Critical cover:
   * once `caughtUp` resolves (the read models include the event), review that account's live cases
   * at once. Failures are logged, not thrown: the periodic review covers them.
   */
  async reviewAccountOnceCaughtUp(
    caughtUp: () => Promise<unknown>,
    accountId: string,
  ): Promise<MissionCriticalReviewReport | undefined> {
    return this.react(
      caughtUp,
      () => this.reviewMissionCritical({ accountId }),
      undefined,
      `Mission Critical cover of account ${accountId} not reviewed; the periodic review will`,
    );
  }

  /**
   * The saga's reaction to a case event: once `scheduled` resolves (the timer table includes the
   * event), fire what is due of that case. Failures are logged, not thrown: the tick covers them.
   */
  async runDueTimersOnceScheduled(
    scheduled: () => Promise<unknown>,
    scope: { caseId: string },
  ): Promise<SlaTimerRunReport> {
    return this.react(
      scheduled,
      () => this.runDueTimers(scope),
      { active: false, fired: 0, recorded: 0 },
      `SLA timers of case ${scope.caseId} not checked; the next tick will`,
    );
  }

  /**
   * A saga reaction: once `ready` resolves, `act`, tracked in `reactions` so stopping waits for it.
   * Stopping, or failing, answers `idle`; a failure is logged as `notDone` and its cause.
   */
  private async react<T>(
    ready: () => Promise<unknown>,
    act: () => Promise<T>,
    idle: T,
    notDone: string,
  ): Promise<T> {
    if (this.stopping) return idle;
    const reaction = (async () => {
      await ready();
      return act();
    })();
    this.reactions.add(reaction);
    try {
      return await reaction;
    } catch (error) {
      this.logger.warn(`${notDone}: ${describe(error)}`);
      return idle;
    } finally {
      this.reactions.delete(reaction);
    }
  }

  private async tick(): Promise<void> {
    // A slow round (a long catch-up) is not queued behind by further ticks.
    if (this.tickInFlight || this.stopping) return;
    this.tickInFlight = true;
    try {
      const round = await this.runDueTimers();
      // Paced with the monotonic clock: tests move the injected CLOCK by days.
      const interval = this.options.missionCriticalReviewIntervalMs;
      const current = round.waitingForCasesBehindBy === undefined;
      if (round.active && current && !(performance.now() - (this.reviewedAt ?? -Infinity) < interval)) {
        await this.reviewMissionCritical();
      }
    } catch (error) {
      this.logger.error(`SLA timers round failed; retrying next tick: ${describe(error)}`);
    } finally {
      this.tickInFlight = false;
    }
  }

  /**
   * One line when this scheduler starts or stops firing timers: with several processes, "started"
   * alone did not say which one is at work and which stands by.
   */
  private logLeaseChange(holds: boolean): void {
    if (holds === this.holdsLease) return;
    this.holdsLease = holds;
    // Another process held the lease meanwhile: what it recorded is not in this one's marks.
    if (holds) this.lapses.forget();
    if (holds) this.logger.log(`SLA timers scheduler ${this.lease.owner} holds the lease: firing timers`);
    else
      this.logger.log(
        `SLA timers scheduler ${this.lease.owner} standing by: another process holds the lease`,
      );
  }

  private async fireDue(scope: { caseId?: string }): Promise<SlaTimerRunReport> {
    const report: SlaTimerRunReport = { active: false, fired: 0, recorded: 0 };
    if (this.stopping) return report;
    // keep(), not renew(): the saga runs a round per case event, and a lease write (a disk sync)
    // on every one of them would cost more than the round itself.
    const holds = await this.lease.keep();
    this.logLeaseChange(holds);
    if (!holds) {
      await this.relay.stop();
      return report;
    }
    report.active = true;
    if (this.options.run) await this.relay.start();
    // A full round also records the licences that reached their end since the last one (every one
    // past its end, on this process's first round): a licence's end is a timer of its own.
    if (!scope.caseId) {
      report.recorded += (await this.lapses.run(this.clock.now())).recorded;
      const behindBy = await this.casesCatchingUpBy();
      if (behindBy !== undefined) return { ...report, waitingForCasesBehindBy: behindBy };
    }

    const now = this.clock.now().toISOString();
    const seen = new Set<string>();
    for await (const scheduled of this.casesDue(now, scope.caseId)) {
      for (const timer of slaTimerDocuments(scheduled)) {
        if (timer.fireAt > now) break;
        seen.add(timer.id);
        if (this.settled.get(timer.id) === timer.caseRevision) continue;
        if (this.stopping || !(await this.lease.keep())) return { ...report, active: false };
        const firing = await this.fireOne(timer, now);
        if (!firing) continue;
        report.fired += 1;
        report.recorded += firing.events.length;
      }
    }

    // Forget marks of timers that are gone (re-derived or removed), so the map does not grow.
    if (!scope.caseId) for (const id of this.settled.keys()) if (!seen.has(id)) this.settled.delete(id);
    return report;
  }

  /**
   * How far behind the head the cases read model is while it catches up (undefined: it follows).
   * Its rows then show cases as they stood long ago: a round would send a command for nearly every
   * case whose old row had a timer due, each deciding nothing against the case's real stream
   * (28,153 such commands, for 14 breaches recorded, on a first start over 186,898 events), and
   * slow the catch-up down. A case's own event still fires its due timers (the saga's reaction,
   * once the case's row includes that event).
   */
  private async casesCatchingUpBy(): Promise<number | undefined> {
    const [head, checkpoint] = await Promise.all([
      this.events.headPosition(),
      this.readModels.getCheckpoint(casesProjection.name),
    ]);
    const behindBy = head - checkpoint;
    const catchingUp = behindBy > CATCHING_UP_BEYOND_EVENTS;
    if (catchingUp !== this.waitingForCases) {
      this.waitingForCases = catchingUp;
      if (catchingUp)
        this.logger.log(`SLA timers wait for the cases read model to catch up (${behindBy} events behind)`);
      else this.logger.log('Cases read model caught up: SLA timers fire again');
    }
    return catchingUp ? behindBy : undefined;
  }

  /** The cases (just `caseId`'s, when given) with a timer due by `now`, the earliest due first. */
  private async *casesDue(now: string, caseId?: string): AsyncGenerator<ScheduledCase> {
    if (caseId) {
      const scheduled = await this.readModels.get<CaseDocument>(CASES, caseId);
      if (scheduled && scheduled.nextTimerAt <= now) yield scheduled;
      return;
    }
    yield* findEach<CaseDocument>(
      this.readModels,
      CASES,
      { where: { nextTimerAt: { lte: now } }, orderBy: [{ field: 'nextTimerAt', direction: 'asc' }] },
      PAGE_SIZE,
    );
  }

  private async fireOne(timer: SlaTimerDocument, now: string) {
    try {
      const firing = await this.firer.fire(timer, now);
      this.settled.set(timer.id, timer.caseRevision);
      return firing;
    } catch (error) {
      this.logger.warn(`${timer.id}: could not be fired; retrying next round: ${describe(error)}`);
      return undefined;
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
