import { firstWhoCanAct } from './first-who-can-act';
import { openEscalation, type OpenedCase } from './state';

/**
 * Why an engineer owes the acknowledged escalation's status updates (see statusUpdatesOwedBy);
 * `support-team` when nobody who worked it can still see the case.
 */
export type StatusUpdatesOwedAs = 'assignee' | 'acknowledger' | 'last-updater' | 'support-team';

/** Who owes them when nobody who worked the escalation can still see the case: the team as a whole. */
export const SUPPORT_TEAM_OWES = 'support-team';

export interface StatusUpdatesOwer {
  /** Their address, or SUPPORT_TEAM_OWES. */
  engineer: string;
  as: StatusUpdatesOwedAs;
  /** Those the rule would have named before them, passed over as out of reach (see `outOfReach`). */
  passedOver?: string[];
}

/** Who has worked an acknowledged escalation, and who has the case: all the rule reads. */
export interface AcknowledgedEscalationHands {
  assignee?: string | null;
  acknowledgedBy: string;
  /** Who posted its last status update; absent (or null) before the first. */
  lastStatusUpdateBy?: string | null;
  /**
   * Whether a person can no longer see or act on the case (read-model facts the decider does not
   * keep: an assignee nothing vouches for, a CSM taken off the case's account). Absent: everyone can.
   */
  outOfReach?: (email: string) => boolean;
}

/**
 * Who owes the open, acknowledged escalation's status updates (DOMAIN.md "Escalation": an engineer
 * acknowledges, then posts status updates on a cadence). The case's current assignee, when there is
 * one: whoever takes the case (or is handed it) takes the updates with it, so an engineer who gave
 * the case back is no longer chased for them. Unassigned, the engineer who last acknowledged the
 * escalation or posted one of its updates: the last to have worked it, and the one to ask. Whoever
 * `outOfReach` says can no longer see the case is passed over (see statusUpdatesOwer). Derived from
 * the events already recorded (assignments and posts), so old histories fold as before. Undefined
 * while the escalation awaits acknowledgement, and once it has ended.
 */
export function statusUpdatesOwedBy(
  state: OpenedCase,
  outOfReach?: (email: string) => boolean,
): StatusUpdatesOwer | undefined {
  const escalation = openEscalation(state);
  if (escalation?.status !== 'acknowledged') return undefined;
  return statusUpdatesOwer({
    ...escalation,
    assignee: state.assignee,
    ...(outOfReach ? { outOfReach } : {}),
  });
}

/**
 * The rule of `statusUpdatesOwedBy` on the facts alone, for read models that keep those rather than
 * the case's state (the escalations board): the assignee, else the last updater, else the acknowledger.
 * Whoever can no longer see or act on the case (`outOfReach`) is passed over for the next of them
 * who can, and when none can, the support team owes them: a duty that fell on an ex-CSM or an
 * assignee nothing vouches for reached nobody who could act (finding F6).
 */
export function statusUpdatesOwer(hands: AcknowledgedEscalationHands): StatusUpdatesOwer {
  const candidates: StatusUpdatesOwer[] = [
    ...(hands.assignee ? [{ engineer: hands.assignee, as: 'assignee' as const }] : []),
    ...(hands.lastStatusUpdateBy
      ? [{ engineer: hands.lastStatusUpdateBy, as: 'last-updater' as const }]
      : []),
    { engineer: hands.acknowledgedBy, as: 'acknowledger' },
  ];
  const { chosen, passedOver } = firstWhoCanAct(
    candidates,
    (candidate) => candidate.engineer,
    hands.outOfReach ?? (() => false),
  );
  if (chosen) return passedOver.length > 0 ? { ...chosen, passedOver } : chosen;
  return { engineer: SUPPORT_TEAM_OWES, as: 'support-team', passedOver };
}
