import addressparser from 'nodemailer/lib/addressparser';
import * as path from 'node:path';
import type { AppConfig } from '../config/app-config';
import { ConfigError } from '../config/config-error';
import { booleanSetting, integerSetting, nonEmpty } from '../config/environment-values';
import { staffEmailDomains } from '../config/staff-email-domains';

/** How notifications are written, sent and retried; read once from the environment. */
export interface NotificationSettings {
  /** SMTP server (nodemailer URL, e.g. smtp://user:pass@host:587); unset: .eml files in `outboxDir`. */
  smtpUrl?: string;
  /** Where .eml files go when no SMTP server is configured: DATA_DIR/outbox. */
  outboxDir: string;
  /** From: header of every notification. */
  from: string;
  /** Addresses that stand for "the engineers" on escalations and SLA alerts. */
  supportTeam: string[];
  /** Base of the case links in messages (the API's public URL). */
  publicUrl: string;
  /** Attempts before a notification goes to the dead-letter list. */
  maxAttempts: number;
  /** First retry delay; each further retry waits twice as long, up to `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** How often the delivery worker looks for due notifications. */
  pollIntervalMs: number;
  /** Notifications taken per round. */
  batchSize: number;
  /** Single active delivery worker (and outbox writer) across processes, by lease. */
  leaseTtlMs: number;
  /**
   * How long a notification may wait once due, unsent, before /health calls delivery late
   * (degraded): mail is not getting out, or not fast enough, though a worker is at work.
   */
  lateAfterMs: number;
  /**
   * Days a sent notification's outbox row is kept before it is pruned (its delivery record stays).
   * Rows never to be sent go at once; pending ones and dead letters stay (see retention/).
   */
  retentionDays: number;
  /** Run the outbox writer and the delivery worker inside this process (default: with the embedded projector). */
  runInProcess: boolean;
  /**
   * STAFF_EMAIL_DOMAINS, read here too: they vouch for an assignee's mail as they vouch for the
   * assignment (unvouched-assignee-check.ts). Absent: no domain vouches.
   */
  staffEmailDomains?: readonly string[];
}

export const NOTIFICATION_DEFAULTS = {
  from: 'Casetrail <notifications@casetrail.local>',
  supportTeam: 'support-team@casetrail.local',
  maxAttempts: 8,
  retryBaseMs: 30_000,
  retryMaxMs: 3_600_000,
  pollIntervalMs: 1_000,
  batchSize: 50,
  leaseTtlMs: 15_000,
  /**
   * Two minutes: past one attempt on a server that never answers (its 60 s socket timeout) with
   * the poll and a standby's takeover (15 s) on top, so one slow send does not flap /health.
   */
  lateAfterMs: 120_000,
  /** A month: enough to look into a complaint about a mail while the rendered facts are at hand. */
  retentionDays: 30,
} as const;

/**
 * Reads NOTIFY_* (and SUPPORT_TEAM_EMAIL, PUBLIC_URL) on top of the application's configuration,
 * which already holds SMTP_URL and DATA_DIR.
 */
