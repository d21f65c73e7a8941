import { Inject, Injectable } from '@nestjs/common';
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
   * An `accountId` filter as the queues, reports, board, case list and licence list refuse it, so a
   * wrong account is not read as a quiet one: for staff who see every account (`scopedAccounts`
   * undefined) one nobody registered is 404 naming `accountId`. For a reader scoped to some accounts
   * (`scopedAccounts`: a CSM's designated accounts, a customer's compliance auditor's token accounts)
   * any other is that same 404, registered or not (README: another customer's account is to a CSM
   * the 404 of an unknown id, as to any stranger): the same status and body, and no look-up either
   * way, so neither the answer nor its timing tells whether another customer's account exists.
   */
  async requireInReach(accountId: string, scopedAccounts: readonly string[] | undefined): Promise<void> {
    if (scopedAccounts === undefined) return this.requireRegistered(accountId);
    if (scopedAccounts.includes(accountId)) return;
    throw noSuchAccount(accountId);
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
