import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError } from '../config/config-error';
import { nonEmpty } from '../config/environment-values';

/**
 * How the console signs people in, as the page reads it from `GET /console/config`:
 * - `embedded`: HS256 tokens minted by the CLI, pasted into the sign-in page;
 * - `oidc`: the OIDC provider's login (authorization code with PKCE), whose ID token the API
 *   verifies against AUTH_JWKS_URL;
 * - `external-token`: AUTH_JWKS_URL is set but the console has no OIDC client, so people paste a
 *   token their provider issued.
 */
export type ConsoleSignIn =
  | { mode: 'embedded' }
  | { mode: 'oidc'; issuer: string; clientId: string; scope: string }
  | { mode: 'external-token' };

export interface ConsoleSettings {
  /** The built console (Vite's output); served at `/` when it holds an index.html. */
  directory: string;
  signIn: ConsoleSignIn;
}

const DEFAULT_SCOPE = 'openid profile email';

/**
 * Console settings from the environment: CONSOLE_DIR (default `dist/console` in the checkout),
 * CONSOLE_OIDC_ISSUER, CONSOLE_OIDC_CLIENT_ID and CONSOLE_OIDC_SCOPE. They are read here rather
 * than in AppConfig because only the console uses them; they are validated just as strictly.
 */
export function loadConsoleSettings(
  env: NodeJS.ProcessEnv,
  jwksUrl: string | undefined,
  moduleDirectory = __dirname,
): ConsoleSettings {
  const directory = path.resolve(
    nonEmpty(env.CONSOLE_DIR) ?? path.join(checkoutRoot(moduleDirectory), 'dist', 'console'),
  );
  return { directory, signIn: signInMode(env, jwksUrl) };
}

function signInMode(env: NodeJS.ProcessEnv, jwksUrl: string | undefined): ConsoleSignIn {
  const issuer = nonEmpty(env.CONSOLE_OIDC_ISSUER);
  const clientId = nonEmpty(env.CONSOLE_OIDC_CLIENT_ID);
  if (!issuer && !clientId) return jwksUrl ? { mode: 'external-token' } : { mode: 'embedded' };
  if (!issuer) throw new ConfigError('CONSOLE_OIDC_ISSUER', 'must be set when CONSOLE_OIDC_CLIENT_ID is');
  if (!clientId) throw new ConfigError('CONSOLE_OIDC_CLIENT_ID', 'must be set when CONSOLE_OIDC_ISSUER is');
  if (!jwksUrl) {
    // Without JWKS verification the API would refuse every token the provider issues.
    throw new ConfigError('CONSOLE_OIDC_ISSUER', "needs AUTH_JWKS_URL (the same provider's keys) to be set");
  }
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new ConfigError('CONSOLE_OIDC_ISSUER', `is not a valid URL: "${issuer}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError('CONSOLE_OIDC_ISSUER', `must use http: or https:, got "${url.protocol}"`);
  }
  return {
    mode: 'oidc',
    issuer: issuer.replace(/\/+$/, ''),
    clientId,
    scope: nonEmpty(env.CONSOLE_OIDC_SCOPE) ?? DEFAULT_SCOPE,
  };
}

/** The nearest folder holding package.json: the checkout, whether running from sources or dist/. */
function checkoutRoot(from: string): string {
  let directory = from;
  while (!fs.existsSync(path.join(directory, 'package.json'))) {
    const parent = path.dirname(directory);
    if (parent === directory) return process.cwd();
    directory = parent;
  }
  return directory;
}
