import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import type { Where } from '@casetrail/readmodels';
import { IsIn, IsOptional } from 'class-validator';
import type { AssigneeStanding } from '../accounts/customer-directory';
import type { AssigneeJudges } from '../cases/queries/assignee-vouching';
import type { CaseQueries } from '../cases/queries/case-queries';
import { QUEUE_ORDER } from './queue-definitions';

/** `?assigneeVouched=` as the query gives it. */
export type AssigneeVouchedParam = 'true' | 'false';

/**
 * The `assigneeVouched` query parameter, checked alike wherever it is offered (the queues, the case
 * list): `true` or `false`, anything else a 400 naming it. `description` says what it lists there.
 */
export function AssigneeVouchedQuery(description: string) {
  return applyDecorators(
    ApiPropertyOptional({ enum: ['true', 'false'], description }),
    IsOptional(),
    IsIn(['true', 'false'], { message: 'assigneeVouched must be true or false' }),
  );
}

/** Why a reader not shown the rows' verdict (seesAssigneeVouching) is refused the filter on it. */
export const ASSIGNEE_VOUCHED_FOR_VENDOR_STAFF =
  "assigneeVouched is a filter for the vendor's staff only: whether the records vouch for an assignee is the desk's judgement";

/** The filter's alternatives, and the judges it went by, which the page's rows are judged with. */
export interface AssigneeVouchedFilter {
  anyOf: Where[];
  judges: AssigneeJudges;
}

/**
 * Which cases' assignees the filter looks among: the queues', all worked (`worked: true`); the
 * case list's, every case, closed ones too (`worked` either way, so the same index serves).
 */
export type AssignedCasesScope = 'worked' | 'every';

const WORKED_VALUES: Record<AssignedCasesScope, boolean[]> = { worked: [true], every: [true, false] };

/**
 * The `assigneeVouched` filter (the queues', the case list's) as alternatives on the case read model (`anyOf`): the cases
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
 * `among`: the case list looks among every case (see AssignedCasesScope), one more seek per assignee.
 */
export async function assigneeVouchedAlternatives(
  cases: CaseQueries,
  wanted: AssigneeVouchedParam,
  accounts: readonly string[] | undefined,
  among: AssignedCasesScope = 'worked',
): Promise<AssigneeVouchedFilter> {
  const vouched = wanted === 'true';
  const worked = WORKED_VALUES[among];
  const assignees = await assigneesOfCases(cases, worked);
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
    const matching = (await accountsAssignedTo(cases, assignee, worked)).filter(
      (accountId) => judge(accountId).vouched === vouched && (accounts?.includes(accountId) ?? true),
    );
    if (matching.length > 0) alternatives.push({ assignee, accountId: { in: matching } });
  }
  const inReach = accounts === undefined ? {} : { accountId: { in: [...accounts] } };
  const anyOf =
    alike.length === 0 ? alternatives : [{ assignee: { in: alike }, ...inReach }, ...alternatives];
  return { anyOf: among === 'every' ? await seekableWhenFew(cases, anyOf) : anyOf, judges };
}

/**
 * The case list reads newest first off the `openedAt` index and keeps the rows whose assignee
 * matches: quick while they are many (a page fills after a few hundred rows), but a filter that
 * matches a handful of 100,000 cases (`false`, the cases to reassign) would scan them all (about
 * 170 ms measured). Such alternatives are then made to name `worked` (either value, so no case is
 * left out), which lets the store seek the `worked + assignee` index for the few matching cases and
 * sort only those. Which applies is decided by counting the matches on that same index first
 * (covering, under a millisecond for 33,000 matches): sorting the matches costs about ten times a
 * row scanned, so the seek wins below a few hundred matches in 100,000 cases.
 */
async function seekableWhenFew(cases: CaseQueries, anyOf: Where[]): Promise<Where[]> {
  const seekable = anyOf.map((alternative) => ({ ...alternative, worked: { in: WORKED_VALUES.every } }));
  return (await cases.countCases(seekable)) <= SEEK_AT_MOST ? seekable : anyOf;
}

/** See seekableWhenFew. */
const SEEK_AT_MOST = 500;

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
 * The distinct assignees of the cases whose `worked` is one of `worked`, in order: each found, for
 * each value, as the first case past the last one found, so a dozen engineers cost a dozen index
 * seeks per value however many cases they hold.
 */
async function assigneesOfCases(cases: CaseQueries, worked: readonly boolean[]): Promise<string[]> {
  const found = new Set<string>();
  for (const value of worked) {
    let after = '';
    for (;;) {
      const page = await cases.findPage({
        where: { worked: value, assignee: { gt: after } },
        orderBy: BY_ASSIGNEE,
        limit: 1,
      });
      const next = page.items[0]?.assignee;
      if (!next) break;
      found.add(next);
      after = next;
    }
  }
  return [...found].sort();
}

/** The accounts of the cases assigned to `assignee` (off the same index, `worked` either way asked). */
async function accountsAssignedTo(
  cases: CaseQueries,
  assignee: string,
  worked: readonly boolean[],
): Promise<string[]> {
  const workedIs = worked.length === 1 ? worked[0] : { in: [...worked] };
  const page = await cases.findPage({ where: { worked: workedIs, assignee } });
  return [...new Set(page.items.map((doc) => doc.accountId))];
}
