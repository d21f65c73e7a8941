import type { AppConfig } from './app-config';
import { ConfigError } from './config-error';
import { nonEmpty } from './environment-values';

/** What a token from the OIDC provider must say besides carrying its signature (TokenVerifierOptions). */
export interface TokenClaimChecks {
  /** The `iss` every token must carry, compared exactly. */
  issuer?: string;
  /** The value a token's `aud` must hold. */
  audience?: string;
}

/**
 * The issuer and audience the API expects of tokens verified against AUTH_JWKS_URL: AUTH_ISSUER and
 * AUTH_AUDIENCE, else the console's OIDC client (CONSOLE_OIDC_ISSUER as written, and
 * CONSOLE_OIDC_CLIENT_ID, the `aud` of the ID tokens the console sends). With neither, the API
 * refuses to start: a provider signs the tokens of every client it serves with the same keys, so
 * the signature alone would let in any of them, roles and all. In embedded mode the CLI's tokens
 * carry neither claim, and a value set there would check nothing, so it is refused too.
 */
export function loadTokenClaimChecks(config: AppConfig, env: NodeJS.ProcessEnv): TokenClaimChecks {
  if (!config.jwksUrl) {
    for (const [variable, value] of [
      ['AUTH_ISSUER', config.authIssuer],
      ['AUTH_AUDIENCE', config.authAudience],
    ] as const) {
      if (value !== undefined)
        throw new ConfigError(
          variable,
          'is only used with AUTH_JWKS_URL (embedded tokens carry no iss or aud)',
        );
    }
    return {};
  }
  const issuer = config.authIssuer ?? nonEmpty(env.CONSOLE_OIDC_ISSUER);
  if (issuer === undefined) {
    throw new ConfigError(
      'AUTH_ISSUER',
      "must be set with AUTH_JWKS_URL (unless CONSOLE_OIDC_ISSUER is): the iss of the provider's tokens, exactly as they carry it; without it the API would take a token from any issuer those keys sign for",
    );
  }
  const audience = config.authAudience ?? nonEmpty(env.CONSOLE_OIDC_CLIENT_ID);
  if (audience === undefined) {
    throw new ConfigError(
      'AUTH_AUDIENCE',
      'must be set with AUTH_JWKS_URL (unless CONSOLE_OIDC_CLIENT_ID is): the aud of the tokens meant for this API; without it the API would take a token the provider issued to any other client',
    );
  }
  return { issuer, audience };
}
