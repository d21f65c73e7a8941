import { actorHasRole, ActorIdentity, isReadOnlyAuditor } from '../accounts/actor-identity';
import { normalizeEmail, requireEmail } from '../accounts/email-address';
import { DomainError } from '../shared/domain-error';
import { givenReason, optionalReason } from '../shared/optional-reason';
import { ChangeLicenceHolder, LicenceDecisionContext } from './licence.commands';
import { LicenceEvent } from './licence.events';
import { requireCustomerHolder } from './licence-holder-address';
import { IssuedLicence } from './licence.state';
import { findLicensedUser } from './licensed-user-access';
import { requireNewHolderNotSubAddressOfUser } from './sub-address-rule';

/**
 * Who may hand a licence over: an admin (the vendor's operator, say when the customer's licence
 * owner left and can no longer act), and its current holder, who owns it. A manage-users delegate
 * may not: taking the licence over would lift them above the holder who delegated to them.
 */
export function mayChangeLicenceHolder(licence: IssuedLicence, actor: ActorIdentity): boolean {
  if (actorHasRole(actor, 'admin')) return true;
  if (isReadOnlyAuditor(actor)) return false;
  return normalizeEmail(actor.email) === licence.holderEmail;
}

/**
 * The licence passes to another holder (`LicenceHolderChanged`). The new holder must be an
 * individual customer address, by the rules of issuance (look-alikes, group mailboxes, no address
 * the records know as vendor staff: requireCustomerHolder). A
 * holder handing over names an active (registered) user of the licence: someone the customer's own
 * administration already vouched for, whose address proved itself at registration; an admin may
 * name anyone, as at issuance. The previous holder keeps their own user entry, if they have one,
 * with its permissions: only the holder's powers (managing users, reading the whole licence) move.
 * Naming the current holder records nothing (a retry of a change already made must not fail).
 */
export function changeLicenceHolder(
  { data, at, actor }: ChangeLicenceHolder,
  licence: IssuedLicence,
  context: LicenceDecisionContext,
): LicenceEvent[] {
  const holderEmail = requireEmail(data.email, 'email');
  // The rule of issuance: one person's address, and not one the records know as vendor staff.
  requireCustomerHolder(holderEmail, context, 'email');
  const reason = optionalReason(data.reason);
  if (holderEmail === licence.holderEmail) return [];
  requireNewHolderNotSubAddressOfUser(licence, holderEmail);
  if (!actorHasRole(actor, 'admin') && findLicensedUser(licence, holderEmail)?.status !== 'active')
    throw HolderErrors.notAnActiveUser(holderEmail);
  return [
    {
      type: 'LicenceHolderChanged',
      data: {
        licenceId: licence.licenceId,
        accountId: licence.accountId,
        holderEmail,
        previousHolderEmail: licence.holderEmail,
        ...givenReason(reason),
        at,
      },
    },
  ];
}

export const HolderErrors = {
  changeNotAllowed: () =>
    new DomainError(
      'licence-holder-change-not-allowed',
      'forbidden',
      'Only the licence holder or an admin may hand the licence over to another holder',
    ),
  notAnActiveUser: (email: string) =>
    new DomainError(
      'new-holder-not-a-licensed-user',
      'validation',
      `${email} is not a registered user of this licence. Hand the licence over to one of its active users ` +
        '(invite them first and let them complete registration), or ask an admin to change the holder.',
      'email',
    ),
};
