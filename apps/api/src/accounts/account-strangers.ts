import {
  AccountErrors,
  AccountState,
  actorHasRole,
  findCaseTeamMember,
  normalizeEmail,
  type ActorIdentity,
} from '@casetrail/domain';
import type { ReadModelStore } from '@casetrail/readmodels';
import { ACCOUNTS, AccountView, CASE_TEAM_MEMBERS } from '@casetrail/readmodels/accounts/accounts.projection';
import { LICENCES, LICENSED_USERS } from '@casetrail/readmodels/licences/licences.projection';

/**
 * Someone with no tie to an account: no staff role that sees every account, not its designated CSM,
 * not on its case team, neither the holder nor a user (pending or active, expired licence or not) of
 * any of its licences. Every account endpoint answers them as it answers an id nobody registered
 * (404), as licences and cases answer strangers (DOMAIN.md: "never a hint that the case exists"): a
 * 403 would confirm to anyone who saw an account id (a shared case's accountId) that it is a live
 * customer. Those the account knows of, and engineers, auditors and admins (who know the vendor's
 * customers), keep their 403. A CSM is vendor staff designated to a Mission Critical account: they
 * know the accounts they are designated for, and are told no more of other customers' accounts than
 * of their products and cases (another customer's account is the 404 of an unknown id to them).
 *
 * `known` is what the caller knows better than the read models (a command has the account's own
 * stream): its case team, so a member added a moment ago is never taken for a stranger, and its CSM.
 */
export async function isStrangerToAccount(
  readModels: ReadModelStore,
  actor: ActorIdentity,
  accountId: string,
  known?: { onCaseTeam: boolean; csm: string | null },
): Promise<boolean> {
  if (actorHasRole(actor, 'engineer', 'auditor', 'admin')) return false;
  const ties = [
    actorHasRole(actor, 'csm') && isDesignatedCsm(readModels, actor, accountId, known?.csm),
    known?.onCaseTeam ?? hasAny(readModels, CASE_TEAM_MEMBERS, { accountId, email: actor.email }),
    hasAny(readModels, LICENCES, { accountId, holderEmail: actor.email }),
    hasAny(readModels, LICENSED_USERS, { accountId, email: actor.email }),
  ];
  return !(await Promise.all(ties)).some(Boolean);
}

/** Whether the actor is the account's CSM: as the command's stream knows it, else as the read models do. */
async function isDesignatedCsm(
  readModels: ReadModelStore,
  actor: ActorIdentity,
  accountId: string,
  knownCsm: string | null | undefined,
): Promise<boolean> {
  const csm =
    knownCsm !== undefined ? knownCsm : (await readModels.get<AccountView>(ACCOUNTS, accountId))?.csm;
  return typeof csm === 'string' && normalizeEmail(csm) === normalizeEmail(actor.email);
}

async function hasAny(readModels: ReadModelStore, collection: string, where: Record<string, string>) {
  return (await readModels.find(collection, { where, limit: 1 })).items.length > 0;
}

/**
 * For commands on (or under) an account: refuses a stranger as the account decider refuses an id
 * nobody registered, before any other refusal could tell them it exists. The account's own stream
 * says who is on its case team. An id nobody registered is asked the same question, as an account
 * with no team and no CSM, and the answer left to the caller's 404: that 404 then comes after the
 * same reads as a hidden account's, so its time does not tell a caller holding a candidate id that
 * it is a customer (as the account reads do: AccountQueries).
 */
export async function refuseStrangerToAccount(
  readModels: ReadModelStore,
  actor: ActorIdentity,
  accountId: string,
  account: AccountState,
): Promise<void> {
  if (account.status !== 'registered') {
    await isStrangerToAccount(readModels, actor, accountId, { onCaseTeam: false, csm: null });
    return;
  }
  const known = {
    onCaseTeam: findCaseTeamMember(account, actor.email) !== undefined,
    csm: account.customerSuccessManager,
  };
  if (await isStrangerToAccount(readModels, actor, account.accountId, known)) throw AccountErrors.notFound();
}
