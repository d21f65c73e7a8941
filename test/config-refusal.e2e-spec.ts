import { once } from 'node:events';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { tempDir } from './support/fault/temp-dir';
import { spawnTs } from './support/spawn-ts';
import { TEST_SECRET } from './support/test-app';

/** The variables the processes read: cleared, so that the developer's own environment cannot change the outcome. */
const SETTING =
  /^(PORT|DATA_DIR|AUTH_|EVENTSTORE_URL|MONGODB_URL|SMTP_URL|SUPPORT_|EMBEDDED_PROJECTOR|PROJECTOR_THREAD|LOG_LEVEL|NOTIFY_|PUBLIC_URL|CONSOLE_)/;

interface Run {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `casetrail <command>` with only `env` among the settings, until it exits. A process that
 * starts instead of refusing is stopped after a while, and reported as such.
 */
async function casetrail(command: string, env: Record<string, string>): Promise<Run> {
  const inherited = Object.fromEntries(
    Object.keys(process.env)
      .filter((name) => SETTING.test(name))
      .map((name) => [name, undefined]),
  );
  const child = spawnTs('apps/cli/src/main.ts', [command], {
    env: { ...inherited, NO_COLOR: '1', PORT: '0', AUTH_JWT_SECRET: TEST_SECRET, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = once(child, 'exit');
  const stillRunning = setTimeout(() => child.kill('SIGTERM'), 30_000);
  await exited;
  clearTimeout(stillRunning);
  return { exitCode: child.exitCode, stdout, stderr };
}

/**
 * A setting the API cannot start with stops `serve` (and `notify`) the way a bad PORT does: one
 * line naming the variable, exit code 1, and nothing opened or created in DATA_DIR. These settings
 * were read inside Nest's dependency injection, which printed a stack trace first and came after
 * the SQLite files were opened (leaving them to be checked in full at the next start).
 */
describe('a start refused for its configuration', () => {
  const parent = tempDir('config-refusal');
  afterAll(() => parent.remove());
  let runs = 0;
  const freshDataDir = () => path.join(parent.path, `data-${++runs}`);

  const refusals: [string, Record<string, string>, string][] = [
    [
      'serve',
      { NOTIFY_MAX_ATTEMPTS: '0' },
      'NOTIFY_MAX_ATTEMPTS must be an integer of at least 1 in decimal digits, got "0"',
    ],
    [
      'serve',
      { NOTIFY_FROM: 'bad' },
      'NOTIFY_FROM must be one email address, optionally with a name, got "bad"',
    ],
    ['serve', { SUPPORT_TEAM_EMAIL: 'support team' }, 'SUPPORT_TEAM_EMAIL holds "support team"'],
    ['serve', { PUBLIC_URL: 'ftp://x' }, 'PUBLIC_URL must be an http or https URL, got "ftp://x"'],
    [
      'serve',
      { NOTIFY_RETRY_BASE_MS: '60000', NOTIFY_RETRY_MAX_MS: '1000' },
      'NOTIFY_RETRY_MAX_MS must be at least NOTIFY_RETRY_BASE_MS (60000)',
    ],
    [
      'serve',
      { CONSOLE_OIDC_CLIENT_ID: 'console' },
      'CONSOLE_OIDC_ISSUER must be set when CONSOLE_OIDC_CLIENT_ID is',
    ],
    // Tokens signed by the provider's keys but meant for any of its clients (or tenants) would pass.
    [
      'serve',
      { AUTH_JWKS_URL: 'https://id.example/jwks' },
      'AUTH_ISSUER must be set with AUTH_JWKS_URL (unless CONSOLE_OIDC_ISSUER is)',
    ],
    [
      'serve',
      { AUTH_JWKS_URL: 'https://id.example/jwks', AUTH_ISSUER: 'https://id.example' },
      'AUTH_AUDIENCE must be set with AUTH_JWKS_URL (unless CONSOLE_OIDC_CLIENT_ID is)',
    ],
    ['serve', { AUTH_AUDIENCE: 'casetrail-api' }, 'AUTH_AUDIENCE is only used with AUTH_JWKS_URL'],
    ['serve', { PORT: '0x3911' }, 'PORT must be an integer from 0 to 65535 in decimal digits, got "0x3911"'],
    ['serve', { AUTH_JWT_SECRET: 'x' }, 'AUTH_JWT_SECRET must be at least 32 characters long'],
    [
      'notify',
      { NOTIFY_MAX_ATTEMPTS: '0' },
      'NOTIFY_MAX_ATTEMPTS must be an integer of at least 1 in decimal digits, got "0"',
    ],
    ['notify', { PUBLIC_URL: 'ftp://x' }, 'PUBLIC_URL must be an http or https URL, got "ftp://x"'],
  ];

  it.each(refusals)(
    '%s with %j: one line naming it, exit 1, no store opened',
    async (command, env, message) => {
      const dataDir = freshDataDir();
      const run = await casetrail(command, { DATA_DIR: dataDir, ...env });
      expect(run.stderr).not.toContain('ExceptionHandler');
      // Exactly one line, the message itself: no stack trace, nothing logged before it.
      const lines = run.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      const expected = `Invalid configuration: ${message}`;
      expect(lines[0].slice(0, expected.length)).toBe(expected);
      expect(run.stdout).toBe('');
      expect(run.exitCode).toBe(1);
      // Not even the directory: no SQLite file (or its -wal and -shm), no token secret.
      expect(existsSync(dataDir)).toBe(false);
    },
  );
});
