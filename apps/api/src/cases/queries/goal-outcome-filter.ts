import type { Where } from '@casetrail/readmodels';
import { ValidationProblemException } from '../../problems/validation-problem.exception';

/** The dashboard's two goal figures, as the case list names them. */
export const GOAL_OUTCOMES = ['met', 'missed'] as const;
export type GoalOutcome = (typeof GOAL_OUTCOMES)[number];

export interface GoalOutcomeFilters {
  firstResponse?: GoalOutcome;
  resolution?: GoalOutcome;
  goalSeverity?: number;
}

/**
 * The conditions that list the cases a dashboard goal figure counts (the cases projection's
 * `GoalOutcomes`, kept by the dashboard's rules): met on time, or missed by `now` (a recorded breach,
 * or a running target past its due time), under the severity the goal ran on when `goalSeverity`
 * is given. Both goals given: the cases counted in both figures.
 */
export function goalOutcomeWhere(filters: GoalOutcomeFilters, now: string): Where {
  const { firstResponse, resolution, goalSeverity } = filters;
  if (goalSeverity !== undefined && firstResponse === undefined && resolution === undefined) {
    throw new ValidationProblemException([
      {
        field: 'goalSeverity',
        message:
          'goalSeverity is the severity a goal counted under: give the goal too (firstResponse or resolution, met or missed)',
      },
    ]);
  }
  return {
    ...goalWhere('firstResponse', firstResponse, goalSeverity, now),
    ...goalWhere('resolution', resolution, goalSeverity, now),
  };
}

function goalWhere(
  goal: 'firstResponse' | 'resolution',
  outcome: GoalOutcome | undefined,
  goalSeverity: number | undefined,
  now: string,
): Where {
  if (outcome === undefined) return {};
  return {
    ...(outcome === 'met' ? { [`${goal}Met`]: true } : { [`${goal}MissedFrom`]: { lte: now } }),
    ...(goalSeverity !== undefined ? { [`${goal}GoalSeverity`]: goalSeverity } : {}),
  };
}
