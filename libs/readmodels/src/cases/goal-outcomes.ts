import type { OpenedCase, SlaTarget } from '@casetrail/domain';
// The dashboard's own far-future sentinel (the cases projection's `NEVER` is the same instant).
import { NO_DEADLINE } from '../reporting/reporting-collections';

/** Sorts before every real instant: a recorded breach is missed whatever the time now. */
export const ALREADY = '0000-01-01T00:00:00.000Z';

/**
 * How the SLA dashboard counts a case's goals, as queryable columns, so the case list drilled down
 * from a figure (`firstResponse=met|missed`, `resolution=...`, `goalSeverity`) holds exactly the
 * cases the figure counted (GoalTally in the dashboard):
 *  - `...GoalSeverity`: the severity the target's goal ran on (a goal counts under it, not under the
 *    case's current severity);
 *  - `...Met`: met on time (a target answered late stays breached, and is missed);
 *  - `...MissedFrom`: from when it counts as missed, compared with now at query time: at once
 *    (`ALREADY`) for a recorded breach, its due time while it runs, never while paused (a frozen
 *    clock is not missed) or met.
 * A redirected case's resolution counts neither met nor missed: the case was referred elsewhere.
 */
export interface GoalOutcomes {
  firstResponseGoalSeverity: number;
  firstResponseMet: boolean;
  firstResponseMissedFrom: string;
  resolutionGoalSeverity: number;
  resolutionMet: boolean;
  resolutionMissedFrom: string;
}

export const GOAL_OUTCOME_FIELDS = [
  'firstResponseGoalSeverity',
  'firstResponseMet',
  'firstResponseMissedFrom',
  'resolutionGoalSeverity',
  'resolutionMet',
  'resolutionMissedFrom',
] as const satisfies readonly (keyof GoalOutcomes)[];

export function goalOutcomes(state: OpenedCase): GoalOutcomes {
  const { firstResponse, resolution } = state.targets;
  const resolutionCounts = state.status !== 'redirected';
  return {
    firstResponseGoalSeverity: firstResponse.severity,
    firstResponseMet: firstResponse.state === 'met',
    firstResponseMissedFrom: missedFrom(firstResponse),
    resolutionGoalSeverity: resolution.severity,
    resolutionMet: resolutionCounts && resolution.state === 'met',
    resolutionMissedFrom: resolutionCounts ? missedFrom(resolution) : NO_DEADLINE,
  };
}

function missedFrom(target: SlaTarget): string {
  if (target.state === 'breached') return ALREADY;
  if (target.state === 'running') return target.dueAt;
  return NO_DEADLINE;
}
