import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { ReadModelStore } from '@casetrail/readmodels';
import { CASES, type CaseDocument } from '@casetrail/readmodels/cases/cases.projection';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG, CLOCK, type Clock } from '../runtime/runtime';
import { SLA_TIMERS_LEASE } from '../sla-timers/sla-timers.options';
import { isHeld, LeaseInspector, type LeaseView } from '../storage/lease-inspector';
import { READ_MODEL_STORE } from '../storage/storage.tokens';
import { isThisProcessLeaseOwner } from '../storage/this-process-lease-owner';
import { HEALTH_THRESHOLDS, type HealthThresholds } from './health-thresholds';
import type { ProjectionHealth } from './projection-health';
import { slaTimersProblem, type SlaTimersHealth, type SlaTimersHeldBy } from './sla-timers-health';

/**
 * The SLA timer scheduler, wherever it runs: who holds its lease (the only trace it leaves in the
 * store) and how many cases have a timer due that it has not fired. It fires a case's due timers
 * by the case row's `nextTimerAt` (its earliest timer), and what it records moves that on, so the
 * rows with `nextTimerAt` at or before now are the timers still waiting, whatever the reason:
 * a scheduler standing still, failing rounds, or none at all. Closed and redirected cases have no
 * timers (`nextTimerAt` is never), so this counts live cases, the resolved ones awaiting automatic
 * closure included, as the scheduler's own query does.
 */
@Injectable()
export class SlaTimersHealthReader {
  private readonly logger = new Logger('Health');

  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    // The application clock, not the wall clock: timers come due by it (tests move it by days).
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'embeddedProjector'>,
    @Inject(HEALTH_THRESHOLDS) private readonly thresholds: HealthThresholds,
    @Optional() @Inject(LeaseInspector) private readonly leases?: LeaseInspector | null,
  ) {}

  /** `casesProjection`: the cases projection's health, as /health reports it (see `casesProjectionCurrent`). */
  async read(casesProjection?: ProjectionHealth): Promise<SlaTimersHealth> {
    const now = this.clock.now().getTime();
    const overdueBy = new Date(now - this.thresholds.slaTimerGraceMs).toISOString();
    const [leases, dueCases, overdueCases] = await Promise.all([
      this.leases?.inspectIfReadable((error) =>
        this.logger.warn(
          `Cannot read the SLA timers lease, so /health cannot say who fires them: ${error instanceof Error ? error.message : String(error)}`,
        ),
      ),
      this.casesWithTimer({ lte: new Date(now).toISOString() }),
      // Overdue: due for more than the grace, as a projection is behind for more than its own.
      this.casesWithTimer({ lt: overdueBy }),
    ]);
    const lease = leases ? (leases.get(SLA_TIMERS_LEASE) ?? null) : undefined;
    const heldBy = this.heldBy(lease);
    const oldestOverdueAt = overdueCases > 0 ? await this.earliestTimer() : undefined;
    const health: SlaTimersHealth = {
      heldBy,
      state: heldBy === 'unknown' ? 'unknown' : heldBy === 'none' ? 'no-runner' : 'active',
      ...(lease === undefined ? {} : { lease }),
      dueCases,
      overdueCases,
      ...(oldestOverdueAt ? { oldestOverdueAt } : {}),
    };
    const problem = slaTimersProblem(health, {
      slaTimerGraceMs: this.thresholds.slaTimerGraceMs,
      schedulerHere: this.config.embeddedProjector,
      casesProjectionCurrent: isCurrent(casesProjection, this.thresholds.slaTimerGraceMs),
    });
    return problem ? { ...health, problem } : health;
  }

  /**
   * Only where this process runs a scheduler (embedded) can the holder be this process. Elsewhere
   * the holder is another process even when it shares this one's id (a test that runs the
   * projector beside the API, in one process).
   */
  private heldBy(lease: LeaseView | null | undefined): SlaTimersHeldBy {
    if (lease === undefined) return 'unknown';
    if (!lease || !isHeld(lease)) return 'none';
    return this.config.embeddedProjector && isThisProcessLeaseOwner(lease.holder)
      ? 'this-process'
      : 'another-process';
  }

  private casesWithTimer(dueAt: { lte: string } | { lt: string }): Promise<number> {
    return this.readModels.count(CASES, { nextTimerAt: dueAt });
  }

  /** The earliest `nextTimerAt` of all: while some are overdue, that of the one waiting longest. */
  private async earliestTimer(): Promise<string | undefined> {
    const { items } = await this.readModels.find<Pick<CaseDocument, 'nextTimerAt'>>(CASES, {
      orderBy: [{ field: 'nextTimerAt', direction: 'asc' }],
      limit: 1,
    });
    return items[0]?.nextTimerAt;
  }
}

/** Active, and not behind for longer than the grace (unknown: judged as current, as before). */
function isCurrent(projection: ProjectionHealth | undefined, graceMs: number): boolean {
  if (!projection) return true;
  if (projection.state !== 'active') return false;
  return projection.lag === 0 || (projection.behindForMs ?? 0) <= graceMs;
}
