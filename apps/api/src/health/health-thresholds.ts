/** When /health calls the desk degraded; injectable so tests need not wait for real time to pass. */
export interface HealthThresholds {
  /**
   * Longest a projection may leave an event unapplied (30 s): longer than a lease's time to live
   * (15 s), so a standby taking over from a crashed runner on another host, and catching up, does
   * not flap /health; short enough that a stalled projector is reported on a quiet desk, where the
   * lag alone stays small. Reads wait at most 5 s for the projections, so a projection this far
   * behind makes them slow or stale.
   */
  behindGraceMs: number;
  /** Events a projection may have left unapplied, however recent they are (10,000). */
  lagWarning: number;
  /**
   * Longest a case may keep an SLA timer due and not fired while a scheduler holds its lease (60 s).
   * A healthy scheduler looks every second, but its rounds run one at a time (a catch-up, or the
   * Mission Critical review every minute, delays the next); a fired timer leaves the case row only
   * once the cases projection applies what it recorded, which may lag by up to `behindGraceMs`; and
   * a standby takes the lease over up to its time to live (15 s) after a crash. 60 s is past the sum,
   * so none of these flaps /health, and a warning or breach recorded a minute late is still news.
   * Timed by the application clock, as the scheduler is (see `SlaTimersHealthReader`).
   */
  slaTimerGraceMs: number;
  /**
   * Epoch milliseconds now, to age the oldest event a projection has not applied: the store stamps
   * events with the wall clock, not the application clock tests move.
   */
  now: () => number;
}

export const HEALTH_THRESHOLDS = Symbol('HealthThresholds');

export const DEFAULT_HEALTH_THRESHOLDS: HealthThresholds = {
  behindGraceMs: 30_000,
  lagWarning: 10_000,
  slaTimerGraceMs: 60_000,
  now: () => Date.now(),
};
