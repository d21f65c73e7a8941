import { Inject, Injectable } from '@nestjs/common';
import { normalizeEmail, type CustomerRole } from '@casetrail/domain';
import type { ReadModelStore, Where } from '@casetrail/readmodels';
import { ACCOUNTS, CASE_TEAM_MEMBERS } from '@casetrail/readmodels/accounts/accounts.projection';
import { CASES, CASE_SHARES } from '@casetrail/readmodels/cases/cases.projection';
import { LICENCES, LICENSED_USERS } from '@casetrail/readmodels/licences/licences.projection';
import { ProjectionCatchUp } from '../projections/projection-catch-up';
import { READ_MODEL_STORE } from '../storage/storage.tokens';

/**
 * Whether the licence and account records know an email as a customer's, on any account. There is
 * no directory of staff (their roles come from tokens), so the customers' records are what a
 * decision can check a would-be assignee or CSM against. Waits, as case commands do, until the
 * read models include every licence and account event stored so far.
 *
 * Customers write some of those records themselves (a holder invites users, an opener shares a
 * case), so a customer could type a vendor engineer's email and have them refused everywhere.
 * Staff the records already vouch for are therefore never customers here: the CSM an admin named
 * for an account, and whoever an engineer assigned a case to (or who took one). A new engineer
 * whose email a customer typed can still take a case themselves, and is known from then on.
 */
@Injectable()
export class CustomerDirectory {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(ProjectionCatchUp) private readonly catchUp: ProjectionCatchUp,
  ) {}

  /** How the records know the email as a customer's, if they do (staff they vouch for are not). */
  async roleOf(email: string): Promise<CustomerRole | undefined> {
    const standing = await this.standingOf(email);
    return standing === 'staff' ? undefined : standing;
  }

  /**
   * `staff` when the records vouch for the email as staff (see above; nobody's customer then),
   * otherwise how they know it as a customer's, if they do. One wait for the read models.
   */
  async standingOf(email: string): Promise<'staff' | CustomerRole | undefined> {
    await this.catchUp.waitForHead(['licences', 'accounts', 'cases']);
    const wanted = normalizeEmail(email);
    if (await this.vouchedForAsStaff(wanted)) return 'staff';
    if (await this.anyIn(LICENSED_USERS, { email: wanted })) return 'licensed user';
    if (await this.anyIn(LICENCES, { holderEmail: wanted })) return 'licence holder';
    if (await this.anyIn(CASE_TEAM_MEMBERS, { email: wanted })) return 'case-team member';
    if (await this.anyIn(CASE_SHARES, { email: wanted })) return 'shared user';
    return undefined;
  }

  private async vouchedForAsStaff(email: string): Promise<boolean> {
    return (
      (await this.anyIn(ACCOUNTS, { csm: email })) ||
      (await this.anyIn(CASES, { active: true, assignee: email })) ||
      (await this.anyIn(CASES, { active: false, assignee: email }))
    );
  }

  private async anyIn(collection: string, where: Where): Promise<boolean> {
    return (await this.readModels.find(collection, { where, limit: 1 })).items.length > 0;
  }
}
