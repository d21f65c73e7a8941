import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError } from './config-error';
import { booleanSetting, integerSetting, nonEmpty } from './environment-values';
import { listenHost } from './listen-host';

export { ConfigError } from './config-error';

/** Everything the process reads from its environment, validated once at start. */
export interface AppConfig {
  port: number;
  /** The address the API listens on (HOST): loopback unless set (see listen-host.ts). */
  host: string;
  dataDir: string;
  /** HS256 secret for embedded-mode tokens; undefined when JWKS verification is configured. */
  jwtSecret?: string;
  jwksUrl?: string;
  /**
   * AUTH_ISSUER and AUTH_AUDIENCE as set. Only the API uses them, and it falls back on the
   * console's OIDC client when they are unset (see token-claim-checks.ts), so the other commands
   * neither need nor judge them.
   */
  authIssuer?: string;
  authAudience?: string;
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
  /** `text` (Nest's lines, coloured on a terminal) or `json` (one JSON object a line, for log shippers). */
  logFormat: LogFormat;
}

export const LOG_FORMATS = ['text', 'json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

const SECRET_FILE = 'auth-jwt-secret';
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
/** HS256 keys shorter than the hash (256 bits) weaken it (RFC 7518, section 3.2). */
const MIN_JWT_SECRET_LENGTH = 32;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const dataDir = path.resolve(nonEmpty(env.DATA_DIR) ?? './data');
  const jwksUrl = optionalUrl('AUTH_JWKS_URL', env.AUTH_JWKS_URL, ['http:', 'https:']);
  // In any case, as the boolean settings are read: `INFO` is as clear as `info`.
  const logLevel = nonEmpty(env.LOG_LEVEL)?.toLowerCase() ?? 'info';
  if (!LOG_LEVELS.includes(logLevel))
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);
  const logFormat = nonEmpty(env.LOG_FORMAT)?.toLowerCase() ?? 'text';
  if (!(LOG_FORMATS as readonly string[]).includes(logFormat))
    throw new ConfigError('LOG_FORMAT', `must be one of ${LOG_FORMATS.join(', ')}`);
  const supportPolicyFile = nonEmpty(env.SUPPORT_POLICY_FILE);
  if (supportPolicyFile && !fs.existsSync(supportPolicyFile)) {
    throw new ConfigError('SUPPORT_POLICY_FILE', `points to ${supportPolicyFile}, which does not exist`);
  }
  return {
    port: integerSetting('PORT', env.PORT, 3000, { minimum: 0, maximum: 65535 }),
    host: listenHost(env.HOST),
    dataDir,
    // With JWKS verification the secret is not used, so it is not judged either.
    jwtSecret: jwksUrl ? undefined : jwtSecret(env.AUTH_JWT_SECRET),
    jwksUrl,
    authIssuer: nonEmpty(env.AUTH_ISSUER),
    authAudience: nonEmpty(env.AUTH_AUDIENCE),
    eventStoreUrl: optionalUrl('EVENTSTORE_URL', env.EVENTSTORE_URL, [
      'esdb:',
      'esdb+discover:',
      'kurrentdb:',
    ]),
    mongodbUrl: optionalUrl('MONGODB_URL', env.MONGODB_URL, ['mongodb:', 'mongodb+srv:']),
    smtpUrl: optionalUrl('SMTP_URL', env.SMTP_URL, ['smtp:', 'smtps:']),
    supportPolicyFile,
    embeddedProjector: booleanSetting('EMBEDDED_PROJECTOR', env.EMBEDDED_PROJECTOR, true),
    projectorThread: booleanSetting('PROJECTOR_THREAD', env.PROJECTOR_THREAD, true),
    logLevel,
    logFormat: logFormat as LogFormat,
  };
}

/**
 * Embedded mode keeps a generated secret in DATA_DIR so tokens minted by the CLI stay valid
 * across restarts; an explicit AUTH_JWT_SECRET always wins.
 */
