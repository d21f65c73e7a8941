import { DomainError } from '../shared/domain-error';
import { requireSingleLineText } from '../shared/unsafe-characters';

/**
 * Commands arrive from JSON, so the decider re-checks the shape of the fields it stores even though
 * the API's DTOs validate first: events are forever, and other entry points (CLI, demo data) exist.
 */

/**
 * A required one-line field (a name, a company, a product, an id): trimmed, refused when blank or
 * when it holds a line break. Every text an account or a licence records is one line; a longer text
 * with lines (a reason) has its own check.
 */
export function requireOneLineText(value: unknown, field: string): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text.length === 0) {
    throw new DomainError('field-required', 'validation', `${field} is required`, field);
  }
  return requireSingleLineText(text, field);
}

/** A required yes/no field; `"false"` or `0` are refused rather than guessed. */
export function requireFlag(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') {
    throw new DomainError('flag-required', 'validation', `${field} must be true or false`, field);
  }
  return value;
}
