import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@casetrail/domain';
import type { ReadModelStore } from '@casetrail/readmodels';
import { ACCOUNTS } from '@casetrail/readmodels/accounts/accounts.projection';
import { ProjectionCatchUp } from '../../projections/projection-catch-up';
import { READ_MODEL_STORE } from '../../storage/storage.tokens';

/**
 * Whether an account a report is filtered by is registered: a report for an account nobody
 * registered would be all zeros, the same answer as a quiet account's.
 */
@Injectable()
export class RegisteredAccounts {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(ProjectionCatchUp) private readonly catchUp: ProjectionCatchUp,
  ) {}

  /**
   * 404 naming `accountId` unless the account is registered. Reports do not wait for the accounts
   * read model (they catch up on their own), so only a miss waits for it to include every event
   * stored so far and looks again: an account registered a moment ago is not refused.
   */
  async requireRegistered(accountId: string): Promise<void> {
    if (await this.isRegistered(accountId)) return;
    await this.catchUp.waitForHead(['accounts']);
    if (await this.isRegistered(accountId)) return;
    throw noSuchAccount(accountId);
  }

  /**
   * An `accountId` filter as the queues, reports, board and licence list refuse it, so a wrong
   * account is not read as a quiet one: for staff who see every account (`csmAccounts` undefined)
   * one nobody registered is 404; for a CSM (`csmAccounts`, the accounts they are CSM of) another's
   * is 403, whether it exists or not; for a customer's compliance auditor (`hidden`, `csmAccounts`
   * the accounts their token names) another's is the 404 of an account nobody registered.
   */
  async requireInReach(
    accountId: string,
    csmAccounts: readonly string[] | undefined,
    others: 'forbidden' | 'hidden' = 'forbidden',
  ): Promise<void> {
    if (csmAccounts === undefined) return this.requireRegistered(accountId);
    if (csmAccounts.includes(accountId)) return;
    // A customer's compliance auditor ('hidden') must not learn that another customer's account exists.
    if (others === 'hidden') throw noSuchAccount(accountId);
    throw new ForbiddenException(`Account ${accountId} is not one of your accounts`);
  }

  private async isRegistered(accountId: string): Promise<boolean> {
    return (await this.readModels.get(ACCOUNTS, accountId)) !== undefined;
  }
}

function noSuchAccount(accountId: string): DomainError {
  return new DomainError(
    'account-not-found',
    'not-found',
    `No account ${accountId} is registered`,
    'accountId',
  );
}
