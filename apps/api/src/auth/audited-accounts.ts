import { requireNotAuditor } from '@casetrail/domain';
import { Actor } from './actor';

/** Methods that change nothing. */
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A customer's compliance auditor (a token naming `auditedAccounts`) is read-only, as every
 * auditor, and is refused every change before any record is looked up: otherwise the refusal for
 * another customer's account, licence or case (403 for one that exists, 404 for one that does not)
 * would tell them which ids are live. The refusal is every auditor's (403 read-only-actor).
 */
export function refuseAuditorChange(actor: Actor, method: string): void {
  if (actor.auditedAccounts === undefined || READS.has(method.toUpperCase())) return;
  requireNotAuditor(actor);
}

/** Whether the account is outside what a customer's compliance auditor's token names (never for anyone else). */
export function isOutsideAuditedAccounts(actor: Actor, accountId: string): boolean {
  return actor.auditedAccounts !== undefined && !actor.auditedAccounts.includes(accountId);
}
