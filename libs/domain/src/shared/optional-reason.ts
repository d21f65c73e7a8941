import { DomainError } from './domain-error';
import { characterCount, isBlank } from './text-length';
import { requireSafeText } from './unsafe-characters';

/** The longest reason a change keeps, on a case, an account or a licence alike. */
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
  if (isBlank(text) || characterCount(text) > MAX_REASON_LENGTH) throw reasonLengthOutOfRange();
  return requireSafeText(text, 'reason');
}

/** Spread into an event's data: `reason` only when one was given, so old and new events read alike. */
export function givenReason(reason: string | undefined): { reason?: string } {
  return reason === undefined ? {} : { reason };
}

/**
 * The very error the case deciders raise for a reason out of bounds (CaseErrors.textLengthOutOfRange
 * through requireText, required reasons and optional ones alike): one field, one problem. A client
 * that learnt the problem `reason` gets on a case (its type, title and message) must meet the same
 * one on an account or a licence; this once answered `invalid-reason` there. Written out rather than
 * imported: `shared` does not depend on the case module, which builds on it.
 */
function reasonLengthOutOfRange(): DomainError {
  return new DomainError(
    'text-length-out-of-range',
    'validation',
    `reason must be between 1 and ${MAX_REASON_LENGTH} characters long`,
    'reason',
  );
}
