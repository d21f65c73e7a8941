import { isEmail } from 'class-validator';
import { DomainError } from '../shared/domain-error';
import { firstUnsafeCharacter } from '../shared/unsafe-characters';

/**
 * People are identified by email across tokens, licences and case teams, so one spelling must win:
 * addresses are compared and stored trimmed and lower-cased (mail providers treat them that way).
 */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function sameEmail(a: string, b: string): boolean {
  return normalizeEmail(a) === normalizeEmail(b);
}

/**
 * Validates the syntax (validator.js rules, the same the API's `@IsEmail()` DTOs use) and returns
 * the normalized address.
 */
export function requireEmail(value: unknown, field: string): string {
  const email = typeof value === 'string' ? normalizeEmail(value) : '';
  // validator.js takes any Unicode in the local part, direction overrides included: those are refused.
  if (!isEmail(email) || firstUnsafeCharacter(email)) {
    throw new DomainError('invalid-email', 'validation', `${field} must be a valid email address`, field);
  }
  return email;
}
