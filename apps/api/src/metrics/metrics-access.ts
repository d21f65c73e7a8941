import { createHash, timingSafeEqual } from 'node:crypto';
import { BEARER_TOKEN_INVALID, BEARER_TOKEN_MISSING } from '../auth/bearer-challenge';
import { readBearerHeader } from '../auth/bearer-header';
import { AuthenticationChallengeException } from '../problems/authentication-challenge.exception';

/**
 * Lets a scrape through when no METRICS_TOKEN is set, or when the request carries it as its bearer
 * token; otherwise a 401 problem with the RFC 6750 challenge, as any other route refuses a token.
 */
export function assertMetricsAccess(authorization: string | undefined, token: string | undefined): void {
  if (token === undefined) return;
  const bearer = readBearerHeader(authorization);
  if (bearer.kind === 'token' && sameSecret(bearer.token, token)) return;
  const given = bearer.kind !== 'none';
  throw new AuthenticationChallengeException(
    given
      ? 'The metrics token is not valid'
      : 'The metrics token is required (Authorization: Bearer <METRICS_TOKEN>)',
    given ? BEARER_TOKEN_INVALID : BEARER_TOKEN_MISSING,
  );
}

/**
 * Compared in constant time, so the time a refusal takes tells nothing of how much of the token was
 * right. Comparing digests gives timingSafeEqual the equal lengths it needs without the length check
 * telling the token's length.
 */
function sameSecret(given: string, token: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(token));
}
