import { ForbiddenException, Inject, Injectable, NotFoundException, Optional } from '@nestjs/common';
import { isMissionCriticalAccount, normalizeEmail } from '@casetrail/domain';
import type { EventStore } from '@casetrail/eventstore';
import type { ReadModelStore } from '@casetrail/readmodels';
import {
  ACCOUNTS,
  AccountView,
  CASE_TEAM_MEMBERS,
  CaseTeamMemberView,
} from '@casetrail/readmodels/accounts/accounts.projection';
import { LICENCES, LicenceView } from '@casetrail/readmodels/licences/licences.projection';
import { Actor, hasRole, seesEveryAccount } from '../auth/actor';
import { LicenceDirectory } from '../licences/licence-directory';
import { CLOCK, Clock } from '../runtime/runtime';
import { DamagedStreams } from '../storage/damaged-streams';
import { recordDamagedSign } from '../storage/record-damage';
import { EVENT_STORE, READ_MODEL_STORE } from '../storage/storage.tokens';
import { accountStream } from './account-command';
import { isStrangerToAccount } from './account-strangers';
import { coverageWarnings } from './mission-critical-coverage';

const MAX_ROWS = 1000;

/**
 * Account views: staff and the account's CSM see everything; the account's licence holders and
 * active licensed users of an unexpired licence see the account, its case team and its licences'
 * terms; everyone else gets 403: pending invitees, and case-team members who are none of those;
 * but a stranger to the account (isStrangerToAccount) gets 404, as for an id nobody registered.
 * DOMAIN.md gives a case-team member the account's cases, not the customer's licence terms, licence
 * ids and holders' addresses, and a member may come from another company (a competitor even), as a
 * person a case is shared with may. A member reads their own team entry (their notification
 * preference, and the ETag its PATCH takes) with caseTeamMember.
 */
