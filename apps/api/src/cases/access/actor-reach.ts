import { Inject, Injectable } from '@nestjs/common';
import type { ReadModelStore } from '@casetrail/readmodels';
import {
  ACCOUNTS,
  CASE_TEAM_MEMBERS,
  CaseTeamMemberView,
} from '@casetrail/readmodels/accounts/accounts.projection';
import { LICENSED_USERS, LicensedUserView } from '@casetrail/readmodels/licences/licences.projection';
import { Actor } from '../../auth/actor';
import { ProjectionCatchUp } from '../../projections/projection-catch-up';
import { READ_MODEL_STORE } from '../../storage/storage.tokens';

/**
 * What a person's relationships let them reach, from the read models: the accounts whose case
 * team they are on, the accounts where they may see shared tickets, the accounts they are CSM of.
 */
export interface ActorReach {
  teamAccounts: string[];
  seeSharedAccounts: string[];
  csmAccounts: string[];
}

const MAX_RELATIONS = 1000;

@Injectable()
export class ActorReachReader {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(ProjectionCatchUp) private readonly catchUp: ProjectionCatchUp,
  ) {}

  async reachOf(actor: Actor): Promise<ActorReach> {
    // Access follows the licence and case-team records as stored, also for commands (which do
    // not go through the consistent-read wait of the query routes): a removal is at once a refusal.
    await this.catchUp.waitForHead(['accounts', 'licences']);
    const [team, users, csm] = await Promise.all([
      this.readModels.find<CaseTeamMemberView>(CASE_TEAM_MEMBERS, {
        where: { email: actor.email },
        limit: MAX_RELATIONS,
      }),
      this.readModels.find<LicensedUserView>(LICENSED_USERS, {
        where: { email: actor.email, status: 'active', seeSharedTickets: true },
        limit: MAX_RELATIONS,
      }),
      actor.roles.includes('csm')
        ? this.readModels.find(ACCOUNTS, { where: { csm: actor.email }, limit: MAX_RELATIONS })
        : Promise.resolve({ items: [] }),
    ]);
    return {
      teamAccounts: unique(team.items.map((member) => member.accountId)),
      seeSharedAccounts: unique(users.items.map((user) => user.accountId)),
      csmAccounts: unique(csm.items.map((account) => String(account.id))),
    };
  }
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
