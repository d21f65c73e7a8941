import type { ReadModelStore } from '@casetrail/readmodels';
import type { OutboxNotification } from '@casetrail/readmodels/notifications';
import { CustomerDirectory } from '../../accounts/customer-directory';
import type { ProjectionCatchUp } from '../../projections/projection-catch-up';

/**
 * At send time the read models as they stand are the record to judge by: waiting for them to catch
 * up is for commands (which must see their own writes), and the delivery worker may run where no
 * projection does.
 */
const READ_MODELS_AS_THEY_STAND: Pick<ProjectionCatchUp, 'waitForHead'> = { waitForHead: async () => true };

/**
 * The last check before a notification goes out: one that reaches its recipient only because they
 * are the case's assignee, and so carries what staff are told (internal notes, SLA alerts, another
 * customer's case), is never sent to someone the records know as a customer at that moment.
 *
 * Commands refuse to assign a customer (CustomerDirectory, the rule applied here too), but an
 * assignment stored before that rule knew openers as customers stays the case's assignee until
 * someone reassigns it, and the outbox writer, which sees only the events, keeps naming that
 * person (and, once it is reassigned, names them as its previous assignee). Only the `assignee`
 * and `previous-assignee` reasons are judged: the other staff reasons are vouched for by who
 * could write them (a staff role in the actor's token, an admin naming the CSM, the operator's
 * support-team list), and a customer typing an engineer's email into a licence must not cut that
 * engineer off from the internal notes of the cases they work on.
 */
export class CustomerAssigneeCheck {
  private readonly directory: CustomerDirectory;

  constructor(readModels: ReadModelStore) {
    this.directory = new CustomerDirectory(readModels, READ_MODELS_AS_THEY_STAND);
  }

  /** Why the row must not be sent to its recipient, or undefined to send it. */
  async whyWithheld(row: OutboxNotification): Promise<string | undefined> {
    if (!row.reasons.every((reason) => reason === 'assignee' || reason === 'previous-assignee'))
      return undefined;
    const standing = await this.directory.standingOf(row.recipient);
    if (standing === undefined || standing === 'staff') return undefined;
    return (
      `not sent: ${row.recipient} is the case's assignee but known as a customer (${standing}) at ` +
      'send time, and what staff are told never goes to a customer; assign the case to an engineer'
    );
  }
}
