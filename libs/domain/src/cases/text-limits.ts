import { normalizeEmail } from '../accounts/email-address';
import { requireUnmistakableAddress } from '../accounts/unmistakable-address';
import { MAX_REASON_LENGTH } from '../shared/optional-reason';
import { characterCount, isBlank } from '../shared/text-length';
import { firstUnsafeCharacter, requireSafeText, requireSingleLineText } from '../shared/unsafe-characters';
import { CaseErrors } from './errors';

/**
 * Length limits for the free text a case carries, in characters, counted after trimming
 * (whitespace or invisible characters alone are not a title), and whether it may hold line
 * breaks. Text a person writes at length (a description, a comment, a reason) has lines; a title,
 * a name, a category or an id is one line, shown in an email subject or a `Label: value` line (see
 * requireSingleLineText). The HTTP DTOs may check the same bounds earlier; the decider is the
 * last word.
 */
export const CASE_TEXT_LIMITS = {
  title: { min: 1, max: 200, oneLine: true },
  description: { min: 1, max: 20_000, oneLine: false },
  category: { min: 1, max: 100, oneLine: true },
  body: { min: 1, max: 20_000, oneLine: false },
  summary: { min: 1, max: 20_000, oneLine: false },
  reason: { min: 1, max: MAX_REASON_LENGTH, oneLine: false },
  details: { min: 1, max: 5_000, oneLine: false },
  referral: { min: 1, max: 5_000, oneLine: false },
  name: { min: 1, max: 200, oneLine: true },
  commentId: { min: 1, max: 100, oneLine: true },
} as const;

export type CaseTextKind = keyof typeof CASE_TEXT_LIMITS;

/** Returns the trimmed text, or throws a validation error naming `field`. */
export function requireText(value: string | undefined, kind: CaseTextKind, field: string = kind): string {
  const { min, max, oneLine } = CASE_TEXT_LIMITS[kind];
  const trimmed = typeof value === 'string' ? value.trim() : '';
  const length = isBlank(trimmed) ? 0 : characterCount(trimmed);
  if (length < min || length > max) throw CaseErrors.textLengthOutOfRange(field, min, max);
  return oneLine ? requireSingleLineText(trimmed, field) : requireSafeText(trimmed, field);
}

/** Optional text: absent or blank yields undefined; present text must fit the limits. */
export function optionalText(value: string | null | undefined, kind: CaseTextKind, field: string = kind) {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') return requireText(value, kind, field);
  if (isBlank(value)) return undefined;
  return requireText(value, kind, field);
}

/**
 * The reason a change may be given but does not need (an assignment, a share, a closure): the one
 * rule accounts and licences follow too, so a bad reason is the same problem on every command.
 */
export { optionalReason } from '../shared/optional-reason';

// Deliberately loose: one @, something on both sides, a dot in the domain. Deliverability is the
// mail system's problem; this only catches values that cannot be an address at all.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function requireEmail(value: string | undefined, field: string): string {
  // The one spelling of a person across the product (composed Unicode, the domain in Unicode).
  const trimmed = typeof value === 'string' ? normalizeEmail(value) : '';
  // An address that reads differently from what it is (a direction override in it) is no address.
  if (firstUnsafeCharacter(trimmed)) throw CaseErrors.invalidEmail(field);
  // The rule every person's address follows (accounts, licences too): nothing that passes for
  // another. Before the shape, which refuses some look-alikes too, but without saying what is wrong.
  requireUnmistakableAddress(trimmed, field);
  if (trimmed.length > 254 || !EMAIL_SHAPE.test(trimmed)) throw CaseErrors.invalidEmail(field);
  return trimmed;
}

export function requireOneOf<T extends string | number>(
  value: unknown,
  allowed: readonly T[],
  field: string,
): T {
  if (!allowed.includes(value as T)) throw CaseErrors.invalidValue(field, allowed);
  return value as T;
}
