import { normalizeEmail, sameEmail } from '../../accounts/email-address';
import { isBeforeExpiry, licenceExpiresAt } from '../../licences/licence-expiry';
import type { DomainError } from '../../shared/domain-error';
import type { CaseDecisionContext } from '../context';
import { CaseErrors } from '../errors';
import type { OpenedCase } from '../state';
import { meanwhileOnExpiredLicence } from './customer-reopening-refusal';
import { closedCaseOutlook } from './refusal-next-step';

/**
 * Why a customer who is not (or no longer) a licensed user may not escalate. A registered user of
 * the case's licence whose licence has expired held the right until its last day: they are told the
 * licence expired and to have it renewed, as opening or sharing a case on it tells them, rather
 * than given the list of who may escalate (which reads as if they never could). One removed from the
 * licence (an opener keeps their case) is told that, and who can add them again. Anyone else, a
 * case-team member or someone the case is shared with, is told how they follow the case and whom to
 * ask to escalate it: the opener while they can, else support (or, for a case-team member, a licensed user).
 */
export function customerEscalationRefusal(
  opened: OpenedCase,
  at: string,
  context: CaseDecisionContext,
  email: string,
): DomainError {
  const held = context.actorLicencePermissions;
  // Removed from the licence: that is the reason, and the holder or a user manager the remedy.
  if (held?.removed === true) return CaseErrors.escalationByRemovedUser(email, held.holderEmail);
  if (held?.registered !== true || isBeforeExpiry(licenceExpiresAt(held.licenceActiveUntil), at))
    return followerRefusal(opened, email, held?.holderEmail, context.openerMayEscalate !== false);
  // Past its reopen window a closed (or redirected) case is reopened by nobody, a support engineer
  // neither (reopenCase): what is left is a new case.
  if (opened.status === 'closed' || opened.status === 'redirected') {
    const outlook = closedCaseOutlook(opened, at, context);
    if (!outlook.reopenable)
      return CaseErrors.licenceExpired(
        { ...opened, holderEmail: held.holderEmail },
        held.licenceActiveUntil,
        'you can escalate its open cases again',
        {
          askedBy: normalizeEmail(email),
          meanwhile:
            `The case was ${opened.status} at ${outlook.closedAt}, and ${opened.status} cases can be reopened within ` +
            `${outlook.window} only: for a new problem, open a new case under a licence that is in force`,
        },
      );
  }
  // A closed case takes no comments: the refusal offers only what is left on this case.
  return CaseErrors.licenceExpired(
    { ...opened, holderEmail: held.holderEmail },
    held.licenceActiveUntil,
    'you can escalate again',
    { meanwhile: meanwhileOnExpiredLicence(opened, 'escalate'), askedBy: normalizeEmail(email) },
  );
}

/**
 * A customer who sees the case without a licence of its account in force: its opener, no longer a
 * registered user of its licence; someone it is shared with; or else (see-shared colleagues hold a
 * licence) a member of the account's case team.
 */
function followerRefusal(
  opened: OpenedCase,
  email: string,
  holderEmail: string | undefined,
  openerMayEscalate: boolean,
): DomainError {
  const opener = opened.openedBy.email;
  if (sameEmail(opener, email)) return CaseErrors.escalationByUnregisteredOpener(email, holderEmail);
  // An opener who may not escalate either (their licence ended, say) is no one to send them to.
  const askOpener = openerMayEscalate ? opener : undefined;
  if (opened.shares.some((share) => sameEmail(share.email, email)))
    return CaseErrors.escalationBySharedUser(email, askOpener);
  return CaseErrors.escalationByCaseTeamMember(email, askOpener);
}
