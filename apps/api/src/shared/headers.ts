import { PreconditionFailedException } from '@nestjs/common';
import { ValidationProblemException } from '../problems/validation-problem.exception';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** Idempotency-Key: 1-200 visible ASCII characters. */
export function parseIdempotencyKey(value: string | string[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  const key = Array.isArray(value) ? value[0] : value;
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw malformedHeader('Idempotency-Key', 'Idempotency-Key must be 1 to 200 visible ASCII characters');
  }
  return key;
}

/**
 * If-Match: one revision ETag this API issued (`"3"`), or a comma-separated list of them (RFC 9110
 * 13.1.1: the change goes ahead when the current one is any of them); `*` means any. A weak tag
 * (`W/"3"`) never matches, since If-Match compares strongly: a list of weak tags only is a 412.
 *
 * Strong comparison is byte for byte, so only the spelling the API sends is a revision: `"00039"`
 * is not `"39"`. Read as a number it would have matched revision 39 (and the 412 for a stale one
 * would read "at revision 39, not 39"), so it is refused with the other tags no revision is written
 * as (`"+39"`, `" 39"`, `"3.9e1"`): 400.
 */
export function parseIfMatch(value: string | string[] | undefined): readonly number[] | undefined {
  if (value === undefined) return undefined;
  const raw = (Array.isArray(value) ? value.join(',') : value).trim();
  if (raw === '*') return undefined;
  const tags = raw.split(',').map((tag) => parseTag(tag.trim()));
  const strong = tags.filter((tag) => !tag.weak).map((tag) => tag.revision);
  if (strong.length === 0) {
    throw new PreconditionFailedException(
      `If-Match ${raw} holds only weak ETags, which never match: send the strong one, "${tags[0].revision}"`,
    );
  }
  return strong;
}

/** A revision as `etagFor` writes it: digits without a leading zero (`"0"` is revision 0). */
const REVISION_TAG = /^(W\/)?"(0|[1-9]\d{0,14})"$/;

function parseTag(tag: string): { weak: boolean; revision: number } {
  const match = REVISION_TAG.exec(tag);
  if (!match)
    throw malformedHeader(
      'If-Match',
      'If-Match must be a revision ETag as the ETag header gives it, such as "3" (digits, no leading zeros), or a list of them',
    );
  return { weak: match[1] !== undefined, revision: Number(match[2]) };
}

/**
 * A header that cannot be read: 400 naming it in `errors`, as a body field or query parameter is
 * named, so a client can tell which part of its request to fix.
 */
function malformedHeader(header: string, message: string): ValidationProblemException {
  return new ValidationProblemException([{ field: header, message }]);
}

export function etagFor(revision: number): string {
  return `"${revision}"`;
}
