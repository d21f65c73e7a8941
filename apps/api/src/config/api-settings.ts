import { loadConsoleSettings, type ConsoleSettings } from '../console/console-settings';
import { loadMetricsSettings, type MetricsSettings } from '../metrics/metrics-settings';
import { loadNotificationSettings, type NotificationSettings } from '../notifications/notification-settings';
import type { AppConfig } from './app-config';
import { staffEmailDomains } from './staff-email-domains';
import { loadTokenClaimChecks, type TokenClaimChecks } from './token-claim-checks';

/**
 * What the API reads from its environment beyond AppConfig: how it notifies (NOTIFY_*,
 * SUPPORT_TEAM_EMAIL, PUBLIC_URL), how the console signs people in (CONSOLE_*), what it expects
 * of OIDC tokens (AUTH_ISSUER, AUTH_AUDIENCE, defaulting to the console's client), who may
 * scrape `/metrics` (METRICS_TOKEN) and whose addresses are staff's (STAFF_EMAIL_DOMAINS). They
 * live apart from AppConfig because the other commands do not use them and should not refuse to
 * run over them.
 */
export interface ApiSettings {
  notifications: NotificationSettings;
  console: ConsoleSettings;
  tokens: TokenClaimChecks;
  metrics: MetricsSettings;
  /** STAFF_EMAIL_DOMAINS: who may be assigned a case before taking one (staff-email-domains.ts). */
  staffEmailDomains: string[];
}

/**
 * The one place these settings are read and validated. `serve` calls it before it opens a store,
 * so a bad value stops the start with the same one-line ConfigError as a bad PORT: read inside
 * Nest's dependency injection instead, it came after the SQLite files were opened (leaving them
 * for a full check at the next start) and under a stack trace of Nest's.
 */
export function loadApiSettings(config: AppConfig, env: NodeJS.ProcessEnv = process.env): ApiSettings {
  return {
    notifications: loadNotificationSettings(config, env),
    console: loadConsoleSettings(env, config.jwksUrl),
    tokens: loadTokenClaimChecks(config, env),
    metrics: loadMetricsSettings(env),
    staffEmailDomains: staffEmailDomains(env.STAFF_EMAIL_DOMAINS),
  };
}
