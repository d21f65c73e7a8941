import type { ReadModelStore } from '@casetrail/readmodels';
import {
  NOTIFICATION_ACCOUNT_FACTS,
  NOTIFICATION_CASE_FACTS,
  staffSeeingTheCase,
  type AccountFacts,
  type CaseFacts,
} from '@casetrail/readmodels/notifications';
import type { CustomerDirectory } from '../../accounts/customer-directory';

/** The case an escalation is on: enough to judge who can still act on it. */
export interface EscalatedCaseFacts {
  caseId: string;
  accountId: string;
  assignee?: string | null;
}

/**
 * Who, of those the "Owed by" rule may name for a case (its assignee, last updater, acknowledger),
 * can no longer see or act on the case, judged as the alerts judge it: an assignee nothing vouches
 * for (the case detail's assigneeVouched: false), and a CSM taken off the case's account since they
 * worked it (the notification writer's facts). The board and the case detail then name whoever
 * can, as the alert does.
 */
export async function escalationOutOfReach(
  entry: EscalatedCaseFacts,
  readModels: ReadModelStore,
  directory: CustomerDirectory,
): Promise<(email: string) => boolean> {
  return (await escalationReach(entry, readModels, directory)).outOfReach;
}

/**
 * `escalationOutOfReach`, and why: `notVouched` is true of the assignee when they can still see the
 * case but nothing vouches for them as staff, so a message says so rather than that they can no
 * longer see it (a CSM taken off the account), as the alerts' "Owed by" line does.
 */
export async function escalationReach(
  entry: EscalatedCaseFacts,
  readModels: ReadModelStore,
  directory: CustomerDirectory,
): Promise<{ outOfReach: (email: string) => boolean; notVouched: (email: string) => boolean }> {
  const [caseFacts, account, assigneeStanding] = await Promise.all([
    readModels.get<CaseFacts>(NOTIFICATION_CASE_FACTS, entry.caseId),
    readModels.get<AccountFacts>(NOTIFICATION_ACCOUNT_FACTS, entry.accountId),
    entry.assignee ? directory.assigneeStanding(entry.assignee, entry.accountId) : undefined,
  ]);
  const seesCase = staffSeeingTheCase(caseFacts?.accountBoundStaff, account?.csm);
  const notVouched = (email: string) =>
    seesCase(email) &&
    email === entry.assignee &&
    assigneeStanding !== undefined &&
    !assigneeStanding.vouched;
  return { outOfReach: (email) => !seesCase(email) || notVouched(email), notVouched };
}