@Injectable()
export class AccountQueries {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LicenceDirectory) private readonly licences: LicenceDirectory,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Optional() @Inject(DamagedStreams) private readonly damaged?: Pick<DamagedStreams, 'find'>,
  ) {}

  /** `recordDamaged` while the API knows the account's stream damaged, as a case's detail has it (recordDamagedSign). */
  private async damageSign(actor: Actor, accountId: string) {
    const recordDamaged = await recordDamagedSign(actor, accountStream(accountId), {
      damaged: this.damaged,
      events: this.events,
    });
    return recordDamaged ? { recordDamaged } : {};
  }

  async account(actor: Actor, accountId: string) {
    const account = await this.readModels.get<AccountView>(ACCOUNTS, accountId);
    // An id nobody registered is judged as an account hidden from the caller is, against an account
    // with no licences, team or CSM: its 404 comes after the same reads, so its time does not tell
    // the caller holding a candidate id that it is a customer (as a case's 404: CaseAccess).
    const seen = await this.maySee(actor, account ?? { id: accountId, csm: null });
    if (!account) throw await this.cannotSee(actor, accountId, false);
    if (!seen) throw await this.cannotSee(actor, accountId);
    const [team, licences] = await Promise.all([
      this.readModels.find<CaseTeamMemberView>(CASE_TEAM_MEMBERS, { where: { accountId }, limit: MAX_ROWS }),
      this.readModels.find<LicenceView>(LICENCES, { where: { accountId }, limit: MAX_ROWS }),
    ]);
    const now = this.clock.now().toISOString();
    const missionCritical = isMissionCriticalAccount(licences.items, now);
    return {
      ...withCalendar(account),
      missionCritical,
      // Mission Critical with no CSM: said here too, not only in the answer of the request that left it so.
      warnings: coverageWarnings(account, missionCritical),
      caseTeam: team.items.map(({ email, name, notify, addedAt }) => ({ email, name, notify, addedAt })),
      licences: licences.items.map(
        ({ id, product, edition, plan, activeUntil, expiresAt, seats, holderEmail }) => ({
          id,
          product,
          edition,
          plan,
          activeUntil,
          expiresAt,
          seats,
          holderEmail,
        }),
      ),
      ...(await this.damageSign(actor, accountId)),
    };
  }

  /**
   * One case-team entry, for those who see the account; a member who does not is answered their own
   * entry only (anyone else's, or an address not on the team, is the account view's 403).
   */
  async caseTeamMember(actor: Actor, accountId: string, email: string) {
    const account = await this.readModels.get<AccountView>(ACCOUNTS, accountId);
    const registered = account !== undefined;
    const wanted = normalizeEmail(email);
    // An id nobody registered goes through the reads a hidden account does (as in `account`), and
    // finds no team entry: its 404 comes after the same work, so its time tells a caller nothing.
    const seesAccount = (await this.maySee(actor, account ?? { id: accountId, csm: null })) && registered;
    if (!seesAccount && wanted !== actor.email) throw await this.cannotSee(actor, accountId, registered);
    const [member] = (
      await this.readModels.find<CaseTeamMemberView>(CASE_TEAM_MEMBERS, {
        where: { accountId, email: wanted },
        limit: 1,
      })
    ).items;
    if (!member && !seesAccount) throw await this.cannotSee(actor, accountId, registered);
    if (!member) throw new NotFoundException(`${email} is not on the case team of account ${accountId}`);
    const { name, notify, addedAt } = member;
    return { accountId, email: member.email, name, notify, addedAt };
  }

  /**
   * Staff list of accounts (a CSM sees the accounts they are designated for, a customer's
   * compliance auditor those their token names).
   */
  async list(actor: Actor, limit: number, cursor?: string) {
    const where = seesEveryAccount(actor)
      ? {}
      : actor.auditedAccounts
        ? { id: { in: actor.auditedAccounts } }
        : { csm: actor.email };
    const page = await this.readModels.find<AccountView>(ACCOUNTS, {
      where,
      orderBy: [{ field: 'id', direction: 'asc' }],
      limit,
      cursor,
    });
    const items = await Promise.all(
      page.items.map(async (account) => ({
        ...withCalendar(account),
        ...(await this.damageSign(actor, account.id)),
      })),
    );
    return {
      items,
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }

  /**
   * DOMAIN.md: "An invited user is pending until registration completes; access is granted then".
   * So only an active licensed user of a licence that has not expired sees the account (its case
   * team's and licence holders' emails): an invitee who never registered is a stranger here, and a
   * user whose licences have all expired is treated as a removed one. The holder keeps the view
   * after their licence expired: renewing it, and managing its users, is still theirs to do. Being
   * on the case team is no ground (see the class comment).
   */
  private async maySee(actor: Actor, account: Pick<AccountView, 'id' | 'csm'>): Promise<boolean> {
    if (seesEveryAccount(actor)) return true;
    // A customer's compliance auditor: exactly the accounts their token names.
    if (actor.auditedAccounts) return actor.auditedAccounts.includes(account.id);
    // The designation counts with the role, as on licences and cases: a CSM whose role was taken
    // away (roles may come from the identity provider) is nobody's CSM.
    if (hasRole(actor, 'csm') && account.csm === actor.email) return true;
    // The one rule for a customer, which the licence commands and reads follow too (seesLicencesOfAccount).
    return this.licences.seesLicencesOfAccount(account.id, actor.email, this.clock.now().toISOString());
  }

  /**
   * API.md: authenticated but not allowed is 403; but a stranger to the account is answered as for
   * an id nobody registered (isStrangerToAccount). For an id that is no account (`registered` false)
   * the same question is asked, for the same work, and the answer is its 404 whatever it says.
   */
  private async cannotSee(actor: Actor, accountId: string, registered = true) {
    const stranger = await isStrangerToAccount(this.readModels, actor, accountId);
    if (stranger || !registered) return noSuchAccount(accountId);
    return new ForbiddenException(`You may not see account ${accountId}`);
  }
}

const noSuchAccount = (accountId: string) => new NotFoundException(`No account ${accountId}`);

/** Rows stored before accounts could name a calendar have none: they are on the policy's default. */
function withCalendar(account: AccountView): AccountView {
  return { ...account, calendar: account.calendar ?? null };
}
