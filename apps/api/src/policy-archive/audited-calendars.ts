import type { OpenedCase } from '@casetrail/domain';
import { findEach, type ReadModelStore } from '@casetrail/readmodels';
import { ACCOUNTS, type AccountView } from '@casetrail/readmodels/accounts/accounts.projection';
import { CASES } from '@casetrail/readmodels/cases/cases.projection';

const PAGE_SIZE = 500;

/**
 * The named calendars a customer's compliance auditor may read in a policy version: those her
 * accounts name now and those their cases were opened under (a case keeps its calendar when the
 * account moves on, and its due times were computed on it). Any other named calendar was made for
 * another customer: its name often is that customer's, its holidays their shutdowns.
 */
export async function calendarsOfAccounts(
  readModels: ReadModelStore,
  accountIds: readonly string[],
): Promise<Set<string>> {
  const names = new Set<string>();
  if (accountIds.length === 0) return names;
  const where = { id: { in: [...accountIds] } };
  for await (const account of findEach<AccountView>(readModels, ACCOUNTS, { where }, PAGE_SIZE))
    if (account.calendar) names.add(account.calendar);
  const ofCases = { where: { accountId: { in: [...accountIds] } } };
  for await (const row of findEach<{ state: OpenedCase }>(readModels, CASES, ofCases, PAGE_SIZE))
    if (row.state.calendar) names.add(row.state.calendar);
  return names;
}

/**
 * The policy with its named calendars narrowed to `names`; everything else (goals, cadences, plans,
 * licensing, the default calendar) is every customer's terms and stays whole.
 */
export function withCalendarsOnly(
  policy: Record<string, unknown>,
  names: ReadonlySet<string>,
): Record<string, unknown> {
  const calendars = (policy.calendars ?? {}) as Record<string, unknown>;
  return {
    ...policy,
    calendars: Object.fromEntries(Object.entries(calendars).filter(([name]) => names.has(name))),
  };
}
