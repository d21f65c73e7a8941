import { domainToUnicode } from 'node:url';
import { isEmail } from 'class-validator';
import { DomainError } from '../shared/domain-error';
import { firstUnsafeCharacter } from '../shared/unsafe-characters';
import { requireUnmistakableAddress } from './unmistakable-address';

const PLAIN_ASCII = /^[ -~]*$/;

/**
 * People are identified by email across tokens, licences and case teams, so one spelling must win:
 * addresses are compared and stored trimmed and lower-cased (mail providers treat them that way),
 * in Unicode's composed form (a `ë` typed as `e` plus a combining diaeresis is the same letter) and
 * with an internationalised domain in Unicode (`xn--bcher-kva.example` is `bücher.example`), so a
 * token from an identity provider that spells it the other way still finds the person.
 */
export function normalizeEmail(email: string): string {
  const lowered = email.trim().toLowerCase();
  // Most addresses are printable ASCII: nothing to compose, no encoded domain (and it is called
  // often). Anything else (control characters included) takes the full path below.
  if (PLAIN_ASCII.test(lowered) && !lowered.includes('xn--')) return lowered;
  const address = lowered.normalize('NFC');
  const at = address.lastIndexOf('@');
  if (at < 0) return address;
  // domainToUnicode is pure (UTS 46 mapping); it answers '' for what is no domain, left as typed.
  const domain = domainToUnicode(address.slice(at + 1)) || address.slice(at + 1);
  return `${address.slice(0, at)}@${domain}`;
}

export function sameEmail(a: string, b: string): boolean {
  return normalizeEmail(a) === normalizeEmail(b);
}

/**
 * Validates the syntax (validator.js rules, the same the API's `@IsEmail()` DTOs use), refuses an
 * address that can pass for another one (requireUnmistakableAddress), and returns the normalized
 * address.
 */
export function requireEmail(value: unknown, field: string): string {
  const email = typeof value === 'string' ? normalizeEmail(value) : '';
  // validator.js takes any Unicode in the local part, direction overrides included: those are refused.
  if (firstUnsafeCharacter(email)) throw invalidEmail(field);
  // Before the syntax, which refuses some look-alikes too, but without saying what is wrong.
  requireUnmistakableAddress(email, field);
  if (!isEmail(email)) throw invalidEmail(field);
  return email;
}

/**
 * An address that names someone already on record (to remove, edit, activate or unshare): only
 * normalized, since the lookup that follows decides. An address refused today may have been
 * stored before the rule that refuses it, and must still be removable.
 */
export function recordedEmail(value: unknown, field: string): string {
  const email = typeof value === 'string' ? normalizeEmail(value) : '';
  if (email === '') throw invalidEmail(field);
  return email;
}

function invalidEmail(field: string): DomainError {
  return new DomainError('invalid-email', 'validation', `${field} must be a valid email address`, field);
}
