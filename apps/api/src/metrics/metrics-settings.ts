import { ConfigError } from '../config/config-error';
import { nonEmpty } from '../config/environment-values';

export interface MetricsSettings {
  /**
   * METRICS_TOKEN: when set, `/metrics` answers only a scraper that sends it as a bearer token
   * (Prometheus' `authorization: { credentials: ... }`). Unset, `/metrics` is public, as scrapers
   * expect by default, and only the network keeps it from others.
   */
  token?: string;
}

/**
 * A token an operator chose, not a JWT: long enough that guessing it is out of the question. Like the
 * JWT secret's minimum, 32 characters is what `openssl rand -hex 16` prints.
 */
export const MIN_METRICS_TOKEN_LENGTH = 32;

export function loadMetricsSettings(env: NodeJS.ProcessEnv): MetricsSettings {
  const token = nonEmpty(env.METRICS_TOKEN);
  if (token === undefined) return {};
  if (token.length < MIN_METRICS_TOKEN_LENGTH) {
    throw new ConfigError(
      'METRICS_TOKEN',
      `must be at least ${MIN_METRICS_TOKEN_LENGTH} characters (openssl rand -hex 16 prints one), got ${token.length}`,
    );
  }
  // A bearer token is one run of visible characters (RFC 6750 section 2.1); a space or quote in it
  // could never be sent as one, so the scraper would be refused with no hint why.
  if (!/^[A-Za-z0-9\-._~+/]+=*$/.test(token)) {
    throw new ConfigError('METRICS_TOKEN', 'may hold only letters, digits and - . _ ~ + / (then = signs)');
  }
  return { token };
}
