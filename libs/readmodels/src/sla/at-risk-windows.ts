import type { SlaTarget } from '@casetrail/domain';
import type { Where } from '../read-model-store.port';

/**
 * The window of a target that is not at risk: sorts after every real instant, so `from <= now`
 * never holds. The same instant as the read models' other far-future sentinels (`NEVER`,
 * `NO_DEADLINE`).
 */
export const NOT_AT_RISK = '9999-12-31T23:59:59.999Z';

/**
 * Each SLA target's at-risk window `[from, until)`, stored as fields of a case's row (the cases read
 * model, and `sla_cases` for the dashboard): the target is at risk at `now` when
 * `from <= now < until`, so the question is asked when the query runs, never frozen at the last
 * event.
 *
 * One pair per target rather than one for the case: a case is at risk when any of its targets is,
 * and its earliest deadline says nothing about that. "Earliest at-risk instant <= now < earliest
 * due time" left out a case whose first response was already overdue while its resolution had
 * passed its at-risk share: the earliest due time was in the past.
 */
export interface AtRiskWindows {
  firstResponseAtRiskFrom: string;
  firstResponseAtRiskUntil: string;
  resolutionAtRiskFrom: string;
  resolutionAtRiskUntil: string;
}

export const AT_RISK_WINDOW_FIELDS: readonly (keyof AtRiskWindows)[] = [
  'firstResponseAtRiskFrom',
  'firstResponseAtRiskUntil',
  'resolutionAtRiskFrom',
  'resolutionAtRiskUntil',
];

type WindowTarget = Pick<SlaTarget, 'state' | 'atRiskAt' | 'dueAt'>;

/**
 * The windows of a case's targets, following `evaluateTarget`: a running clock is at risk from its
 * at-risk instant until its due time (from then on it is breaching). A paused clock has no window,
 * even if it had reached its at-risk instant when it paused: the case awaits the customer and
 * nobody at the vendor can act on it; the event that resumes it stores the row again, with its
 * window. Met and breached targets, and every target of a case no longer active, have none.
 */
export function atRiskWindows(
  targets: { firstResponse: WindowTarget; resolution: WindowTarget },
  caseActive: boolean,
): AtRiskWindows {
  const window = (target: WindowTarget): [from: string, until: string] =>
    caseActive && target.state === 'running' ? [target.atRiskAt, target.dueAt] : [NOT_AT_RISK, NOT_AT_RISK];
  const [firstResponseAtRiskFrom, firstResponseAtRiskUntil] = window(targets.firstResponse);
  const [resolutionAtRiskFrom, resolutionAtRiskUntil] = window(targets.resolution);
  return { firstResponseAtRiskFrom, firstResponseAtRiskUntil, resolutionAtRiskFrom, resolutionAtRiskUntil };
}

/**
 * The earliest start of the windows: no target is at risk before it. Stored and indexed next to the
 * windows (the cases' `nextAtRiskAt`, `sla_cases`' `atRiskFrom`), `<= now` finds the few rows whose
 * window may hold now, on one index, and `atRiskAt` then decides on those. (Two indexes, one per
 * target's `from`, read no faster with 100,000 open cases, and cost a write more per event.)
 */
export function earliestAtRiskFrom(windows: AtRiskWindows): string {
  const { firstResponseAtRiskFrom, resolutionAtRiskFrom } = windows;
  return firstResponseAtRiskFrom < resolutionAtRiskFrom ? firstResponseAtRiskFrom : resolutionAtRiskFrom;
}

/**
 * "Some target of the case is at risk at `now`" as `anyOf` alternatives, for a collection whose
 * rows carry `AtRiskWindows`. Whether another target is already past due does not matter: such a
 * case is at risk and breaching at once.
 */
export function atRiskAt(now: string): Where[] {
  return [
    { firstResponseAtRiskFrom: { lte: now }, firstResponseAtRiskUntil: { gt: now } },
    { resolutionAtRiskFrom: { lte: now }, resolutionAtRiskUntil: { gt: now } },
  ];
}
