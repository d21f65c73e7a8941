/**
 * The `WWW-Authenticate` challenges of RFC 6750 section 3. A request without a bearer token is
 * only told the scheme (no error code, section 3.1); one whose token is bad is told so with
 * `invalid_token`, so a client knows to fetch a new token rather than retry the same one.
 */
export const BEARER_TOKEN_MISSING = 'Bearer';
export const BEARER_TOKEN_INVALID = 'Bearer error="invalid_token"';
