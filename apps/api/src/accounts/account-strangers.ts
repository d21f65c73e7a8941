import {
  AccountErrors,
  AccountState,
  actorHasRole,
  findCaseTeamMember,
  type ActorIdentity,
} from '@casetrail/domain';
import type { ReadModelStore } from '@casetrail/readmodels';
import { CASE_TEAM_MEMBERS } from '@casetrail/readmodels/accounts/accounts.projection';
import { LICENCES, LICENSED_USERS } from '@casetrail/readmodels/licences/licences.projection';
import { STAFF_ROLES } from '../auth/actor';

/**
 * Someone with no tie to an account: no staff role, not on its case team, neither the holder nor a
 * user (pending or active, expired licence or not) of any of its licences. Every account endpoint
 * answers them as it answers an id nobody registered (404), as licences and cases answer strangers
 * (DOMAIN.md: "never a hint that the case exists"): a 403 would confirm to anyone who saw an
 * account id (a shared case's accountId) that it is a live customer. Those the account knows of,
 * and staff (who know the vendor's customers), keep their 403.
 *
 * `onCaseTeam` is the case-team tie when the caller knows it better than the read models (a
 * command has the account's own stream), so a member added a moment ago is never taken for a stranger.
 */
export async function isStrangerToAccount(
  readModels: ReadModelStore,
  actor: ActorIdentity,
  accountId: string,
  onCaseTeam?: boolean,
): Promise<boolean> {
  if (actorHasRole(actor, ...STAFF_ROLES)) return false;
  const ties = [
    onCaseTeam ?? hasAny(readModels, CASE_TEAM_MEMBERS, { accountId, email: actor.email }),
    hasAny(readModels, LICENCES, { accountId, holderEmail: actor.email }),
    hasAny(readModels, LICENSED_USERS, { accountId, email: actor.email }),
  ];
  return !(await Promise.all(ties)).some(Boolean);
}

async function hasAny(readModels: ReadModelStore, collection: string, where: Record<string, string>) {
  return (await readModels.find(collection, { where, limit: 1 })).items.length > 0;
}

/**
 * For commands on (or under) an account: refuses a stranger as the account decider refuses an id
 * nobody registered, before any other refusal could tell them it exists. The account's own stream
 * says who is on its case team.
 */
export async function refuseStrangerToAccount(
  readModels: ReadModelStore,
  actor: ActorIdentity,
  account: AccountState,
): Promise<void> {
  if (account.status !== 'registered') return;
  const onCaseTeam = findCaseTeamMember(account, actor.email) !== undefined;
  if (await isStrangerToAccount(readModels, actor, account.accountId, onCaseTeam))
    throw AccountErrors.notFound();
}
