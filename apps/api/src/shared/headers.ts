import { BadRequestException, PreconditionFailedException } from '@nestjs/common';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** Idempotency-Key: 1-200 visible ASCII characters. */
export function parseIdempotencyKey(value: string | string[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  const key = Array.isArray(value) ? value[0] : value;
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new BadRequestException('Idempotency-Key must be 1 to 200 visible ASCII characters');
  }
  return key;
}

/**
 * If-Match: one revision ETag this API issued (`"3"`), or a comma-separated list of them (RFC 9110
 * 13.1.1: the change goes ahead when the current one is any of them); `*` means any. A weak tag
 * (`W/"3"`) never matches, since If-Match compares strongly: a list of weak tags only is a 412.
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

function parseTag(tag: string): { weak: boolean; revision: number } {
  const match = /^(W\/)?"(\d{1,15})"$/.exec(tag);
  if (!match)
    throw new BadRequestException('If-Match must be a revision ETag such as "3", or a list of them');
  return { weak: match[1] !== undefined, revision: Number(match[2]) };
}

export function etagFor(revision: number): string {
  return `"${revision}"`;
}
