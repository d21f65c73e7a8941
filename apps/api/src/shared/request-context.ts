import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { Actor } from '../auth/actor';

/**
 * An Idempotency-Key names one command of one caller on one route. The command id derived from
 * it is stored in the events' metadata, so a repeat finds the events it already wrote.
 */
export function commandIdFor(
  actor: Actor,
  route: string,
  idempotencyKey: string | undefined,
): string | undefined {
  if (!idempotencyKey) return undefined;
  return uuidFromHash(`${actor.sub}\n${route}\n${idempotencyKey}`);
}

/** Hash of a request body, canonical so that key order does not matter. */
export function requestHash(body: unknown): string {
  return createHash('sha256')
    .update(canonicalize(body ?? null) ?? '')
    .digest('hex');
}

/** A deterministic UUID-shaped id (version 8, RFC 9562 custom) from any text. */
export function uuidFromHash(text: string): string {
  return uuidFromDigest(createHash('sha256').update(text).digest('hex'));
}

/** A UUID-shaped id (version 8, RFC 9562 custom) from the first 128 bits of a hex digest. */
export function uuidFromDigest(digest: string): string {
  const hex = digest.slice(0, 32).split('');
  hex[12] = '8';
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}
