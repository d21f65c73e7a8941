import type { ReadModelStore } from '@casetrail/readmodels';
import {
  NOTIFICATION_ACCOUNT_FACTS,
  NOTIFICATION_CASE_FACTS,
  staffSeeingTheCase,
  type AccountFacts,
  type CaseFacts,
} from '@casetrail/readmodels/notifications';
import type { EscalationEntry } from '@casetrail/readmodels/reporting/escalation-board';
import type { CustomerDirectory } from '../../accounts/customer-directory';

/**
 * Who, of those the "Owed by" rule may name for a row (its assignee, last updater, acknowledger),
 * can no longer see or act on the case, judged as the alerts judge it: an assignee nothing vouches
 * for (the case detail's assigneeVouched: false), and a CSM taken off the case's account since they
 * worked it (the notification writer's facts). The board then names whoever can, as the alert does.
 */
export async function escalationOutOfReach(
  entry: EscalationEntry,
  readModels: ReadModelStore,
  directory: CustomerDirectory,
): Promise<(email: string) => boolean> {
  const [caseFacts, account, assigneeStanding] = await Promise.all([
    readModels.get<CaseFacts>(NOTIFICATION_CASE_FACTS, entry.caseId),
    readModels.get<AccountFacts>(NOTIFICATION_ACCOUNT_FACTS, entry.accountId),
    entry.assignee ? directory.assigneeStanding(entry.assignee, entry.accountId) : undefined,
  ]);
  const seesCase = staffSeeingTheCase(caseFacts?.accountBoundStaff, account?.csm);
  return (email) =>
    !seesCase(email) ||
    (email === entry.assignee && assigneeStanding !== undefined && !assigneeStanding.vouched);
}
