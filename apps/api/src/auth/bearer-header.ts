/**
 * What an Authorization header holds, as every route that takes a bearer token reads it:
 * - `token`: `Bearer` and exactly one token (the scheme in any case, RFC 9110 section 11.1);
 * - `bad`: `Bearer` followed by something that is not one token, which is a token given, but a
 *   bad one (RFC 6750's `invalid_token`);
 * - `none`: no header, or another scheme.
 */
export type BearerHeader = { kind: 'token'; token: string } | { kind: 'bad' } | { kind: 'none' };

export function readBearerHeader(header: string | string[] | undefined): BearerHeader {
  if (typeof header !== 'string') return { kind: 'none' };
  const token = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  if (token !== undefined) return { kind: 'token', token };
  return /^Bearer\s+\S/i.test(header) ? { kind: 'bad' } : { kind: 'none' };
}
