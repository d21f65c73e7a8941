import type { StatusUpdatesOwer } from '@casetrail/domain';
import type { CaseNotification } from '@casetrail/readmodels/notifications';

/** The footer's reason as it stood, still true of an unassigned case nobody was passed over on. */
const OWES_ON_AN_UNASSIGNED_CASE =
  'you acknowledged its escalation or posted its last status update, and so owe its status updates while the case is assigned to nobody';

/**
 * Why the engineer told of a missed status update as the one who acknowledged the escalation (or
 * posted its last update) gets the mail (the `escalation-acknowledger` reason), in the words of the
 * "Owed by" line: `owes` is whom the line names, `unvouchedAssignee` the assignee it passes over as
 * not vouched for (judged at send time). The reason used to say "while the case is assigned to
 * nobody" on every copy, also on an assigned case whose assignee cannot act on it (a CSM taken off
 * the account, an assignee nothing vouches for), contradicting the line above it.
 */
export function owedUpdatesReason(
  row: CaseNotification,
  owes: StatusUpdatesOwer | undefined,
  unvouchedAssignee: string | undefined,
): string {
  const assignee = row.case.assignee;
  const raisedOver = row.case.escalation?.raisedOverStatusUpdate;
  if (!owes) {
    // An acknowledgement overdue of a level raised over the missed update they owed (in the stead
    // of those who could no longer see the case, when the line passes someone over).
    if (raisedOver?.owedBy === row.recipient) {
      const outOfSight = (raisedOver.passedOver ?? []).map((email) =>
        email === assignee
          ? `${email}, the case's assignee, can no longer see the case`
          : `${email} can no longer see the case`,
      );
      return (
        `you owed level ${raisedOver.level}'s missed status update, which this level was raised over` +
        (outOfSight.length > 0 ? `, while ${outOfSight.join(' and ')}` : '')
      );
    }
    // Told only because the assignee who owed it is not vouched for (a row sent on that condition alone).
    if (raisedOver?.owedBeyondAssignee?.by === row.recipient)
      return (
        `you owed level ${raisedOver.level}'s missed status update, which this level was raised over, ` +
        `while ${raisedOver.owedBy}, the case's assignee, is not vouched for as staff`
      );
    return assignee
      ? 'you acknowledged its escalation or posted its last status update'
      : OWES_ON_AN_UNASSIGNED_CASE;
  }
  const cannotAct = (owes.passedOver ?? []).map((email) => {
    if (email === unvouchedAssignee) return `${email}, the case's assignee, is not vouched for as staff`;
    return email === assignee
      ? `${email}, the case's assignee, can no longer see the case`
      : `${email} can no longer see the case`;
  });
  // Unassigned, nobody passed over: they owe the updates, as the reason always said.
  if (!assignee && cannotAct.length === 0) return OWES_ON_AN_UNASSIGNED_CASE;
  if (owes.engineer !== row.recipient) {
    // Told as the acknowledger because someone the updates passed to cannot act on them.
    return cannotAct.length > 0
      ? `you acknowledged its escalation and ${cannotAct.join(' and ')}`
      : 'you acknowledged its escalation';
  }
  const did = owes.as === 'last-updater' ? 'posted its last status update' : 'acknowledged its escalation';
  const conditions = [...(assignee ? [] : ['the case is assigned to nobody']), ...cannotAct];
  return `you ${did}, and so owe its status updates${conditions.length > 0 ? ` while ${conditions.join(' and ')}` : ''}`;
}
