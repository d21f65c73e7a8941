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

/** If-Match: "<revision>" (an ETag this API issued), W/ prefix tolerated; `*` means any. */
export function parseIfMatch(value: string | string[] | undefined): number | undefined {
  if (value === undefined) return undefined;
  const raw = (Array.isArray(value) ? value[0] : value).trim();
  if (raw === '*') return undefined;
  const match = /^(W\/)?"(\d{1,15})"$/.exec(raw);
  if (!match) throw new BadRequestException('If-Match must be a revision ETag such as "3"');
  // If-Match compares strongly (RFC 9110 13.1.1): a weak tag never matches.
  if (match[1]) {
    throw new PreconditionFailedException(
      `If-Match ${raw} is a weak ETag, which never matches: send the strong one, "${match[2]}"`,
    );
  }
  return Number(match[2]);
}

export function etagFor(revision: number): string {
  return `"${revision}"`;
}
