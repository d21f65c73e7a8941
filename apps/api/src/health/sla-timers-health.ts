import { whyNotHeld, type LeaseView } from '../storage/lease-inspector';
import type { HealthThresholds } from './health-thresholds';

/**
 * Whose scheduler fires the SLA timers, by its lease: this process (on its event loop or its
 * projector thread), another process (`casetrail project`, or another API instance), none (the
 * lease was released, expired, or is held by a process that has exited), or unknown (this process
 * cannot read leases).
 */
export type SlaTimersHeldBy = 'this-process' | 'another-process' | 'none' | 'unknown';

/** As a projection's that runs in another process: `active` while a live process holds the lease. */
export type SlaTimersState = 'active' | 'no-runner' | 'unknown';

export interface SlaTimersHealth {
  heldBy: SlaTimersHeldBy;
  state: SlaTimersState;
  /** The scheduler's lease (null: nobody holds it); absent where leases cannot be read. */
  lease?: LeaseView | null;
  /** Cases with a timer due by now and not fired yet: the scheduler's next round sends them. */
  dueCases: number;
  /** Of those, the cases whose timer has been due longer than the grace: nobody is firing them. */
  overdueCases: number;
  /** When the timer that has waited longest came due (present while some are overdue). */
  oldestOverdueAt?: string;
  /** Why the SLA timers make /health degraded. */
  problem?: string;
}

export interface SlaTimersJudgement extends Pick<HealthThresholds, 'slaTimerGraceMs'> {
  /** This process runs a scheduler (embedded mode), so it should hold the lease itself. */
  schedulerHere: boolean;
  /**
   * The cases projection has applied the log (or is behind by less than the grace): only then do
   * the case rows' `nextTimerAt` say which timers wait. While it catches up (a restart over a long
   * log, a rebuild finishing, a projection failed), rows still show timers already fired, and
   * /health says so under the projection, not here.
   */
  casesProjectionCurrent: boolean;
}

/**
 * What /health says is wrong with the SLA timers, if anything. Nobody holding the lease while a
 * timer is due is reported at once (as a projection with no runner while events wait): nothing
 * will fire it. With a holder, or where the leases cannot be read, only timers due longer than
 * the grace are: a fired timer records an event and leaves the case row, so one still there is
 * not being fired. A desk with no timer due is never degraded, whoever holds the lease.
 */
export function slaTimersProblem(
  health: Omit<SlaTimersHealth, 'problem'>,
  judgement: SlaTimersJudgement,
): string | undefined {
  const { dueCases, overdueCases, lease } = health;
  if (health.state === 'no-runner') {
    if (dueCases === 0) return undefined;
    // Here, the scheduler takes the lease by itself on its next tick; elsewhere someone must start one.
    const remedy = judgement.schedulerHere
      ? "this process's scheduler should take it within a second: see its `SlaTimers` log lines"
      : 'start `casetrail project`';
    return `${plural(dueCases, 'case')} with a timer due and no scheduler at work (${whyNotHeld(lease)}), so no at-risk warning, breach or overdue escalation is recorded: ${remedy}`;
  }
  if (overdueCases === 0 || !judgement.casesProjectionCurrent) return undefined;
  const overdue = `${plural(overdueCases, 'case')} with a timer due for over ${seconds(judgement.slaTimerGraceMs)} and not fired (the oldest due at ${health.oldestOverdueAt ?? 'unknown'})`;
  if (health.state === 'unknown') return `${overdue}; cannot tell who runs the scheduler`;
  const holder = health.heldBy === 'this-process' ? 'this process' : (lease?.holder ?? 'another process');
  return `${overdue}, though ${holder} holds the scheduler's lease: see its \`SlaTimers\` log lines`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function seconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}
