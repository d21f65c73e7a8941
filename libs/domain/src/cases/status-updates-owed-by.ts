import { openEscalation, type OpenedCase } from './state';

/** Why an engineer owes the acknowledged escalation's status updates (see statusUpdatesOwedBy). */
export type StatusUpdatesOwedAs = 'assignee' | 'acknowledger' | 'last-updater';

export interface StatusUpdatesOwer {
  engineer: string;
  as: StatusUpdatesOwedAs;
}

/** Who has worked an acknowledged escalation, and who has the case: all the rule reads. */
export interface AcknowledgedEscalationHands {
  assignee?: string | null;
  acknowledgedBy: string;
  /** Who posted its last status update; absent (or null) before the first. */
  lastStatusUpdateBy?: string | null;
}

/**
 * Who owes the open, acknowledged escalation's status updates (DOMAIN.md "Escalation": an engineer
 * acknowledges, then posts status updates on a cadence). The case's current assignee, when there is
 * one: whoever takes the case (or is handed it) takes the updates with it, so an engineer who gave
 * the case back is no longer chased for them. Unassigned, the engineer who last acknowledged the
 * escalation or posted one of its updates: the last to have worked it, and the one to ask.
 * Derived from the events already recorded (assignments and posts), so old histories fold as before.
 * Undefined while the escalation awaits acknowledgement, and once it has ended.
 */
export function statusUpdatesOwedBy(state: OpenedCase): StatusUpdatesOwer | undefined {
  const escalation = openEscalation(state);
  if (escalation?.status !== 'acknowledged') return undefined;
  return statusUpdatesOwer({ ...escalation, assignee: state.assignee });
}

/**
 * The rule of `statusUpdatesOwedBy` on the facts alone, for read models that keep those rather than
 * the case's state (the escalations board): the assignee, else the last updater, else the acknowledger.
 */
export function statusUpdatesOwer(hands: AcknowledgedEscalationHands): StatusUpdatesOwer {
  if (hands.assignee) return { engineer: hands.assignee, as: 'assignee' };
  return hands.lastStatusUpdateBy
    ? { engineer: hands.lastStatusUpdateBy, as: 'last-updater' }
    : { engineer: hands.acknowledgedBy, as: 'acknowledger' };
}