export function loadNotificationSettings(
  config: AppConfig,
  env: NodeJS.ProcessEnv = process.env,
): NotificationSettings {
  return {
    smtpUrl: config.smtpUrl,
    outboxDir: path.join(config.dataDir, 'outbox'),
    from: sender('NOTIFY_FROM', nonEmpty(env.NOTIFY_FROM) ?? NOTIFICATION_DEFAULTS.from),
    supportTeam: emailList('SUPPORT_TEAM_EMAIL', env.SUPPORT_TEAM_EMAIL ?? NOTIFICATION_DEFAULTS.supportTeam),
    publicUrl: webAddress('PUBLIC_URL', nonEmpty(env.PUBLIC_URL) ?? `http://localhost:${config.port}`),
    maxAttempts: integer(env, 'NOTIFY_MAX_ATTEMPTS', NOTIFICATION_DEFAULTS.maxAttempts, 1),
    ...retryDelays(env),
    pollIntervalMs: integer(env, 'NOTIFY_POLL_MS', NOTIFICATION_DEFAULTS.pollIntervalMs, 10),
    batchSize: integer(env, 'NOTIFY_BATCH_SIZE', NOTIFICATION_DEFAULTS.batchSize, 1),
    leaseTtlMs: integer(env, 'NOTIFY_LEASE_TTL_MS', NOTIFICATION_DEFAULTS.leaseTtlMs, 300),
    lateAfterMs: integer(env, 'NOTIFY_LATE_AFTER_MS', NOTIFICATION_DEFAULTS.lateAfterMs, 1_000),
    // At most a century: beyond that "sent that long ago" is no date at all.
    retentionDays: integerSetting(
      'NOTIFY_RETENTION_DAYS',
      env.NOTIFY_RETENTION_DAYS,
      NOTIFICATION_DEFAULTS.retentionDays,
      {
        minimum: 1,
        maximum: 36_500,
      },
    ),
    runInProcess: booleanSetting('NOTIFY_IN_PROCESS', env.NOTIFY_IN_PROCESS, config.embeddedProjector),
    ...staffDomainsOf(env),
  };
}

function staffDomainsOf(env: NodeJS.ProcessEnv): Pick<NotificationSettings, 'staffEmailDomains'> {
  const domains = staffEmailDomains(env.STAFF_EMAIL_DOMAINS);
  return domains.length > 0 ? { staffEmailDomains: domains } : {};
}

/**
 * The backoff: a retry waits NOTIFY_RETRY_BASE_MS, doubling each time, capped at NOTIFY_RETRY_MAX_MS.
 * A cap below the base makes every retry wait just the cap, less than even the first was meant to:
 * a passing SMTP outage then uses up every attempt at once and dead-letters everything. Refused,
 * naming both variables.
 */
function retryDelays(env: NodeJS.ProcessEnv): Pick<NotificationSettings, 'retryBaseMs' | 'retryMaxMs'> {
  const retryBaseMs = integer(env, 'NOTIFY_RETRY_BASE_MS', NOTIFICATION_DEFAULTS.retryBaseMs, 0);
  const retryMaxMs = integer(env, 'NOTIFY_RETRY_MAX_MS', NOTIFICATION_DEFAULTS.retryMaxMs, 0);
  if (retryMaxMs < retryBaseMs) {
    const given =
      nonEmpty(env.NOTIFY_RETRY_MAX_MS) === undefined ? `${retryMaxMs} (its default)` : `"${retryMaxMs}"`;
    throw new ConfigError(
      'NOTIFY_RETRY_MAX_MS',
      `must be at least NOTIFY_RETRY_BASE_MS (${retryBaseMs}), the first retry's delay, got ${given}`,
    );
  }
  return { retryBaseMs, retryMaxMs };
}

function integer(env: NodeJS.ProcessEnv, variable: string, fallback: number, minimum: number): number {
  return integerSetting(variable, env[variable], fallback, { minimum });
}

/** One mailbox, bare or with a display name (`Support <support@vendor.example>`): the From header. */
function sender(variable: string, value: string): string {
  const parsed = addressparser(value);
  const address = parsed.length === 1 && 'address' in parsed[0] ? (parsed[0].address ?? '') : '';
  if (!/^[^\s@]+@[^\s@]+$/.test(address)) {
    throw new ConfigError(variable, `must be one email address, optionally with a name, got "${value}"`);
  }
  return value;
}

/** An http(s) address the messages link to (without a trailing slash): nothing else belongs in a link. */
function webAddress(variable: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(variable, `must be an http or https URL, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(variable, `must be an http or https URL, got "${value}"`);
  }
  return value.replace(/\/+$/, '');
}

function emailList(variable: string, value: string): string[] {
  const emails = value
    .split(',')
    .map((email) => email.trim().toLowerCase())
    .filter(Boolean);
  const invalid = emails.find((email) => !/^[^\s@]+@[^\s@]+$/.test(email));
  if (invalid) throw new ConfigError(variable, `holds "${invalid}", which is not an email address`);
  return emails;
}
