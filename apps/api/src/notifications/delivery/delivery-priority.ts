import type { CaseEvent } from '@casetrail/domain';
import { isLicenceNotification, type OutboxNotification } from '@casetrail/readmodels/notifications';

/**
 * Which due notifications go out first: lower first, then oldest due first within a priority.
 * After an outage thousands of routine mails are due at once, and sending strictly oldest first
 * kept a production-down case's mail, or an escalation, waiting behind all of them.
 */
export const URGENT_PRIORITY = 1;
export const ROUTINE_PRIORITY = 2;
export type DeliveryPriority = typeof URGENT_PRIORITY | typeof ROUTINE_PRIORITY;

/** The alerts that call for someone to act on an escalation now, whatever the case's severity. */
const ESCALATION_ALERTS: ReadonlySet<CaseEvent['type']> = new Set([
  'CaseEscalated',
  'EscalationAcknowledgementOverdue',
  'EscalationStatusUpdateOverdue',
]);

/**
 * Urgent: anything about a severity 1 case (production down: its opening, its updates, its
 * reminders) as it stood at the event, and escalation alerts (a new or raised escalation, an
 * acknowledgement or status update overdue). Everything else is routine, invitations and a
 * licence's issue included. Decided from the outbox row alone, at adoption, and kept in the
 * delivery record, so the order outlives restarts and outbox pruning.
 */
export function deliveryPriorityOf(row: OutboxNotification): DeliveryPriority {
  if (isLicenceNotification(row)) return ROUTINE_PRIORITY;
  if (row.case.severity === 1 || ESCALATION_ALERTS.has(row.change.type)) return URGENT_PRIORITY;
  return ROUTINE_PRIORITY;
}
