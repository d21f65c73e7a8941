import { normalizeEmail, recordedEmail } from '../../accounts/email-address';
import { EmailDomainPlaces, requireCompanyEmailDomain } from '../../licences/email-domain-rules';
import { requireIndividualAddress } from '../../licences/group-mailbox';
import { isBeforeExpiry, licenceExpiresAt } from '../../licences/licence-expiry';
import { isCustomer, isEngineer, sameEmail } from '../actor';
import type { ShareCase, UnshareCase } from '../commands';
import type { CaseDecisionContext } from '../context';
import { CaseErrors } from '../errors';
import type { DomainError } from '../../shared/domain-error';
import type { CaseEvent } from '../events';
import { givenReason } from '../../shared/optional-reason';
import type { CaseState, OpenedCase } from '../state';
import { optionalReason, requireEmail, requireText } from '../text-limits';
import { eventBase, requireCaseWriter, requireOpened } from './guards';

/**
 * Per-case sharing adds one person to one case (they see it, update it, get its notifications), so
 * a group address or distribution list is refused by the policy's group-mailbox rule, and an address
 * at a mail domain it refuses (throwaway mail, or free mail where the desk says so) as for a licensed user.
 * A support engineer shares any case; the opener shares their own case when the licence records
 * give them **share tickets** (passed in `context.actorLicencePermissions`) on a licence that has not
 * expired (only licensed users of an active licence act as such). Sharing is dynamic, so it works
 * in every status, closed cases included.
 *
 * Withdrawing a share only narrows who sees the case, so it needs no permission: the opener may
 * always take back the shares of their case (once their share tickets are revoked, nobody at the
 * customer could otherwise), and a shared person may leave a case.
 *
 * Either may come with a reason (why this person, why no longer), kept with the change.
 */
export function shareCase(command: ShareCase, state: CaseState, context: CaseDecisionContext): CaseEvent[] {
  const opened = requireMayChangeShares(command, state, context);
  const email = requireEmail(command.email, 'email');
  requireIndividualAddress(
    email,
    context.policy.licensing.groupMailboxPatterns,
    'email',
    'A case is shared with one person: use their individual email address, so that the case and ' +
      'its updates reach only them.',
  );
  requireCompanyEmailDomain(email, context.policy.licensing, 'email', EmailDomainPlaces.caseShare);
  const name = requireText(command.name, 'name');
  const reason = optionalReason(command.reason);
  if (sameEmail(email, opened.openedBy.email)) throw CaseErrors.cannotShareWithOpener();
  if (opened.shares.some((share) => share.email === email)) throw CaseErrors.caseAlreadyShared(email);
  return [
    {
      type: 'CaseShared',
      data: { ...eventBase(command), email, name, ...givenReason(reason) },
    },
  ];
}

export function unshareCase(
  command: UnshareCase,
  state: CaseState,
  context: CaseDecisionContext,
): CaseEvent[] {
  const opened = requireMayChangeShares(command, state, context);
  const email = recordedEmail(command.email, 'email');
  const reason = optionalReason(command.reason);
  if (!opened.shares.some((share) => share.email === email)) throw CaseErrors.shareNotFound(email);
  return [{ type: 'CaseUnshared', data: { ...eventBase(command), email, ...givenReason(reason) } }];
}

/**
 * Who may share, or withdraw a share, as the licence records in `context` say (the sharer's share
 * tickets): the decisions' own first check, run by the API before it compares If-Match too, so a
 * caller without the right gets this refusal rather than a 412 inviting a retry that can only end in
 * it. An opener's or the shared person's own withdrawal needs no permission (see unshareCase).
 */
export function requireMayChangeShares(
  command: ShareCase | UnshareCase,
  state: CaseState,
  context: CaseDecisionContext,
): OpenedCase {
  if (command.type === 'ShareCase') return requireSharer(command, state, context);
  const opened = requireOpened(state, command.caseId);
  requireCaseWriter(command.actor);
  const { actor } = command;
  const email = recordedEmail(command.email, 'email');
  const withdrawnByOwnChoice =
    isCustomer(actor) && (sameEmail(actor.email, opened.openedBy.email) || sameEmail(actor.email, email));
  return withdrawnByOwnChoice ? opened : requireSharer(command, state, context);
}

/**
 * Why the actor may not share: an opener is told what they lack (the permission, or their place on
 * the licence) and who can help; anyone else gets the rule of who shares.
 */
function sharingRefusal(
  actor: ShareCase['actor'],
  opened: OpenedCase,
  held: CaseDecisionContext['actorLicencePermissions'],
): DomainError {
  if (!held || !isCustomer(actor) || !sameEmail(actor.email, opened.openedBy.email))
    return CaseErrors.sharingNotAllowed();
  if (held.removed === true) return CaseErrors.sharingByRemovedUser(opened.openedBy.email, held.holderEmail);
  // A pending re-invitee holds no permission yet, whatever was granted: the rule says enough.
  if (held.registered === false) return CaseErrors.sharingNotAllowed();
  return CaseErrors.shareTicketsNotHeld(held.holderEmail);
}

function requireSharer(
  { actor, caseId, at }: ShareCase | UnshareCase,
  state: CaseState,
  context: CaseDecisionContext,
): OpenedCase {
  const opened = requireOpened(state, caseId);
  requireCaseWriter(actor);
  if (isEngineer(actor)) return opened;
  const held = context.actorLicencePermissions;
  const openerWithPermission =
    isCustomer(actor) && sameEmail(actor.email, opened.openedBy.email) && held?.shareTickets === true;
  if (!held || !openerWithPermission) throw sharingRefusal(actor, opened, held);
  // The permission is held but lapsed with its licence: say so, naming the licence's last day,
  // as opening a case on it does, so the opener knows to have it renewed. The share request names
  // no licence, so no field is blamed.
  if (!isBeforeExpiry(licenceExpiresAt(held.licenceActiveUntil), at))
    throw CaseErrors.licenceExpired(
      { ...opened, holderEmail: held.holderEmail },
      held.licenceActiveUntil,
      'your share tickets apply again',
      {
        meanwhile: 'Until then, a support engineer can share the case for you',
        askedBy: normalizeEmail(actor.email),
      },
    );
  return opened;
}
