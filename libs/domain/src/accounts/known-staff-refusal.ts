import { DomainError } from '../shared/domain-error';

/**
 * Whom the records know as vendor staff (the API's CustomerDirectory.isKnownStaff, one judgement
 * for every place that refuses them): said in every such refusal, so the admin or engineer reading
 * it can tell a typo from a colleague.
 */
const KNOWN_AS_STAFF =
  'a customer success manager, now or before, an engineer who has taken a case, or an address at a ' +
  'staff email domain';

/**
 * Refuses an address the records know as vendor staff where only a customer belongs (a licence's
 * holder or user, a case-team member). Recorded there, the person would count as a customer
 * everywhere, since what a customer did outweighs what vouches for staff: an engineer could no
 * longer take a case, the cases assigned to them would show `assigneeVouched: false` and their mail
 * would be held back, and a CSM on another account's case team would read all its cases.
 */
export function refuseKnownStaff(
  knownStaff: boolean | undefined,
  email: string,
  { code, field, place }: { code: string; field: string; place: string },
): void {
  if (!knownStaff) return;
  throw new DomainError(
    code,
    'validation',
    `${email} is known as vendor support staff (${KNOWN_AS_STAFF}), and ${place}. Check the address.`,
    field,
  );
}
