import { createRemoteJWKSet, errors, JWTPayload, jwtVerify, JWTVerifyGetKey } from 'jose';
import { normalizeEmail } from '@casetrail/domain';
import { Actor, STAFF_ROLES, StaffRole } from './actor';
import { safeTokenName } from './token-name';
import { VerifiedTokenCache, VerifiedTokenCacheOptions } from './verified-token-cache';

export class InvalidTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidTokenError';
  }
}

export interface TokenVerifierOptions {
  secret?: string;
  jwksUrl?: string;
  /** Reuse of successful verifications of the same token string (see VerifiedTokenCache); false turns it off. */
  cache?: VerifiedTokenCacheOptions | false;
}

/**
 * Verifies bearer tokens: HS256 with the embedded secret, or RS256/ES256 against an OIDC
 * provider's JWKS. Claims follow API.md: sub, email, name, optional roles. A token verified
 * successfully is remembered until it expires (at most a minute), so a client's next requests with
 * the same token skip the signature check.
 */
export class TokenVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly algorithms: string[];
  private readonly verified?: VerifiedTokenCache;

  constructor(options: TokenVerifierOptions) {
    if (options.jwksUrl) {
      this.key = createRemoteJWKSet(new URL(options.jwksUrl));
      this.algorithms = ['RS256', 'ES256'];
    } else if (options.secret) {
      this.key = new TextEncoder().encode(options.secret);
      this.algorithms = ['HS256'];
    } else {
      throw new Error('TokenVerifier needs a secret or a JWKS URL');
    }
    if (options.cache !== false) this.verified = new VerifiedTokenCache(options.cache);
  }

  async verify(token: string): Promise<Actor> {
    const known = this.verified?.get(token);
    if (known) return known;
    let payload: JWTPayload;
    try {
      // jose's overloads differ for a key and a key-resolving function; both are valid here.
      ({ payload } = await jwtVerify(token, this.key as Uint8Array, { algorithms: this.algorithms }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new InvalidTokenError('The token has expired');
      if (error instanceof errors.JOSEError) throw new InvalidTokenError('The token is not valid');
      throw error;
    }
    const actor = actorFromClaims(payload);
    this.verified?.set(token, actor, payload.exp);
    return actor;
  }
}

/** What an email claim must look like for a token to name a person. */
export function isTokenEmail(email: unknown): email is string {
  return typeof email === 'string' && /^[^\s@]+@[^\s@]+$/.test(email);
}

export function actorFromClaims(payload: JWTPayload): Actor {
  const { sub, email, name, roles } = payload as JWTPayload & Record<string, unknown>;
  if (typeof sub !== 'string' || !sub) throw new InvalidTokenError('The token has no sub claim');
  if (!isTokenEmail(email)) {
    throw new InvalidTokenError('The token has no valid email claim');
  }
  if (roles !== undefined && !Array.isArray(roles))
    throw new InvalidTokenError('The roles claim must be a list');
  const staffRoles = ((roles as unknown[] | undefined) ?? []).filter((role): role is StaffRole =>
    STAFF_ROLES.includes(role as StaffRole),
  );
  return {
    sub,
    // The same spelling the records use (composed Unicode, the domain in Unicode), or a person whose
    // identity provider spells their address otherwise would not be found.
    email: normalizeEmail(email),
    name: safeTokenName(name),
    roles: [...new Set(staffRoles)],
  };
}
