import { assertNever, type CaseEvent } from '@casetrail/domain';

/**
 * What a notification is about. A case notification's kind decides who hears of it (see
 * `notification-recipients.ts`):
 * - `case-opened`, `case-updated`, `case-closed`: customer-visible activity (DOMAIN.md Notifications);
 * - `escalation`: customer-visible too, and also the support team's business;
 * - `internal-note`: staff only, never a customer;
 * - `sla-alert`: SLA at-risk / breach and overdue escalation duties, for staff;
 * - `assignment`: tells an engineer a case is now theirs;
 * - `priority`: the case's Mission Critical cover began or ended with its account's licences, for
 *   staff: the CSM learns of a case now under their watch, the assignee that its priority moved.
 */
export type CaseNotificationKind =
  | 'case-opened'
  | 'case-updated'
  | 'case-closed'
  | 'escalation'
  | 'internal-note'
  | 'sla-alert'
  | 'assignment'
  | 'priority';

export const CASE_NOTIFICATION_KINDS: readonly CaseNotificationKind[] = [
  'case-opened',
  'case-updated',
  'case-closed',
  'escalation',
  'internal-note',
  'sla-alert',
  'assignment',
  'priority',
];

/**
 * Every kind: the case kinds, `invitation`, which tells a person invited to a licence how to
 * complete their registration (the support policy: "Once you invite a user, a notification email is
 * sent"), and `licence-issued`, which tells a licence's holder its id and how to invite users. Both
 * concern a licence, not a case; each has one recipient, the invitee or the holder. `licence-change`
 * tells the holder, and the user it is about, of the licence's administration after its issue.
 */
export type NotificationKind = CaseNotificationKind | 'invitation' | 'licence-issued' | 'licence-change';

export const NOTIFICATION_KINDS: readonly NotificationKind[] = [
  ...CASE_NOTIFICATION_KINDS,
  'invitation',
  'licence-issued',
  'licence-change',
];

/**
 * The kind of notification a case event gives, or undefined for events that notify nobody because
 * another event of the same command already tells the story:
 * - `FirstResponseGiven` always comes with the reply that was the response (a comment, an
 *   information request, a resolution or a redirection), which notifies;
 * - `CustomerResponded` always comes with the customer's comment or escalation;
 * - `AutoClosePostponed` is bookkeeping of the quiet period after public activity that notified;
 * - a `CaseReopened` by a customer's reply (`commentId`) or escalation (`escalationLevel`) comes
 *   just before that reply or escalation, whose notification shows the case in progress again.
 */
export function notificationKindOf(event: CaseEvent): CaseNotificationKind | undefined {
  switch (event.type) {
    case 'CaseOpened':
      return 'case-opened';
    case 'CommentAdded':
      return event.data.internal ? 'internal-note' : 'case-updated';
    case 'SeverityChanged':
    case 'InformationRequested':
    case 'CaseResolved':
    case 'CaseShared':
    case 'CaseUnshared':
      return 'case-updated';
    case 'CaseReopened':
      return event.data.commentId === undefined && event.data.escalationLevel === undefined
        ? 'case-updated'
        : undefined;
    case 'CaseClosed':
    case 'CaseRedirected':
      return 'case-closed';
    case 'CaseEscalated':
    case 'EscalationAcknowledged':
    case 'EscalationStatusUpdatePosted':
    case 'CaseDeEscalated':
      return 'escalation';
    case 'SlaTargetAtRisk':
    case 'SlaTargetBreached':
    case 'EscalationAcknowledgementOverdue':
    case 'EscalationStatusUpdateOverdue':
      return 'sla-alert';
    case 'EngineerAssigned':
    case 'CaseUnassigned':
      return 'assignment';
    case 'FirstResponseGiven':
    case 'CustomerResponded':
    case 'AutoClosePostponed':
      return undefined;
    case 'MissionCriticalChanged':
      return 'priority';
    default:
      return assertNever(event);
  }
}

/**
 * Whether an event's notification reaches only the staff among its kind's recipients. A customer's
 * closure of an escalated case records the escalation's end first (a `CaseDeEscalated` by the
 * customer, `endedByClosure`), then the closure: the customers hear of the closure alone (one
 * action, one mail; the case they follow shows the escalation ended with it), while the staff who
 * were told of the escalation (the support team list, the assignee, the CSM) hear that it ended.
 */
export function reachesStaffOnly(event: CaseEvent): boolean {
  return event.type === 'CaseDeEscalated' && event.data.endedByClosure === true;
}

/** Case kinds customers may hear of; every other case kind reaches staff only. */
export function isCustomerVisible(kind: CaseNotificationKind): boolean {
  return kind === 'case-opened' || kind === 'case-updated' || kind === 'case-closed' || kind === 'escalation';
}
