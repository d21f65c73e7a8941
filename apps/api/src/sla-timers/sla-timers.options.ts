/** How the SLA process manager runs in this process. */
export interface SlaTimersOptions {
  /** Fire timers here: where projections run (the API in embedded mode, else the projector). */
  run: boolean;
  /** How often due timers are looked for (default 1 s). */
  tickIntervalMs?: number;
  /** How long the scheduler's lease outlives its last renewal: a standby takes over this long after a crash (default 15 s). */
  leaseTtlMs?: number;
  /**
   * How often live cases are checked against their account's Mission Critical cover (default 60 s):
   * a licence issued, re-planned, renewed, ended early or expired (LicenceExpired) is followed at once
   * (the saga); this round is the safety net for reactions lost with a crash.
   */
  missionCriticalReviewIntervalMs?: number;
}

export type ResolvedSlaTimersOptions = Required<SlaTimersOptions>;

export const SLA_TIMERS_OPTIONS = Symbol('SlaTimersOptions');

/** One scheduler fires at a time across all processes: the holder of this lease. */
export const SLA_TIMERS_LEASE = 'sla-timers';

export function resolveSlaTimersOptions(options: SlaTimersOptions): ResolvedSlaTimersOptions {
  return { tickIntervalMs: 1_000, leaseTtlMs: 15_000, missionCriticalReviewIntervalMs: 60_000, ...options };
}
