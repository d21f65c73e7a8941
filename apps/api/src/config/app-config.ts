import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Everything the process reads from its environment, validated once at start. */
export interface AppConfig {
  port: number;
  dataDir: string;
  /** HS256 secret for embedded-mode tokens; undefined when JWKS verification is configured. */
  jwtSecret?: string;
  jwksUrl?: string;
  eventStoreUrl?: string;
  mongodbUrl?: string;
  smtpUrl?: string;
  supportPolicyFile?: string;
  /** Run projections inside the API process (the embedded default; off when a separate projector runs). */
  embeddedProjector: boolean;
  /**
   * With the embedded projector: run it (projections and SLA timers) on a worker thread of the API
   * process, so it has a core of its own beside the HTTP event loop. False runs it on the API's
   * own event loop, which is what tests that move a fake clock need.
   */
  projectorThread: boolean;
  logLevel: string;
}

export class ConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

const SECRET_FILE = 'auth-jwt-secret';
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const dataDir = path.resolve(nonEmpty(env.DATA_DIR) ?? './data');
  const jwksUrl = optionalUrl('AUTH_JWKS_URL', env.AUTH_JWKS_URL, ['http:', 'https:']);
  const logLevel = nonEmpty(env.LOG_LEVEL) ?? 'info';
  if (!LOG_LEVELS.includes(logLevel))
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);
  const supportPolicyFile = nonEmpty(env.SUPPORT_POLICY_FILE);
  if (supportPolicyFile && !fs.existsSync(supportPolicyFile)) {
    throw new ConfigError('SUPPORT_POLICY_FILE', `points to ${supportPolicyFile}, which does not exist`);
  }
  return {
    port: port(env.PORT),
    dataDir,
    jwtSecret: jwksUrl ? undefined : (nonEmpty(env.AUTH_JWT_SECRET) ?? undefined),
    jwksUrl,
    eventStoreUrl: optionalUrl('EVENTSTORE_URL', env.EVENTSTORE_URL, [
      'esdb:',
      'esdb+discover:',
      'kurrentdb:',
    ]),
    mongodbUrl: optionalUrl('MONGODB_URL', env.MONGODB_URL, ['mongodb:', 'mongodb+srv:']),
    smtpUrl: optionalUrl('SMTP_URL', env.SMTP_URL, ['smtp:', 'smtps:']),
    supportPolicyFile,
    embeddedProjector: booleanFlag('EMBEDDED_PROJECTOR', env.EMBEDDED_PROJECTOR, true),
    projectorThread: booleanFlag('PROJECTOR_THREAD', env.PROJECTOR_THREAD, true),
    logLevel,
  };
}

/**
 * Embedded mode keeps a generated secret in DATA_DIR so tokens minted by the CLI stay valid
 * across restarts; an explicit AUTH_JWT_SECRET always wins.
 */
export function resolveJwtSecret(config: AppConfig): string | undefined {
  if (config.jwksUrl) return undefined;
  if (config.jwtSecret) return config.jwtSecret;
  fs.mkdirSync(config.dataDir, { recursive: true });
  const file = path.join(config.dataDir, SECRET_FILE);
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secret = crypto.randomBytes(32).toString('hex');
  try {
    fs.writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (error) {
    // Another process (CLI and server started together) won the race: use its secret.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return fs.readFileSync(file, 'utf8').trim();
    throw error;
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function port(value: string | undefined): number {
  const raw = nonEmpty(value);
  if (raw === undefined) return 3000;
  const parsed = Number(raw);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) {
    throw new ConfigError('PORT', `must be an integer from 0 to 65535, got "${raw}"`);
  }
  return parsed;
}

function optionalUrl(variable: string, value: string | undefined, protocols: string[]): string | undefined {
  const raw = nonEmpty(value);
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(variable, `is not a valid URL: "${raw}"`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(variable, `must use ${protocols.join(' or ')}, got "${url.protocol}"`);
  }
  return raw;
}

function booleanFlag(variable: string, value: string | undefined, fallback: boolean): boolean {
  const raw = nonEmpty(value)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(variable, `must be true or false, got "${value}"`);
}
