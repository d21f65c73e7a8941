import { domainToUnicode } from 'node:url';
import { DomainError } from '../shared/domain-error';

/**
 * The support policy's rules about the domain of a licensed user's address (`licensing` in the
 * policy file). DOMAIN.md: a licensed user needs an individual company email, and the detection
 * rules are configurable; the group-mailbox patterns judge the part before the `@`, these the part
 * after it. Each entry is a mail domain and covers its subdomains too (`mailinator.com` covers
 * `eu.mailinator.com`); it is matched as the address's domain is normalized (lower case, an
 * internationalised domain in Unicode), so `xn--` and Unicode spellings of a domain are one.
 */
export interface EmailDomainRules {
  /**
   * Throwaway-mail services: refused by default. An address there is nobody's company address and
   * stops working within hours or days, so the user could never be reached again (invitation,
   * notifications, password resets). `[]` accepts them.
   */
  disposableEmailDomains: readonly string[];
  /**
   * Any other domain an operator refuses for licensed users, typically free-mail providers
   * (`gmail.com`, `outlook.com`) for a desk that requires company addresses. Empty by default:
   * many small customers run their business on a free-mail address, and refusing them would lock
   * them out of support they paid for.
   */
  refusedEmailDomains: readonly string[];
}

/**
 * Well-known disposable-mail services, kept short and stable on purpose: the policy is recorded
 * whole in the policy archive for each version, and a start whose recorded version holds another
 * value of a setting is refused, so a default that grew with every release (as the community lists
 * on npm do, weekly, with 100,000+ entries) would both bloat every recorded policy and stop
 * processes on upgrade. An operator who wants a longer list writes it in the policy file.
 */
export const DEFAULT_DISPOSABLE_EMAIL_DOMAINS: readonly string[] = [
  '10minutemail.com',
  '10minutemail.net',
  'discard.email',
  'dispostable.com',
  'emailondeck.com',
  'fakeinbox.com',
  'getairmail.com',
  'getnada.com',
  'grr.la',
  'guerrillamail.biz',
  'guerrillamail.com',
  'guerrillamail.de',
  'guerrillamail.net',
  'guerrillamail.org',
  'guerrillamailblock.com',
  'jetable.org',
  'mailcatch.com',
  'maildrop.cc',
  'mailinator.com',
  'mailinator.net',
  'mailnesia.com',
  'mintemail.com',
  'mohmal.com',
  'sharklasers.com',
  'spamgourmet.com',
  'temp-mail.org',
  'tempmail.com',
  'tempr.email',
  'throwawaymail.com',
  'trashmail.com',
  'trashmail.de',
  'yopmail.com',
  'yopmail.fr',
  'yopmail.net',
];

/** A domain as addresses are normalized (normalizeEmail): trimmed, lower case, Unicode, no final dot. */
export function normalizeEmailDomain(domain: string): string {
  const lowered = domain.trim().toLowerCase().replace(/\.$/, '');
  return domainToUnicode(lowered) || lowered;
}

/** Whether `entry` is a mail domain a rule can hold: a dotted host name, no `@`, no wildcard, no space. */
export function isEmailDomainEntry(entry: string): boolean {
  return /^[^\s@*/\\]+\.[^\s@*/\\.]+$/u.test(normalizeEmailDomain(entry));
}

/** The entry of `domains` that the address's domain is, or is a subdomain of; undefined when none. */
function matchingEntry(email: string, domains: readonly string[]): string | undefined {
  const domain = normalizeEmailDomain(email.slice(email.lastIndexOf('@') + 1));
  return domains.map(normalizeEmailDomain).find((entry) => domain === entry || domain.endsWith(`.${entry}`));
}

/**
 * Where an address is judged, for the refusal's words: the same rules hold for every place one
 * person of the customer is named (a licensed user, a licence's holder, a person a case is shared
 * with, a case-team member), since each is mailed and reads the customer's cases there.
 */
export interface EmailDomainPlace {
  /** Completes "<email> cannot …": "be a licensed user". */
  cannot: string;
  /** Those the desk refuses such addresses for: "licensed users". */
  people: string;
  /** What to do instead, a sentence. */
  instead: string;
}

export const EmailDomainPlaces = {
  licensedUser: {
    cannot: 'be a licensed user',
    people: 'licensed users',
    instead:
      "Licensed users must register with their own individual company email address, at their company's domain.",
  },
  licenceHolder: {
    cannot: 'hold a licence',
    people: 'licence holders',
    instead:
      'A licence holder manages its users and is told of its changes: name the person who owns the licence by ' +
      "their own individual company email address, at their company's domain.",
  },
  caseShare: {
    cannot: 'have a case shared with them',
    people: 'people a case is shared with',
    instead: "Share the case with the person's own individual email address, at their company's domain.",
  },
  caseTeamMember: {
    cannot: 'be a case-team member',
    people: 'case-team members',
    instead:
      'A case-team member sees and is mailed every case of the account: add them by their own individual ' +
      "email address, at their company's domain.",
  },
} satisfies Record<string, EmailDomainPlace>;

/**
 * Refuses (422 `email-domain-not-allowed`, naming `field`) an address at a domain the policy's rules
 * refuse, saying which domain and why, in the words of `place` (a licensed user unless given).
 * `email` is a normalized address (requireEmail). No rules (a caller without the policy) refuses
 * nothing.
 */
export function requireCompanyEmailDomain(
  email: string,
  rules: EmailDomainRules | undefined,
  field = 'email',
  place: EmailDomainPlace = EmailDomainPlaces.licensedUser,
): void {
  if (!rules) return;
  const disposable = matchingEntry(email, rules.disposableEmailDomains);
  if (disposable !== undefined) {
    throw domainNotAllowed(
      email,
      field,
      place,
      `${disposable} is a disposable (throwaway) mail service, whose addresses stop working`,
    );
  }
  const refused = matchingEntry(email, rules.refusedEmailDomains);
  if (refused !== undefined) {
    throw domainNotAllowed(
      email,
      field,
      place,
      `this support desk does not accept addresses at ${refused} (such as free-mail providers) for ${place.people}`,
    );
  }
}

function domainNotAllowed(email: string, field: string, place: EmailDomainPlace, why: string): DomainError {
  return new DomainError(
    'email-domain-not-allowed',
    'validation',
    `${email} cannot ${place.cannot}: ${why}. ${place.instead}`,
    field,
  );
}
