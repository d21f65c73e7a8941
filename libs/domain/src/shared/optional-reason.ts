import { DomainError } from './domain-error';
import { characterCount, isBlank } from './text-length';
import { requireSafeText } from './unsafe-characters';

/** The longest reason a change of an account or a licence keeps (as long as a case command's reason). */
export const MAX_REASON_LENGTH = 2_000;

/**
 * The why of an account or licence change (DOMAIN.md: every change records who, when and why),
 * which no such change requires: left out it is nothing; given, it is trimmed text of 1 to
 * MAX_REASON_LENGTH characters, with lines allowed and no control or direction-override character.
 * A blank one is refused rather than taken for none: the admin meant to say something.
 */
export function optionalReason(reason: unknown): string | undefined {
  if (reason === undefined) return undefined;
  const text = typeof reason === 'string' ? reason.trim() : '';
  if (isBlank(text) || characterCount(text) > MAX_REASON_LENGTH) throw invalidReason();
  return requireSafeText(text, 'reason');
}

/** Spread into an event's data: `reason` only when one was given, so old and new events read alike. */
export function givenReason(reason: string | undefined): { reason?: string } {
  return reason === undefined ? {} : { reason };
}

function invalidReason(): DomainError {
  return new DomainError(
    'invalid-reason',
    'validation',
    `reason, when given, must be text of 1 to ${MAX_REASON_LENGTH} characters`,
    'reason',
  );
}
