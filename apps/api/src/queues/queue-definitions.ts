import type { Where } from '@casetrail/readmodels';
import { NEVER } from '@casetrail/readmodels/cases/cases.projection';

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

/**
 * Each engineer queue as conditions on the case read model, evaluated at `now` so a case whose
 * target just passed is "breaching" before any timer has recorded it.
 */
export function queueConditions(queue: QueueName, now: string, engineerEmail: string): Where {
  switch (queue) {
    case 'open':
      return { active: true };
    case 'unassigned':
      return { active: true, assignee: null };
    case 'mine':
      return { active: true, assignee: engineerEmail };
    case 'escalated':
      return { escalated: true };
    case 'breaching':
      return { active: true, nextDueAt: { lte: now } };
    case 'at-risk':
      return { active: true, nextAtRiskAt: { lte: now }, nextDueAt: { gt: now, lt: NEVER } };
    case 'awaiting-customer':
      return { status: 'awaiting-customer' };
    case 'mission-critical':
      return { active: true, missionCritical: true };
  }
}

/** Priority order: Mission Critical, escalated, severity (the rank), then the earliest due target. */
export const QUEUE_ORDER = [
  { field: 'priorityRank', direction: 'asc' as const },
  { field: 'nextDueAt', direction: 'asc' as const },
];
