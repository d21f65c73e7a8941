import { Inject, Injectable } from '@nestjs/common';
import type { ReadModelStore } from '@casetrail/readmodels';
import {
  ACCOUNTS,
  CASE_TEAM_MEMBERS,
  CaseTeamMemberView,
} from '@casetrail/readmodels/accounts/accounts.projection';
import { isBeforeExpiry, seesLicencesOfAccount } from '@casetrail/domain';
import {
  LICENCES,
  LICENSED_USERS,
  LicenceView,
  LicensedUserView,
} from '@casetrail/readmodels/licences/licences.projection';
import { Actor, seesEveryAccount } from '../../auth/actor';
import { ProjectionCatchUp } from '../../projections/projection-catch-up';
import { CLOCK, Clock } from '../../runtime/runtime';
import { READ_MODEL_STORE } from '../../storage/storage.tokens';

/**
 * What a person's relationships let them reach, from the read models: the accounts whose case
 * team they are on, the accounts where they may see shared tickets, the accounts they are CSM of.
 */
export interface ActorReach {
  teamAccounts: string[];
  seeSharedAccounts: string[];
  /**
   * The licences that give each of `seeSharedAccounts`: a command let in on that ground alone finds
   * it again in those licences' streams when it is decided (see CommandGround).
   */
  seeSharedLicences: SeeSharedLicence[];
  csmAccounts: string[];
}

export interface SeeSharedLicence {
  accountId: string;
  licenceId: string;
}

const MAX_RELATIONS = 1000;

@Injectable()
export class ActorReachReader {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(ProjectionCatchUp) private readonly catchUp: ProjectionCatchUp,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The accounts a staff read across accounts (a queue, a report) covers: undefined for every
   * account (engineers, admins, a vendor auditor), those a customer's compliance auditor's token
   * names, else those the person is the designated CSM of.
   */
  async staffAccountsOf(actor: Actor): Promise<string[] | undefined> {
    if (seesEveryAccount(actor)) return undefined;
    return actor.auditedAccounts ?? (await this.reachOf(actor)).csmAccounts;
  }

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
    const seeSharedLicences = (await this.ofUnexpiredLicences(users.items)).map(
      ({ accountId, licenceId }): SeeSharedLicence => ({ accountId, licenceId }),
    );
    return {
      teamAccounts: unique(team.items.map((member) => member.accountId)),
      seeSharedAccounts: unique(seeSharedLicences.map((licence) => licence.accountId)),
      seeSharedLicences,
      csmAccounts: unique(csm.items.map((account) => String(account.id))),
    };
  }

  /**
   * The accounts a customer is one of the people of, as the account view counts them
   * (seesLicencesOfAccount, asked of each account they hold or are an active user of a licence of):
   * the holders (expired or not: renewing is theirs to do) and active users of a licence in force.
   * Pending invitees, users whose licences all expired and case-team members are not; the account's
   * licence terms are not theirs.
   */
  async licenseeAccountsOf(actor: Actor): Promise<ReadonlySet<string>> {
    await this.catchUp.waitForHead(['licences']);
    const [held, users] = await Promise.all([
      this.readModels.find<LicenceView>(LICENCES, {
        where: { holderEmail: actor.email },
        limit: MAX_RELATIONS,
      }),
      this.readModels.find<LicensedUserView>(LICENSED_USERS, {
        where: { email: actor.email, status: 'active' },
        limit: MAX_RELATIONS,
      }),
    ]);
    const activeOn = users.items.map((user) => user.licenceId);
    // Their own licences are all the rule reads of an account: it asks only which they hold or are on.
    const own = new Map(held.items.map((licence) => [licence.id, licence]));
    for (const licence of await this.licencesById(activeOn)) own.set(licence.id, licence);
    const now = this.clock.now().toISOString();
    const accountIds = unique([...own.values()].map((licence) => licence.accountId));
    return new Set(
      accountIds.filter((accountId) =>
        seesLicencesOfAccount(
          actor.email,
          [...own.values()].filter((licence) => licence.accountId === accountId),
          activeOn,
          now,
        ),
      ),
    );
  }

  /**
   * A licensed user is one of a licence that has not expired: once it has, its users no longer see
   * their colleagues' shared tickets (their own cases, and any shared with them, stay visible). The
   * licence a case was opened under is not judged so: its expiry takes nothing from colleagues who
   * see shared tickets on a licence in force, as it takes nothing from its opener.
   */
  private async ofUnexpiredLicences(users: LicensedUserView[]): Promise<LicensedUserView[]> {
    const now = this.clock.now().toISOString();
    const licences = await this.licencesById(users.map((user) => user.licenceId));
    const unexpired = new Set(
      licences.filter((licence) => isBeforeExpiry(licence.expiresAt, now)).map((licence) => licence.id),
    );
    return users.filter((user) => unexpired.has(user.licenceId));
  }

  /** The licences of these ids that the read model holds, each read once. */
  private async licencesById(licenceIds: string[]): Promise<LicenceView[]> {
    const licences = await Promise.all(
      unique(licenceIds).map((id) => this.readModels.get<LicenceView>(LICENCES, id)),
    );
    return licences.filter((licence): licence is LicenceView => licence !== undefined && licence !== null);
  }
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
