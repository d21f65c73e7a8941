import type { AssigneeStanding, CustomerDirectory } from '../../accounts/customer-directory';
import { isVendorStaff, type Actor } from '../../auth/actor';

/** What staff read on a case's live detail about its assignee (absent while it has none). */
export interface AssigneeVouching {
  /** Whether the records vouch for the assignee as staff who may see this case, judged at the read. */
  assigneeVouched?: boolean;
  /** When not: why, and what to do (their assignee mail is held back meanwhile). */
  assigneeNotVouchedReason?: string;
}

/**
 * Who is told whether the records vouch for a case's assignee (and why not), wherever it is shown:
 * the case detail, queue rows, case-list rows, the escalations board, and the queues' and the case
 * list's `assigneeVouched` filter. The vendor's own staff only: a customer's compliance auditor
 * holds the auditor role but stands on the customer's side of the desk (isVendorStaff), and the
 * verdict is the desk's judgement of people, naming what its records know of them (a CSM of other
 * accounts, someone who never took a case). One rule, so no reader learns on one page what another
 * withholds.
 */
export function seesAssigneeVouching(actor: Actor): boolean {
  return isVendorStaff(actor);
}

/**
 * An assignment stored before the vouching rules (an outsider's or a customer's address, another
 * account's CSM) stays in the history, and the case stays theirs until someone reassigns it. The
 * detail says so to staff, judged as a colleague's assignment of that person would be now; the
 * mail that reaches them only as the assignee is held back (unvouched-assignee-check.ts).
 */
export async function assigneeVouching(
  directory: CustomerDirectory,
  assignee: string | undefined,
  where: { accountId: string; caseId: string },
): Promise<AssigneeVouching> {
  if (!assignee) return {};
  return vouchingOf(assignee, await directory.assigneeStanding(assignee, where.accountId), where.caseId);
}

/** How each assignee stands on each account's cases (CustomerDirectory.assigneeStandings). */
export type AssigneeJudges = ReadonlyMap<string, (accountId: string) => AssigneeStanding>;

/** A case on a page of them (a queue, the case list): enough to judge its assignee. */
export interface AssignedCase {
  id: string;
  accountId: string;
  assignee?: string | null;
}

/**
 * `assigneeVouching` for each case of a page, in its order, judging its distinct assignees
 * together: a queue names a dozen engineers on its rows, and its page must stay quick, so the
 * records are read for all of them at once (a fixed number of queries, one wait for the read
 * models) rather than about seven queries for each. Rows without an assignee cost nothing.
 */
export async function assigneeVouchingOfEach(
  directory: CustomerDirectory,
  cases: readonly AssignedCase[],
  judged?: AssigneeJudges,
): Promise<AssigneeVouching[]> {
  const assignees = [...new Set(cases.flatMap((row) => (row.assignee ? [row.assignee] : [])))];
  if (assignees.length === 0) return cases.map(() => ({}));
  // Judged already in this request (the queues' `assigneeVouched` filter): the rows say what the
  // filter went by. One assigned since is judged with the rest, now.
  const judges = assignees.every((assignee) => judged?.has(assignee))
    ? judged!
    : await directory.assigneeStandings(assignees);
  return cases.map((row) =>
    row.assignee ? vouchingOf(row.assignee, judges.get(row.assignee)!(row.accountId), row.id) : {},
  );
}

function vouchingOf(assignee: string, standing: AssigneeStanding, caseId: string): AssigneeVouching {
  if (standing.vouched) return { assigneeVouched: true };
  return { assigneeVouched: false, assigneeNotVouchedReason: notVouchedReason(assignee, standing, caseId) };
}

/** Why, and the request that ends it, naming this case as every other refusal does. */
function notVouchedReason(assignee: string, standing: AssigneeStanding, caseId: string): string {
  const why = standing.customerRole
    ? `is known as a customer (${standing.customerRole})`
    : standing.csmOfOtherAccounts
      ? 'is only the CSM of other accounts, and may not see this case'
      : 'is vouched for as staff by nothing (never took a case themselves, no staff email domain or CSM designation)';
  return (
    `${assignee} ${why}, so no colleague could assign them this case now (it was assigned before the ` +
    'vouching rules, or the records changed since). ' +
    'Mail that would reach them as the assignee, internal notes included, is held back; ' +
    `reassign the case to an engineer (POST /v1/cases/${caseId}/assignment)`
  );
}
