import type { Where } from '@casetrail/readmodels';
import { Actor, seesEveryAccount } from '../../auth/actor';
import { ActorReach } from './actor-reach';

/** The case facts visibility depends on. */
export interface CaseVisibilityFacts {
  accountId: string;
  openedBy: string;
  openerShareTickets: boolean;
  sharedWith: readonly string[];
}

/**
 * Engineers, vendor auditors and admins see every case: no relationship needs looking up for them.
 * A customer's compliance auditor sees exactly the cases of the accounts their token names
 * (`auditedAccounts`), whatever ties the same address has as a customer.
 */
export function seesEveryCase(actor: Actor): boolean {
  return seesEveryAccount(actor);
}

/**
 * The same rule as query conditions (any one suffices), so lists and queues are filtered by the
 * store, never after fetching. `undefined` means the actor sees every case.
 */
export function visibleCasesConditions(
  actor: Actor,
  reach: ActorReach,
  sharedCaseIds: string[],
): Where[] | undefined {
  if (seesEveryCase(actor)) return undefined;
  if (actor.auditedAccounts) return [{ accountId: { in: actor.auditedAccounts } }];
  const conditions: Where[] = [{ openedBy: actor.email }];
  const wholeAccounts = [...new Set([...reach.csmAccounts, ...reach.teamAccounts])];
  if (wholeAccounts.length) conditions.push({ accountId: { in: wholeAccounts } });
  if (reach.seeSharedAccounts.length) {
    // Whether or not the case's licence has expired (see commandGroundOf).
    conditions.push({ accountId: { in: reach.seeSharedAccounts }, openerShareTickets: true });
  }
  if (sharedCaseIds.length) conditions.push({ id: { in: sharedCaseIds } });
  return conditions;
}
