import { normalizeEmail } from '../accounts/email-address';
import type { DomainError } from '../shared/domain-error';
import { isBeforeExpiry } from './licence-expiry';
import { LicenceErrors } from './licence.errors';

/**
 * What the rule needs to know of one of the account's licences. A fact a record does not know (facts
 * kept before it was) counts as not holding it and not in force: the safe side.
 */
export interface AccountLicenceFacts {
  id: string;
  /** Normalized (lower case). */
  holderEmail?: string;
  expiresAt?: string;
}

/**
 * Whether a customer is one of an account's own people, who see its licences (ids, products,
 * holders, terms) in its account view: the holder of any of its licences (expired or not: renewing
 * and managing users stay theirs), or an active user of one of its licences in force. The one rule
 * for it: the account view and the licence commands and reads (LicenceDirectory), the licence terms
 * a case shows (ActorReachReader.licenseeAccountsOf) and those its mail shows (licenceTermsSeenBy)
 * all ask it. Staff are judged by their roles elsewhere. `accountLicences` are licences of one
 * account (those the person holds or is on suffice); `activeOn` names the licences the person is an
 * active user of.
 */
export function seesLicencesOfAccount(
  email: string,
  accountLicences: readonly AccountLicenceFacts[],
  activeOn: readonly string[],
  at: string,
): boolean {
  const wanted = normalizeEmail(email);
  if (accountLicences.some((licence) => licence.holderEmail === wanted)) return true;
  const active = new Set(activeOn);
  return accountLicences.some(
    (licence) =>
      active.has(licence.id) && licence.expiresAt !== undefined && isBeforeExpiry(licence.expiresAt, at),
  );
}

/**
 * The refusal for a customer who is no party to a licence (neither its holder nor on its roster).
 * One who is shown the licence in their account view (a colleague: seesLicencesOfAccount) knows it
 * exists: answering 404 "no licence" would tell them the id they were just shown is wrong. They are
 * told it is real, that they are not one of its users, and whom to ask (403). Anyone else, a
 * customer of another company above all, gets the answer for an id nobody issued (404), so a
 * licence id tells them nothing. `rule` says what being a user would allow.
 */
export function nonPartyRefusal(
  licence: { licenceId: string; holderEmail: string },
  seesAccountLicences: boolean,
  rule: string,
): DomainError {
  if (!seesAccountLicences) return LicenceErrors.notFound();
  return LicenceErrors.notAUserOfLicence(licence.licenceId, licence.holderEmail, rule);
}
