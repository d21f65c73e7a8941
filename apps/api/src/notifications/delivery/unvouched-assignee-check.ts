import { normalizeEmail } from '@casetrail/domain';
import type { ReadModelStore } from '@casetrail/readmodels';
import {
  isLicenceNotification,
  type CaseNotification,
  type OutboxNotification,
} from '@casetrail/readmodels/notifications';
import { CustomerDirectory } from '../../accounts/customer-directory';

/**
 * The last check before a notification goes out: one that reaches its recipient only because they
 * are (or were) the case's assignee, and so carries what staff are told (internal notes, SLA
 * alerts, another customer's case), goes only to someone the records vouch for as staff who may
 * see that case, judged at that moment as a colleague's assignment of them would be.
 *
 * Commands refuse such an assignment (CustomerDirectory, the rule applied here too), but one
 * stored before that rule (an outsider's or a customer's address, another account's CSM) stays the
 * case's assignee until someone reassigns it, and the outbox writer, which sees only the events,
 * keeps naming that person (and, once it is reassigned, names them as its previous assignee). So:
 * - a person the records know as a customer is never sent it;
 * - nor one nothing vouches for as staff (never took a case themselves, no staff-domain address,
 *   no CSM designation): the old assignment does not vouch for its own assignee;
 * - nor a CSM vouched for only by other accounts, who may not see this case.
 * Only the `assignee` and `previous-assignee` reasons are judged: the other staff reasons are
 * vouched for by who could write them (a staff role in the actor's token, an admin naming the CSM,
 * the operator's support-team list), and a customer typing an engineer's email into a licence must
 * not cut that engineer off from the internal notes of the cases they work on.
 */
export class UnvouchedAssigneeCheck {
  private readonly directory: CustomerDirectory;

  /** `staffDomains`: STAFF_EMAIL_DOMAINS, which vouch here as they do for an assignment. */
  constructor(readModels: ReadModelStore, staffDomains?: readonly string[]) {
    this.directory = CustomerDirectory.asTheyStand(readModels, staffDomains);
  }

  /**
   * The assignee a missed status update's alert names as owing the updates ("Owed by"), when the
   * records do not vouch for them as staff on the case at send time: the line must not send the
   * people it reaches to someone whose mail is held back (they name who can act instead, see
   * renderNotification). The board and the case detail pass such an assignee over alike
   * (escalationOutOfReach). So too the assignee who owed the missed update a raised level's overdue
   * acknowledgement is about (unvouchedOwerOfRaisedOver). Undefined for every other row, looked up
   * for these alerts alone.
   */
  async unvouchedOwer(row: OutboxNotification): Promise<string | undefined> {
    if (isLicenceNotification(row)) return undefined;
    if (row.change.type === 'EscalationAcknowledgementOverdue') return this.unvouchedOwerOfRaisedOver(row);
    if (row.change.type !== 'EscalationStatusUpdateOverdue') return undefined;
    const escalation = row.case.escalation;
    if (escalation?.statusUpdatesOwedAs !== 'assignee' || escalation.statusUpdatesOwedBy === undefined)
      return undefined;
    const standing = await this.directory.assigneeStanding(
      escalation.statusUpdatesOwedBy,
      row.case.accountId,
    );
    return standing.vouched ? undefined : escalation.statusUpdatesOwedBy;
  }

  /**
   * On the overdue acknowledgement of a level raised over a missed status update that the assignee
   * owed (raisedOverStatusUpdate), that assignee, when the records do not vouch for them as staff
   * on the case at send time: its "Missed" line names whoever owed it in their stead, who gets it
   * (finding F9). Looked up only on rows that keep that other engineer (older rows name the assignee).
   */
  private async unvouchedOwerOfRaisedOver(row: CaseNotification): Promise<string | undefined> {
    const raisedOver = row.case.escalation?.raisedOverStatusUpdate;
    if (raisedOver?.owedAs !== 'assignee' || !raisedOver.owedBy || !raisedOver.owedBeyondAssignee)
      return undefined;
    const standing = await this.directory.assigneeStanding(raisedOver.owedBy, row.case.accountId);
    return standing.vouched ? undefined : raisedOver.owedBy;
  }

  /**
   * The case's assignee, on an overdue acknowledgement's alert, when the records do not vouch for
   * them as staff on the case at send time: their copy is withheld (whyWithheld), so the alert's
   * "Assigned to" line says they were not told, and whoever reads it knows to reassign the case or
   * acknowledge it themselves. Undefined for every other row, looked up for these alerts alone (an
   * assignee the writer already found unable to see the case is said so from the row).
   */
  async unvouchedAssigneeOnAcknowledgementAlert(row: OutboxNotification): Promise<string | undefined> {
    if (isLicenceNotification(row) || row.change.type !== 'EscalationAcknowledgementOverdue')
      return undefined;
    const assignee = row.case.assignee;
    if (!assignee || row.case.escalation?.assigneeOutOfSight) return undefined;
    const standing = await this.directory.assigneeStanding(assignee, row.case.accountId);
    return standing.vouched ? undefined : assignee;
  }

  /**
   * Why a row written for its recipient only should the case's assignee be unvouched at send time
   * (`onlyIfAssigneeUnvouched`: they owe the missed status update in that assignee's stead, see the
   * outbox writer's recipientsIfAssigneeUnvouched) is not to be sent: `unvouchedOwer` (this check's
   * judgement of the row, at send time) found the assignee vouched for, so the alert names the
   * assignee as owing the updates, and this recipient is owed no mail. Undefined to send it.
   */
  static whyUnneeded(row: OutboxNotification, unvouchedOwer: string | undefined): string | undefined {
    if (isLicenceNotification(row) || row.onlyIfAssigneeUnvouched === undefined) return undefined;
    const assignee = normalizeEmail(row.onlyIfAssigneeUnvouched);
    if (unvouchedOwer !== undefined && normalizeEmail(unvouchedOwer) === assignee) return undefined;
    return (
      `not needed: ${row.recipient} would owe the missed status update only while the case's assignee, ` +
      `${assignee}, is not vouched for as staff, and the records vouched for them at send time (the alert ` +
      'names them as owing it)'
    );
  }

  /** Why the row must not be sent to its recipient, or undefined to send it. */
  async whyWithheld(row: OutboxNotification): Promise<string | undefined> {
    // The outbox writer already found them unable to see the case (a CSM taken off its account).
    if (!isLicenceNotification(row) && row.withheld) return row.withheld;
    if (!row.reasons.every((reason) => reason === 'assignee' || reason === 'previous-assignee'))
      return undefined;
    if (isLicenceNotification(row)) return undefined;
    const standing = await this.directory.assigneeStanding(row.recipient, row.case.accountId);
    if (standing.vouched) return undefined;
    const next = 'assign the case to an engineer';
    if (standing.customerRole) {
      return (
        `not sent: ${row.recipient} is the case's assignee but known as a customer ` +
        `(${standing.customerRole}) at send time, and what staff are told never goes to a customer; ${next}`
      );
    }
    if (standing.csmOfOtherAccounts) {
      return (
        `not sent: ${row.recipient} is the case's assignee but only the CSM of other accounts at ` +
        `send time, who may not see this case; ${next}`
      );
    }
    return (
      `not sent: ${row.recipient} is the case's assignee but nothing vouches for them as staff at ` +
      'send time (they never took a case themselves, and no staff email domain or CSM designation ' +
      `vouches for them); ${next}, or they take one themselves once`
    );
  }
}
