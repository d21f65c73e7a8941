import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import type { FieldCondition } from '@casetrail/readmodels';
import { Actor, hasRole, seesEveryAccount } from '../../auth/actor';
import { ActorReachReader } from '../../cases/access/actor-reach';
import {
  ProjectionCatchUp,
  REPORTING_PROJECTION,
  type WatchedProjection,
} from '../../projections/projection-catch-up';
import { LicensedProducts } from './licensed-products';
import { RegisteredAccounts } from './registered-accounts';

/** The filters every report takes (ids already checked for shape by the query DTOs). */
export interface ReportFilters {
  accountId?: string;
  product?: string;
}

/**
 * Whose accounts a report covers, as its response states it (`scope`): every account, the one
 * named by `accountId`, or, for a CSM who named none, the accounts they are the designated CSM of
 * (for a customer's compliance auditor, the accounts their token names). The last is said outright
 * (with the CSM or auditor, so it still reads right once passed on): otherwise their figures read
 * like the whole desk's.
 */
export type ReportCoverage =
  | { accounts: 'all' }
  | { accounts: 'requested'; accountIds: string[] }
  | { accounts: 'your-accounts'; csm: string; accountIds: string[] }
  | { accounts: 'your-accounts'; auditor: string; accountIds: string[] };

/**
 * What a report's rows must match: a condition on `accountId` (none: every account) and on
 * `product` (every spelling recorded of the product asked for, see LicensedProducts.requireSpellings).
 */
export interface ReportScope {
  accountId: FieldCondition | undefined;
  product: FieldCondition | undefined;
  /** The product asked for, in the one spelling reports show (and echo in their filters). */
  productName?: string;
  /** The accounts that condition lets through, for the response to state. */
  coverage: ReportCoverage;
}

/**
 * Reports and boards are for support staff (DOMAIN.md actors): engineers, auditors and admins see
 * every account; a CSM sees the accounts they are the designated CSM of, and a customer's compliance
 * auditor the accounts their token names (to both, another account is 404, as one nobody
 * registered: it is another customer's); customers are refused.
 * A filter that names nothing is refused rather than answered with zeros, so a wrong filter is not
 * mistaken for a quiet account or product: an account nobody registered, or (to a CSM or a
 * customer's auditor) one outside their accounts, is 404 naming accountId; a product no licence ever
 * had is 404 (for staff who see every account only: to a CSM or a customer's auditor it is a
 * product none of their cases has).
 * A product is one product in every spelling that differs only by case or Unicode form.
 * Read models that hold none of the log (no projector ran on them yet, or a rebuild emptied them)
 * are refused as the lists refuse them (503 `read-models-behind`), not answered as an all-clear.
 */
@Injectable()
export class ReportingAccess {
  constructor(
    @Inject(ActorReachReader) private readonly reach: ActorReachReader,
    @Inject(RegisteredAccounts) private readonly accounts: RegisteredAccounts,
    @Inject(LicensedProducts) private readonly products: LicensedProducts,
    @Inject(ProjectionCatchUp)
    private readonly catchUp: Pick<ProjectionCatchUp, 'refuseIfHoldingNothing'>,
  ) {}

  /**
   * The scope of a report for this caller. Throws 403 for customers, 404 for accounts out of reach,
   * then 503 `read-models-behind` when one of `readModels` (what the report reads; by default the
   * reporting projection's) holds none of the log: a report from them would read as "all zeros".
   */
  async scope(
    actor: Actor,
    filters: ReportFilters,
    readModels: readonly WatchedProjection[] = [REPORTING_PROJECTION],
  ): Promise<ReportScope> {
    const scope = await this.filterScope(actor, filters);
    await this.catchUp.refuseIfHoldingNothing(readModels);
    return scope;
  }

  private async filterScope(actor: Actor, filters: ReportFilters): Promise<ReportScope> {
    const accounts = await this.accountScope(actor, filters.accountId);
    if (filters.product === undefined) return { ...accounts, product: undefined };
    if (!seesEveryAccount(actor)) {
      // Whether another customer licenses a product is not for a caller scoped to some accounts (a
      // CSM, a customer's compliance auditor) to learn: no 404 for a product no licence ever had, and
      // the spelling asked for echoed, as the case list answers them (LicensedProducts.spellingsOrNone).
      const product = await this.products.spellingsOrNone(filters.product);
      return { ...accounts, product, productName: filters.product.trim().normalize('NFC') };
    }
    const { condition, name } = await this.products.requireSpellings(filters.product);
    return { ...accounts, product: condition, productName: name };
  }

  /** The requested account, the CSM's accounts, or none (every account). */
  private async accountScope(
    actor: Actor,
    requestedAccountId: string | undefined,
  ): Promise<Pick<ReportScope, 'accountId' | 'coverage'>> {
    const requested = (accountId: string) => ({
      accountId,
      coverage: { accounts: 'requested' as const, accountIds: [accountId] },
    });
    if (seesEveryAccount(actor)) {
      if (requestedAccountId === undefined) return { accountId: undefined, coverage: { accounts: 'all' } };
      await this.accounts.requireRegistered(requestedAccountId);
      return requested(requestedAccountId);
    }
    const audited = actor.auditedAccounts;
    if (audited) {
      if (requestedAccountId === undefined) {
        return {
          accountId: { in: audited },
          coverage: { accounts: 'your-accounts', auditor: actor.email, accountIds: [...audited].sort() },
        };
      }
      await this.accounts.requireInReach(requestedAccountId, audited);
      return requested(requestedAccountId);
    }
    if (!hasRole(actor, 'csm')) throw new ForbiddenException('Reports are for support staff');
    const accounts = (await this.reach.reachOf(actor)).csmAccounts;
    if (requestedAccountId === undefined) {
      return {
        accountId: { in: accounts },
        coverage: { accounts: 'your-accounts', csm: actor.email, accountIds: [...accounts].sort() },
      };
    }
    await this.accounts.requireInReach(requestedAccountId, accounts);
    return requested(requestedAccountId);
  }
}
