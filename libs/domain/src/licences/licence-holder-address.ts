import { DomainError } from '../shared/domain-error';
import { EmailDomainPlaces, requireCompanyEmailDomain } from './email-domain-rules';
import { requireIndividualAddress } from './group-mailbox';
import type { LicenceDecisionContext } from './licence.commands';

/**
 * A licence's holder is the one customer who owns it: they add, remove and edit its users and are
 * mailed about it. So the holder's address must be one person's (the group-mailbox rule of the
 * policy, as for a licensed user), at a domain the policy accepts (no throwaway or refused mail
 * domain, as for a licensed user: the holder is mailed every change), and must not be one the
 * records vouch for as vendor staff
 * (`context.holderKnownStaff`: a CSM, an engineer who was assigned a case, an address at a staff
 * email domain): made a holder, that engineer would count as a customer everywhere, refused as a
 * case's assignee and kept from its mail, a typo nobody would notice.
 */
export function requireCustomerHolder(email: string, context: LicenceDecisionContext, field: string): void {
  requireIndividualAddress(
    email,
    context.groupMailboxPatterns,
    field,
    'A licence holder manages its users and is told of its changes, so the licence must be held by one ' +
      'person with their own individual company email address.',
  );
  requireCompanyEmailDomain(email, context.emailDomainRules, field, EmailDomainPlaces.licenceHolder);
  if (context.holderKnownStaff) {
    throw new DomainError(
      'licence-holder-is-staff',
      'validation',
      `${email} is known as vendor support staff (a customer success manager, an engineer assigned a case, or ` +
        'an address at a staff email domain), and a licence is held by the customer who owns it. Check the ' +
        "address, or name the customer's licence owner.",
      field,
    );
  }
}
