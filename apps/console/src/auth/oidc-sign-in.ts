import type { SignInConfig } from '../api/api-types';
import { readTokenClaims } from './jwt-claims';
import { codeChallengeS256, randomUrlSafe } from './pkce';

type OidcConfig = Extract<SignInConfig, { mode: 'oidc' }>;

interface ProviderMetadata {
  authorization_endpoint: string;
  token_endpoint: string;
}

/** What the browser remembers across the round trip to the provider (this tab only). */
interface PendingSignIn {
  state: string;
  nonce: string;
  verifier: string;
  /** Where in the console to go back to afterwards (the hash route). */
  returnTo: string;
}

const PENDING_KEY = 'casetrail.console.oidc';

/**
 * Production sign-in: the OIDC provider's own login, with the authorization code flow and PKCE
 * (no client secret in a browser). The provider's ID token is the bearer token: it carries the
 * email, name and roles claims API.md names, and the API verifies it against AUTH_JWKS_URL.
 */
export async function startOidcSignIn(config: OidcConfig, returnTo: string): Promise<void> {
  const provider = await discover(config.issuer);
  const pending: PendingSignIn = {
    state: randomUrlSafe(),
    nonce: randomUrlSafe(),
    verifier: randomUrlSafe(),
    returnTo,
  };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL(provider.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    scope: config.scope,
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await codeChallengeS256(pending.verifier),
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/**
 * When the provider has sent the browser back with `?code=…&state=…`, exchanges the code for
 * tokens and returns the ID token and where to go next; otherwise undefined.
 */
export async function completeOidcSignIn(
  config: OidcConfig,
): Promise<{ token: string; returnTo: string } | undefined> {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  const error = params.get('error');
  if (!code && !error) return undefined;
  const pending = readPending();
  sessionStorage.removeItem(PENDING_KEY);
  // The code and state must not linger in the address bar, history or a bookmark.
  history.replaceState(null, '', `${location.pathname}${pending?.returnTo ?? ''}`);
  if (error) throw new Error(`The sign-in was refused: ${params.get('error_description') ?? error}`);
  if (!pending || params.get('state') !== pending.state) {
    throw new Error('This sign-in response does not match a sign-in started here; please sign in again');
  }
  const provider = await discover(config.issuer);
  const response = await fetch(provider.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: code!,
      redirect_uri: redirectUri(),
      client_id: config.clientId,
      code_verifier: pending.verifier,
    }),
  });
  const tokens = (await response.json().catch(() => ({}))) as {
    id_token?: string;
    error_description?: string;
    error?: string;
  };
  if (!response.ok || !tokens.id_token) {
    throw new Error(
      `The provider did not issue a token: ${tokens.error_description ?? tokens.error ?? response.status}`,
    );
  }
  if (readTokenClaims(tokens.id_token).nonce !== pending.nonce) {
    throw new Error('The provider’s token was not issued for this sign-in; please sign in again');
  }
  return { token: tokens.id_token, returnTo: pending.returnTo };
}

async function discover(issuer: string): Promise<ProviderMetadata> {
  const response = await fetch(`${issuer}/.well-known/openid-configuration`, {
    headers: { accept: 'application/json' },
  });
  if (!response.ok)
    throw new Error(`The sign-in provider ${issuer} could not be reached (${response.status})`);
  const metadata = (await response.json()) as Partial<ProviderMetadata>;
  if (!metadata.authorization_endpoint || !metadata.token_endpoint) {
    throw new Error(`The sign-in provider ${issuer} does not describe its endpoints`);
  }
  return metadata as ProviderMetadata;
}

/** The console's own address, registered with the provider as the redirect URI. */
function redirectUri(): string {
  return `${location.origin}${location.pathname}`;
}

function readPending(): PendingSignIn | undefined {
  try {
    return JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null') ?? undefined;
  } catch {
    return undefined;
  }
}
