import { normalizeEmail } from '../../accounts/email-address';
import { isBeforeExpiry, licenceExpiresAt } from '../../licences/licence-expiry';
import type { DomainError } from '../../shared/domain-error';
import { isCustomer, type CaseActor } from '../actor';
import type { CaseDecisionContext } from '../context';
import { CaseErrors } from '../errors';
import type { OpenedCase } from '../state';

/**
 * A reopening restarts the case's resolution clock with the full goal, as logging a case starts
 * one: on a licence that has expired, a customer may no more reopen a case (by the reopening
 * command, or by replying to a proposed resolution) than open, escalate or share one (DOMAIN.md:
 * "Only licensed users of an active licence can log cases"). Refused with the same licence-expired
 * problem, saying what the renewal gives back and what can be done meanwhile: a resolved case still
 * takes comments, a closed one does not (add-comment refuses it case-closed), so there the advice
 * is a support engineer, who may reopen it.
 *
 * Support engineers (and admins) may still reopen: a case resolved by mistake, or one whose fix
 * turned out wrong, is the vendor's own slip to correct, whatever the licence's term.
 * Undefined: the reopening is allowed.
 */
export function customerReopeningRefusal(
  opened: OpenedCase,
  actor: CaseActor,
  at: string,
  context: CaseDecisionContext,
): DomainError | undefined {
  const activeUntil = context.caseLicenceActiveUntil;
  if (!isCustomer(actor) || activeUntil === undefined) return undefined;
  if (isBeforeExpiry(licenceExpiresAt(activeUntil), at)) return undefined;
  // Someone from another company is told the licence is not in force, not its id, last day or renewal.
  if (context.licenceTermsWithheld === true)
    return CaseErrors.caseLicenceNotInForce(opened.openedBy.email, opened.status === 'resolved');
  return CaseErrors.licenceExpired(
    { ...opened, holderEmail: context.caseLicenceHolderEmail },
    activeUntil,
    'you can reopen its cases again',
    { meanwhile: meanwhileOnExpiredLicence(opened, 'reopen'), askedBy: normalizeEmail(actor.email) },
  );
}

/**
 * What is left to a customer on a case whose licence expired, until the renewal: a case not yet
 * closed still takes comments (on a resolved one the reply reopens nothing), and a support engineer
 * can do what the customer was refused (`engineerCan`); a closed or redirected case takes no
 * comments (add-comment), so there a support engineer, who can reopen it, is the only way on.
 */
export function meanwhileOnExpiredLicence(opened: OpenedCase, engineerCan: 'reopen' | 'escalate'): string {
  if (opened.status === 'closed')
    return 'Until then, the case takes no comments (it is closed): ask a support engineer, who can reopen it';
  if (opened.status === 'redirected')
    return 'Until then, the case takes no comments (it was redirected): ask a support engineer, who can reopen it';
  return `Until then, you can still comment on the case, and a support engineer can ${engineerCan} it`;
}
