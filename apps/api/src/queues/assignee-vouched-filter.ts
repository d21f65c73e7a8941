import type { Where } from '@casetrail/readmodels';
import type { AssigneeStanding } from '../accounts/customer-directory';
import type { AssigneeJudges } from '../cases/queries/assignee-vouching';
import type { CaseQueries } from '../cases/queries/case-queries';
import { QUEUE_ORDER } from './queue-definitions';

/** `?assigneeVouched=` as the query gives it. */
export type AssigneeVouchedParam = 'true' | 'false';

/** Why a reader not shown the rows' verdict (seesAssigneeVouching) is refused the filter on it. */
export const ASSIGNEE_VOUCHED_FOR_VENDOR_STAFF =
  "assigneeVouched is a filter for the vendor's staff only: whether the records vouch for an assignee is the desk's judgement";

/** The filter's alternatives, and the judges it went by, which the page's rows are judged with. */
export interface AssigneeVouchedFilter {
  anyOf: Where[];
  judges: AssigneeJudges;
}

/**
 * The queues' `assigneeVouched` filter as alternatives on the case read model (`anyOf`): the cases
 * whose assignee the records vouch for (or not) on that case's account, judged now as each row's
 * `assigneeVouched` is (CustomerDirectory.assigneeStandings), so the filter and the rows agree.
 *
 * Judging each case would read every open case; instead the few distinct assignees of the worked
 * cases (every queue's cases are worked: active, or resolved with an escalation open) are found
 * off the `worked + assignee` index, judged together once, and the queue is then read through its
 * own query and index narrowed to `assignee in (...)`. Unassigned cases match neither value.
 *
 * `accounts`: a CSM's (or a customer's auditor's) accounts, which the alternatives are kept to here
 * since an alternative of one assignee on some accounts already names `accountId`; undefined, all.
 */
export async function assigneeVouchedAlternatives(
  cases: CaseQueries,
  wanted: AssigneeVouchedParam,
  accounts: readonly string[] | undefined,
): Promise<AssigneeVouchedFilter> {
  const vouched = wanted === 'true';
  const assignees = await assigneesOfWorkedCases(cases);
  if (assignees.length === 0) return { anyOf: [], judges: new Map() };
  const judges = await cases.assigneeStandings(assignees);
  const alike: string[] = [];
  const alternatives: Where[] = [];
  for (const assignee of assignees) {
    const judge = judges.get(assignee)!;
    const standing = judge(NO_ACCOUNT);
    if (!isAccountDependent(standing)) {
      if (standing.vouched === vouched) alike.push(assignee);
      continue;
    }
    // Only a CSM's standing differs from one account to another (vouched on their own accounts'
    // cases): judged on each account among the cases they hold, which are few.
    const matching = (await accountsAssignedTo(cases, assignee)).filter(
      (accountId) => judge(accountId).vouched === vouched && (accounts?.includes(accountId) ?? true),
    );
    if (matching.length > 0) alternatives.push({ assignee, accountId: { in: matching } });
  }
  if (alike.length === 0) return { anyOf: alternatives, judges };
  const inReach = accounts === undefined ? {} : { accountId: { in: [...accounts] } };
  return { anyOf: [{ assignee: { in: alike }, ...inReach }, ...alternatives], judges };
}

/** No account has this id: a standing judged on it is the assignee's on any account but their own. */
const NO_ACCOUNT = '';

/**
 * A CSM who is only that (see CustomerDirectory.assigneeStanding) stands apart on every account
 * but theirs; anyone else stands the same on every account.
 */
function isAccountDependent(standing: AssigneeStanding): boolean {
  return standing.csmOfOtherAccounts === true;
}

/** `worked + assignee` first, as that index orders them: each next assignee is one seek. */
const BY_ASSIGNEE = [{ field: 'assignee', direction: 'asc' as const }, ...QUEUE_ORDER];

/**
 * The distinct assignees of the worked cases, in order: each found as the first case past the last
 * one found, so a dozen engineers cost a dozen index seeks however many cases they hold.
 */
async function assigneesOfWorkedCases(cases: CaseQueries): Promise<string[]> {
  const assignees: string[] = [];
  for (;;) {
    const after = assignees.at(-1) ?? '';
    const page = await cases.findPage({
      where: { worked: true, assignee: { gt: after } },
      orderBy: BY_ASSIGNEE,
      limit: 1,
    });
    const next = page.items[0]?.assignee;
    if (!next) return assignees;
    assignees.push(next);
  }
}

/** The accounts of the worked cases assigned to `assignee`. */
async function accountsAssignedTo(cases: CaseQueries, assignee: string): Promise<string[]> {
  const page = await cases.findPage({ where: { worked: true, assignee } });
  return [...new Set(page.items.map((doc) => doc.accountId))];
}
