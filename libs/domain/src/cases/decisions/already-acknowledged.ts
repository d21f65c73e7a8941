import { instantToMillis } from '../../sla/time/iso-instant';
import { isEngineer, type CaseActor } from '../actor';
import { CaseErrors } from '../errors';
import type { AcknowledgedEscalation, LiveCase } from '../state';
import { statusUpdatesOwer, type StatusUpdatesOwedAs } from '../status-updates-owed-by';

/** Why someone else owes the updates, after their address. */
const OWED_AS: Record<StatusUpdatesOwedAs, string> = {
  assignee: 'assigned to the case',
  'last-updater': 'posted its last status update; the case is unassigned',
  acknowledger: 'acknowledged it; the case is unassigned',
  'support-team': 'nobody who worked it can still see the case',
};

/** Why the caller owes them. */
const YOU_OWE_AS: Record<StatusUpdatesOwedAs, string> = {
  assignee: "as the case's assignee",
  'last-updater': 'as the last to post one, the case being unassigned',
  acknowledger: 'having acknowledged it, the case being unassigned',
  'support-team': 'as a member of the support team',
};

/**
 * Whom the "Owed by" rule passes over (CaseDecisionContext.statusUpdatesOutOfReach), and of them the
 * assignee the records do not vouch for as staff (statusUpdatesNotVouched); the others can no longer
 * see the case.
 */
export interface PassedOver {
  outOfReach?: readonly string[] | undefined;
  notVouched?: readonly string[] | undefined;
}

/**
 * The refusal of a second acknowledgement, saying what to do instead. An escalation is acknowledged
 * once (DOMAIN.md: promptly, by an engineer, who then posts status updates): a second one would
 * rewrite when the desk first took it on, and restart the update cadence without an update. Who
 * owes the updates moves with the case instead (statusUpdatesOwedBy), so the engineer who took the
 * case over is told they owe them now and how to post the next; anyone else is told who owes them
 * and how to take them over. Before, every caller got the same 409, and an engineer who had just
 * taken the case over was left thinking nobody had made it theirs.
 */
export function alreadyAcknowledged(
  live: LiveCase,
  escalation: AcknowledgedEscalation,
  actor: CaseActor,
  at: string,
  passedOver: PassedOver = {},
) {
  const { outOfReach = [], notVouched = [] } = passedOver;
  const ower = statusUpdatesOwer({
    ...escalation,
    assignee: live.assignee,
    outOfReach: (email) => outOfReach.includes(email),
  });
  // Passed over someone, the case may well be assigned: say whom, and why, instead of "the case is
  // unassigned", in the words of the alerts' "Owed by" line.
  const why = (email: string) =>
    notVouched.includes(email)
      ? `${email}, the case's assignee, is not vouched for as staff`
      : `${email} can no longer see the case`;
  const owedAs = ower.passedOver?.length
    ? `${OWED_AS[ower.as].split(';')[0]}; ${ower.passedOver.map(why).join('; ')}`
    : OWED_AS[ower.as];
  const overdue =
    instantToMillis(escalation.nextStatusUpdateDueAt) <= instantToMillis(at) ? ' (overdue)' : '';
  const statusUpdates = `POST /v1/cases/${live.caseId}/escalations/status-updates`;
  const nextStep =
    ower.engineer === actor.email
      ? `You owe its status updates now (${YOU_OWE_AS[ower.as]}): ` +
        `post the next one${overdue} with ${statusUpdates}; there is nothing to acknowledge again`
      : `Its status updates are owed by ${ower.as === 'support-team' ? 'the support team' : ower.engineer} (${owedAs}). ` +
        (isEngineer(actor)
          ? `To take them over, take the case (POST /v1/cases/${live.caseId}/assignment naming yourself); `
          : 'To have them taken over, ask an engineer to take the case; ') +
        `meanwhile anyone handling the escalation may post one${overdue} with ${statusUpdates}`;
  return CaseErrors.escalationAlreadyAcknowledged(escalation, nextStep);
}
