import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import type { FieldCondition } from '@casetrail/readmodels';
import { Actor, hasRole } from '../../auth/actor';
import { ActorReachReader } from '../../cases/access/actor-reach';

/**
 * Reports and boards are for support staff (DOMAIN.md actors): engineers, auditors and admins see
 * every account; a CSM sees the accounts they are the designated CSM of; customers are refused.
 * Naming an account outside a CSM's accounts is refused rather than answered with zeros, so a
 * wrong filter is not mistaken for a quiet account.
 */
@Injectable()
export class ReportingAccess {
  constructor(@Inject(ActorReachReader) private readonly reach: ActorReachReader) {}

  /**
   * The condition on `accountId` a report for this caller must carry: the requested account, the
   * CSM's accounts, or none (every account). Throws 403 for customers and foreign accounts.
   */
  async accountCondition(actor: Actor, requestedAccountId?: string): Promise<FieldCondition | undefined> {
    if (hasRole(actor, 'engineer', 'auditor', 'admin')) return requestedAccountId;
    if (!hasRole(actor, 'csm')) throw new ForbiddenException('Reports are for support staff');
    const accounts = (await this.reach.reachOf(actor)).csmAccounts;
    if (requestedAccountId === undefined) return { in: accounts };
    if (!accounts.includes(requestedAccountId)) {
      throw new ForbiddenException(`Account ${requestedAccountId} is not one of your accounts`);
    }
    return requestedAccountId;
  }
}
