import type { Where } from '@casetrail/readmodels';
import { PRIORITY_RANKS } from '@casetrail/readmodels/cases/case-detail';
import { atRiskAt } from '@casetrail/readmodels/sla/at-risk-windows';

export const QUEUES = [
  'unassigned',
  'mine',
  'escalated',
  'breaching',
  'at-risk',
  'awaiting-customer',
  'mission-critical',
  'open',
] as const;
export type QueueName = (typeof QUEUES)[number];

/** A queue as a query on the case read model: conditions that all hold, and alternatives of which one must. */
export interface QueueFilter {
  where: Where;
  anyOf?: Where[];
}

/**
 * Each engineer queue as conditions on the case read model, evaluated at `now` so a case whose
 * target just passed is "breaching" before any timer has recorded it.
 */
export function queueFilter(queue: QueueName, now: string, engineerEmail: string): QueueFilter {
  switch (queue) {
    case 'open':
      return { where: { active: true } };
    case 'unassigned':
      return { where: { active: true, assignee: null } };
    case 'mine':
      // A resolved case whose escalation is still open stays: its status updates are still owed.
      return { where: { worked: true, assignee: engineerEmail } };
    case 'escalated':
      return { where: { escalated: true } };
    case 'breaching':
      // Every rank named, so each rank's overdue cases are read off the queue index in order (see
      // PRIORITY_RANKS), not all of them sorted for one page.
      return { where: { active: true, priorityRank: { in: [...PRIORITY_RANKS] }, nextDueAt: { lte: now } } };
    case 'at-risk':
      // Some target at risk now, whatever the other: a case whose first response is overdue while
      // its resolution is at risk is listed here as well as in `breaching`. No target is at risk
      // before `nextAtRiskAt`: its index finds the few rows the windows are checked on.
      return { where: { active: true, nextAtRiskAt: { lte: now } }, anyOf: atRiskAt(now) };
    case 'awaiting-customer':
      return { where: { status: 'awaiting-customer' } };
    case 'mission-critical':
      return { where: { worked: true, missionCritical: true } };
  }
}

/**
 * Priority order: Mission Critical, escalated, severity (the rank), then the earliest due target,
 * then the first opened; cases awaiting the customer (every unmet clock paused) after the running
 * ones of their rank, the least time left first, then the first opened (`tieOrder`).
 */
export const QUEUE_ORDER = [
  { field: 'priorityRank', direction: 'asc' as const },
  { field: 'nextDueAt', direction: 'asc' as const },
  { field: 'tieOrder', direction: 'asc' as const },
];
