import { Inject, Injectable } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { isLeaseOwnerProcessGone, processLeaseOwner, type ReadModelStore } from '@casetrail/readmodels';
import { READ_MODEL_STORE } from '../storage/storage.tokens';
import { SLA_TIMERS_LEASE, SLA_TIMERS_OPTIONS, type ResolvedSlaTimersOptions } from './sla-timers.options';

/**
 * The single-scheduler lease. Lease expiry is judged by the store in real time, so renewals are
 * paced with the monotonic clock, never the injected CLOCK (which tests move by days).
 */
@Injectable()
export class SlaTimerLease {
  readonly owner = processLeaseOwner();
  private renewedAt?: number;

  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(SLA_TIMERS_OPTIONS) private readonly options: ResolvedSlaTimersOptions,
  ) {}

  /** Acquire or renew now; false while another process holds it. */
  async renew(): Promise<boolean> {
    const requestedAt = performance.now();
    const held = await this.readModels.tryAcquireLease(
      SLA_TIMERS_LEASE,
      this.owner,
      this.options.leaseTtlMs,
      isLeaseOwnerProcessGone,
    );
    this.renewedAt = held ? requestedAt : undefined;
    return held;
  }

  /** Renew when a third of the TTL has gone by since the last renewal, so a long run never outlives it. */
  async keep(): Promise<boolean> {
    if (this.renewedAt !== undefined && performance.now() - this.renewedAt < this.options.leaseTtlMs / 3)
      return true;
    return this.renew();
  }

  /** Give the lease up at once (graceful stop), so a standby need not wait for it to expire. */
  async release(): Promise<void> {
    if (this.renewedAt === undefined) return;
    this.renewedAt = undefined;
    await this.readModels.releaseLease(SLA_TIMERS_LEASE, this.owner);
  }
}
