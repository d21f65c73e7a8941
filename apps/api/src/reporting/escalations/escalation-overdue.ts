import type { Where } from '@casetrail/readmodels';
import type { EscalationEntry } from '@casetrail/readmodels/reporting/escalation-board';

/**
 * When an escalation is overdue: open, and what it owes next (its acknowledgement, then each status
 * update: `nextDueAt`) due by `now`. Decided at the read, so it holds before any overdue timer has
 * fired. The escalations board's `overdue` flag and `?state=overdue`, and the SLA dashboard's
 * `overdueEscalations`, all go by this one rule: as conditions on the board's indexed entries
 * (`open + nextDueAt`, one compound index), and on an entry in hand.
 */
export function overdueEscalationConditions(now: string): Where {
  return { open: true, nextDueAt: { lte: now } };
}

/** overdueEscalationConditions, on one entry. */
export function isOverdueEscalation(
  entry: Pick<EscalationEntry, 'open' | 'nextDueAt'>,
  now: string,
): boolean {
  return entry.open && entry.nextDueAt <= now;
}