export function resolveJwtSecret(config: AppConfig): string | undefined {
  if (config.jwksUrl) return undefined;
  if (config.jwtSecret) return config.jwtSecret;
  const kept = keptJwtSecret(config);
  if (kept !== undefined) return kept;
  // 0700: the folder will hold the secret and the stores, with the customers' personal data.
  fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  return createJwtSecret(jwtSecretFile(config));
}

/** Where embedded mode keeps its generated token secret. */
export function jwtSecretFile(config: AppConfig): string {
  return path.join(config.dataDir, SECRET_FILE);
}

/**
 * The secret kept in DATA_DIR, or undefined when there is none yet. It is held to the rule of
 * AUTH_JWT_SECRET: a file written by hand (`printf abc > auth-jwt-secret`) or left empty would
 * otherwise sign tokens with a key anyone can guess, or fail later without naming the file.
 */
export function keptJwtSecret(config: AppConfig): string | undefined {
  return readSecretFile(jwtSecretFile(config));
}

function readSecretFile(file: string): string | undefined {
  let secret: string;
  try {
    secret = fs.readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if (secret.length < MIN_JWT_SECRET_LENGTH) {
    throw new ConfigError(
      `the token secret file ${file}`,
      `must hold at least ${MIN_JWT_SECRET_LENGTH} characters (HS256 wants a 256-bit key), holds ${secret.length}: write the output of \`openssl rand -hex 32\` into it, or delete it to have one generated (tokens signed with the old one stop working), or set AUTH_JWT_SECRET`,
    );
  }
  return secret;
}

/**
 * Writes a new secret (0600) under a name of its own, then links it into place: the file appears
 * whole, or the link fails because another process (CLI and server started together) got there
 * first, and its secret is used. Written in place, the other process could read the file between
 * its creation and its content, find it empty, and refuse it.
 */
function createJwtSecret(file: string): string {
  const secret = crypto.randomBytes(32).toString('hex');
  const draft = `${file}.${process.pid}-${crypto.randomBytes(4).toString('hex')}.draft`;
  fs.writeFileSync(draft, secret, { mode: 0o600, flag: 'wx' });
  try {
    fs.linkSync(draft, file);
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readSecretFile(file)!;
    // A filesystem without hard links (FAT, some network shares): written in place after all.
    return createInPlace(file, secret);
  } finally {
    fs.rmSync(draft, { force: true });
  }
}

function createInPlace(file: string, secret: string): string {
  try {
    fs.writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readSecretFile(file)!;
    throw error;
  }
}

/**
 * An explicit AUTH_JWT_SECRET, which anyone who guesses it can mint admin tokens with: a short one
 * (`x`, `secret`) is refused rather than trusted. The message never repeats the secret.
 */
function jwtSecret(value: string | undefined): string | undefined {
  const secret = nonEmpty(value);
  if (secret !== undefined && secret.length < MIN_JWT_SECRET_LENGTH) {
    throw new ConfigError(
      'AUTH_JWT_SECRET',
      `must be at least ${MIN_JWT_SECRET_LENGTH} characters long (HS256 wants a 256-bit key), got ${secret.length}: generate one with \`openssl rand -hex 32\``,
    );
  }
  return secret;
}

function optionalUrl(variable: string, value: string | undefined, protocols: string[]): string | undefined {
  const raw = nonEmpty(value);
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(variable, `is not a valid URL: ${shownUnparsedUrl(raw)}`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(variable, `must use ${protocols.join(' or ')}, got "${url.protocol}"`);
  }
  return raw;
}

/**
 * A value that is not a URL, as the refusal shows it. Connection URLs carry passwords
 * (`smtp://user:password@host`), and messages end up in logs, terminals and tickets: one that
 * cannot be parsed cannot have just its password masked, so if it has an `@` it is not shown.
 */
function shownUnparsedUrl(value: string): string {
  return value.includes('@') ? '(the value is not shown: it may hold a password)' : `"${value}"`;
}
