import type { Severity } from '../../policy/support-vocabulary';
import type { IsoInstant } from '../time/iso-instant';
import type { SlaDuration } from '../time/sla-duration';

export type SlaTargetKind = 'first-response' | 'resolution';

/**
 * - running: the clock is counting;
 * - paused: the case awaits the customer (resolution only); `dueAt` is frozen and moves on resume;
 * - met: stopped on time (`metAt` before `dueAt`);
 * - breached: `dueAt` passed unmet. A breached target that is later answered or resolved stays
 *   `breached` for reporting and gains `metAt`.
 */
export type SlaTargetState = 'running' | 'paused' | 'met' | 'breached';

/** A stretch of time while the clock was paused; `to` is absent while the pause lasts. */
export interface SlaPause {
  from: IsoInstant;
  to?: IsoInstant;
}

/**
 * One SLA target as recorded in events: plain data that explains itself (goal, policy version,
 * when the clock started, every pause, the computed instants).
 *
 * `dueAt` is the first instant at which the target is breached if still unmet, so a reply at
 * `dueAt - 1 ms` is on time; `atRiskAt` likewise is the first instant of the at-risk warning.
 */
export interface SlaTarget {
  kind: SlaTargetKind;
  /** Severity the goal was taken from. */
  severity: Severity;
  /** The goal as configured, e.g. `{ amount: 1, unit: 'hours', clock: 'wall' }`. */
  goal: SlaDuration;
  /** Share of the goal after which the target is at risk (from the policy). */
  atRiskShare: number;
  policyVersion: string;
  /** When this clock started: the case's opening, or the severity upgrade that restarted it. */
  startedAt: IsoInstant;
  dueAt: IsoInstant;
  atRiskAt: IsoInstant;
  state: SlaTargetState;
  /**
   * Every pause since the case opened (kept across severity changes), oldest first, including a wait
   * for the customer after a breach (`pauseTarget`).
   */
  pauses: readonly SlaPause[];
  /**
   * When the latest at-risk warning was recorded. It covers every warning point at or before it, so
   * a warning is owed only while `atRiskAt` is later (see `atRiskWarningOwed`); kept across severity
   * changes.
   */
  atRiskRaisedAt?: IsoInstant;
  /**
   * The most urgent run of this clock that a severity downgrade ended: the severity it ran under
   * and when it started. An upgrade back holds the clock to that run while its deadline is still
   * ahead, so lowering the severity and raising it again never buys time (see
   * `recomputeTargetsOnSeverityChange`). Absent on clocks never downgraded.
   */
  downgradedFrom?: EndedRun;
  /**
   * The last run of this clock at each severity a change (raise or downgrade) left, with the
   * deadlines it had then, one per severity. A later raise to that severity or a more urgent one is
   * never due later than it (moved on by the waits for the customer since) while it is still ahead,
   * so 2 to 1, 3, then back to 2 stays due when severity 2 was. Absent on clocks never changed and on
   * those recorded before it was.
   */
  endedRuns?: readonly EndedRun[];
  metAt?: IsoInstant;
  breachedAt?: IsoInstant;
}

/**
 * A run a severity change ended. `dueAt` and `atRiskAt` are the deadlines it had at the change,
 * stated as of `statedAsOf` (the change, or the instant the clock froze if the case awaited the
 * customer): a run started by a raise may have been held to an earlier deadline ("never later than
 * it was already due"), which its start and goal alone do not tell. Runs recorded before these
 * three fields existed have only the severity and the start; an upgrade back to them counts from
 * the start alone, as it did when they were recorded. A downgrade back to a run's severity resumes
 * it while its deadline is still ahead (see `recomputeTargetsOnSeverityChange`).
 */
export interface EndedRun {
  severity: Severity;
  startedAt: IsoInstant;
  dueAt?: IsoInstant;
  atRiskAt?: IsoInstant;
  statedAsOf?: IsoInstant;
  /**
   * The goal, at-risk share and policy version the run's deadlines were computed under, so a
   * return to its severity resumes it as it was even when the policy in force has changed since
   * (absent on runs recorded before: the policy in force then stands in).
   */
  goal?: SlaDuration;
  atRiskShare?: number;
  policyVersion?: string;
}

/** Both targets of a case. */
export interface SlaTargets {
  firstResponse: SlaTarget;
  resolution: SlaTarget;
}
