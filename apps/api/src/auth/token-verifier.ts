import {
  createRemoteJWKSet,
  errors,
  JWTPayload,
  jwtVerify,
  JWTVerifyGetKey,
  type JWTVerifyOptions,
} from 'jose';
import { readIdentityAddress } from '@casetrail/domain';
import { Actor, STAFF_ROLES, StaffRole } from './actor';
import { AUDITED_ACCOUNTS_CLAIM, auditedAccountsClaim } from './audited-accounts-claim';
import { tokenIdentityClaims } from './token-identity-claims';
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
  /** With jwksUrl (required there): the `iss` every token must carry, compared exactly. */
  issuer?: string;
  /** With jwksUrl (required there): the value a token's `aud` (a string or a list) must hold. */
  audience?: string;
  /** Reuse of successful verifications of the same token string (see VerifiedTokenCache); false turns it off. */
  cache?: VerifiedTokenCacheOptions | false;
}

/**
 * Verifies bearer tokens: HS256 with the embedded secret, or RS256/ES256 against an OIDC
 * provider's JWKS. Claims follow API.md: sub, email, name, optional roles. Every token must carry
 * `exp`: one without it would work forever once leaked. Against a JWKS the token must also come
 * from the configured issuer and name this API in `aud`: the provider signs tokens for every client
 * it serves (and a multi-tenant one for every tenant) with the same keys, so the signature alone
 * says only that the provider issued it, not to whom. A token verified successfully is remembered
 * until it expires (at most a minute), so a client's next requests with the same token skip the
 * signature check.
 */
export class TokenVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly checks: JWTVerifyOptions;
  private readonly verified?: VerifiedTokenCache;
  /** Embedded mode: the server's own secret signs every valid token (see refusalOf). */
  private readonly embedded: boolean;

  constructor(options: TokenVerifierOptions) {
    this.embedded = !options.jwksUrl;
    if (options.jwksUrl) {
      if (!options.issuer) throw new Error('TokenVerifier needs the issuer its JWKS tokens must name (iss)');
      if (!options.audience)
        throw new Error('TokenVerifier needs the audience its JWKS tokens must name (aud)');
      this.key = createRemoteJWKSet(new URL(options.jwksUrl));
      this.checks = {
        algorithms: ['RS256', 'ES256'],
        // Exactly, as OpenID Connect Core 3.1.3.7 asks: no trailing-slash leniency.
        issuer: options.issuer,
        // Not `azp`: the console sends the provider's ID token, whose aud is the console's client id.
        audience: options.audience,
        requiredClaims: ['exp'],
      };
    } else if (options.secret) {
      this.key = new TextEncoder().encode(options.secret);
      // Tokens minted by the CLI carry neither iss nor aud; only the server's secret signs them.
      this.checks = { algorithms: ['HS256'], requiredClaims: ['exp'] };
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
      ({ payload } = await jwtVerify(token, this.key as Uint8Array, this.checks));
    } catch (error) {
      throw refusalOf(error, this.embedded);
    }
    const actor = actorFromClaims(payload);
    this.verified?.set(token, actor, payload.exp);
    return actor;
  }
}

/**
 * In embedded mode a well-formed HS256 token whose signature fails was almost always minted by the
 * CLI against another secret: another DATA_DIR (the generated secret lives there) or another
 * AUTH_JWT_SECRET than the server's. Saying so names nothing secret. Against a JWKS the detail stays
 * generic: the provider's keys and this server's configuration are not the bearer's business.
 */
const SIGNED_WITH_ANOTHER_SECRET =
  "The token's signature does not match this server's key: it was likely minted with another DATA_DIR or AUTH_JWT_SECRET than the server's (mint it again with the server's)";

/** Why a token jose refused is refused, in the words of the 401's detail; other errors as they are. */
function refusalOf(error: unknown, embedded: boolean): unknown {
  if (error instanceof errors.JWTExpired) return new InvalidTokenError('The token has expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    const { claim, reason } = error;
    if (reason === 'missing') return new InvalidTokenError(`The token has no ${claim} claim`);
    if (reason === 'invalid') return new InvalidTokenError(`The token has no valid ${claim} claim`);
    if (claim === 'iss') return new InvalidTokenError('The token was issued by another issuer (iss)');
    if (claim === 'aud') return new InvalidTokenError('The token was issued for another audience (aud)');
  }
  if (embedded && error instanceof errors.JWSSignatureVerificationFailed)
    return new InvalidTokenError(SIGNED_WITH_ANOTHER_SECRET);
  if (error instanceof errors.JOSEError) return new InvalidTokenError('The token is not valid');
  return error;
}

/** What an email claim must look like for a token to name a person. */
export function isTokenEmail(email: unknown): email is string {
  return typeof email === 'string' && /^[^\s@]+@[^\s@]+$/.test(email);
}

/**
 * The person a token's email names, in the records' spelling (composed Unicode, the domain in
 * Unicode: a person whose identity provider spells their address otherwise is still found), or why
 * the address is not one Casetrail accepts. An address that only looks like someone's (fullwidth
 * letters, an ideographic full stop, an invisible character, mixed scripts, a malformed Punycode
 * label) would otherwise be folded onto that person: the bearer would see and act as them, and the
 * history would name them. The reason reads after "it" and does not repeat the address, which may
 * hold the very characters it names. The CLI refuses to mint such a token with the same words.
 */
export function tokenIdentity(email: string): { email: string } | { refused: string } {
  const read = readIdentityAddress(email);
  return 'email' in read ? read : { refused: read.refused.problem };
}

/**
 * Rights follow the email claim, so a token whose provider says it has not verified that address
 * (anyone may have typed it at sign-up) would let its bearer act as the address's owner. A token
 * without the claim is accepted: not every provider sends it. Some send the string "true".
 */
function refuseUnverifiedEmail(emailVerified: unknown): void {
  if (emailVerified === undefined || emailVerified === true || emailVerified === 'true') return;
  throw new InvalidTokenError(
    "The token's email is not verified (email_verified is not true): rights follow the email, so the identity provider must verify it first",
  );
}

export function actorFromClaims(payload: JWTPayload): Actor {
  const { sub, iss, email, name, roles } = payload as JWTPayload & Record<string, unknown>;
  if (typeof sub !== 'string' || !sub) throw new InvalidTokenError('The token has no sub claim');
  if (!isTokenEmail(email)) {
    throw new InvalidTokenError('The token has no valid email claim');
  }
  refuseUnverifiedEmail(payload.email_verified);
  const identity = tokenIdentity(email);
  if ('refused' in identity) {
    throw new InvalidTokenError(
      `The token's email is not an address Casetrail accepts: it ${identity.refused}`,
    );
  }
  // After the email: a minted token's sub is its email, whose refusal says more.
  const token = tokenIdentityClaims(sub, iss);
  if ('refused' in token) throw new InvalidTokenError(token.refused);
  if (roles !== undefined && !Array.isArray(roles))
    throw new InvalidTokenError('The roles claim must be a list');
  const staffRoles = ((roles as unknown[] | undefined) ?? []).filter((role): role is StaffRole =>
    STAFF_ROLES.includes(role as StaffRole),
  );
  const staff = [...new Set(staffRoles)];
  const audited = auditedAccountsClaim(payload[AUDITED_ACCOUNTS_CLAIM], staff);
  if ('refused' in audited) throw new InvalidTokenError(audited.refused);
  return {
    sub: token.subject,
    email: identity.email,
    name: safeTokenName(name),
    roles: staff,
    token,
    ...(audited.accounts ? { auditedAccounts: audited.accounts } : {}),
  };
}
