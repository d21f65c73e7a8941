import { refuseKnownStaff } from '../accounts/known-staff-refusal';
import { EmailDomainPlaces, requireCompanyEmailDomain } from './email-domain-rules';
import { requireIndividualAddress } from './group-mailbox';
import type { LicenceDecisionContext } from './licence.commands';

/**
 * A licence's holder is the one customer who owns it: they add, remove and edit its users and are
 * mailed about it. So the holder's address must be one person's (the group-mailbox rule of the
 * policy, as for a licensed user), at a domain the policy accepts (no throwaway or refused mail
 * domain, as for a licensed user: the holder is mailed every change), and must not be one the
 * records know as vendor staff (`context.holderKnownStaff`, see refuseKnownStaff): made a holder,
 * that engineer would count as a customer everywhere, refused as a case's assignee and kept from
 * its mail, a typo nobody would notice.
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
  refuseKnownStaff(context.holderKnownStaff, email, {
    code: 'licence-holder-is-staff',
    field,
    place: "a licence is held by the customer who owns it: name the customer's licence owner",
  });
}
