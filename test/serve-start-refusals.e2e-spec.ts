import { once } from 'node:events';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import * as path from 'node:path';
import { openSqliteEventStore } from '@casetrail/eventstore';
import { openSqliteReadModelStore } from '@casetrail/readmodels';
import { ALL_PROJECTIONS } from '@casetrail/readmodels/all-projections';
import { tempDir } from './support/fault/temp-dir';
import { spawnTs } from './support/spawn-ts';
import { TEST_SECRET } from './support/test-app';

/** This release's version of a projection, as the refusal names it. */
const versionOf = (name: string) => ALL_PROJECTIONS.find((projection) => projection.name === name)?.version;

/** The variables the processes read: cleared, so that the developer's own environment cannot change the outcome. */
const SETTING =
  /^(PORT|HOST|DATA_DIR|AUTH_|EVENTSTORE_URL|MONGODB_URL|SMTP_URL|SUPPORT_|EMBEDDED_PROJECTOR|PROJECTOR_THREAD|LOG_LEVEL|NOTIFY_|PUBLIC_URL|CONSOLE_|NODE_OPTIONS)/;

interface Run {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/** `casetrail serve` with only `env` among the settings, until it exits (stopped after 30 s if it starts instead). */
async function serve(env: Record<string, string>): Promise<Run> {
  const inherited = Object.fromEntries(
    Object.keys(process.env)
      .filter((name) => SETTING.test(name))
      .map((name) => [name, undefined]),
  );
  const child = spawnTs('apps/cli/src/main.ts', ['serve'], {
    env: { ...inherited, NO_COLOR: '1', AUTH_JWT_SECRET: TEST_SECRET, ...env },
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

/** Holds a port on every interface, as another server would. */
async function holdPort(): Promise<{ port: number; server: Server }> {
  const server = createServer().listen(0, '0.0.0.0');
  await once(server, 'listening');
  return { port: (server.address() as { port: number }).port, server };
}

describe('serve refusing to start', () => {
  const parent = tempDir('serve-start-refusals');
  afterAll(() => parent.remove());
  let runs = 0;
  const freshDataDir = () => path.join(parent.path, `data-${++runs}`);

  /**
   * PORT held by another process: the log showed the projections, the SLA timer scheduler and mail
   * delivery starting before EADDRINUSE, and the stores were left to be checked in full at the next
   * start. Now: one line naming the port, exit 1, nothing opened (not even DATA_DIR).
   */
  it('refuses a PORT another process holds with one line naming it, before opening anything', async () => {
    const { port, server } = await holdPort();
    const dataDir = freshDataDir();
    try {
      const run = await serve({ DATA_DIR: dataDir, PORT: String(port) });
      expect(run.stderr.trimEnd().split('\n')).toEqual([
        `Port ${port} (PORT) is already in use by another process: stop it, or set PORT to a free port`,
      ]);
      expect(run.stdout).toBe('');
      expect(run.exitCode).toBe(1);
      expect(existsSync(dataDir)).toBe(false);
    } finally {
      server.close();
    }
  }, 60_000);

  // TEST-NET-1 (RFC 5737): an address no interface of this machine has.
  it('refuses a HOST that is not an address of this machine with one line naming it, before opening anything', async () => {
    const dataDir = freshDataDir();
    const run = await serve({ DATA_DIR: dataDir, PORT: '0', HOST: '192.0.2.1' });
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      'HOST 192.0.2.1 is not an address of this machine: set HOST to one of its addresses (127.0.0.1 for this ' +
        'machine only, 0.0.0.0 for every interface)',
    ]);
    expect(run.exitCode).toBe(1);
    expect(existsSync(dataDir)).toBe(false);
  }, 60_000);

  /** Taken between the look and the listen: the start stops what it started and closes the stores cleanly. */
  it('closes the stores cleanly when the port is taken only by the time the API listens', async () => {
    const { port, server } = await holdPort();
    const dataDir = freshDataDir();
    try {
      const run = await serve({
        DATA_DIR: dataDir,
        PORT: String(port),
        LOG_LEVEL: 'error',
        NODE_OPTIONS: `--require ${path.join(__dirname, 'support', 'first-listen-anywhere.js')}`,
      });
      expect(run.stderr.trimEnd().split('\n').at(-1)).toBe(
        `Port ${port} (PORT) is already in use by another process: stop it, or set PORT to a free port`,
      );
      expect(run.exitCode).toBe(1);
      // Recorded as closed cleanly: the next start trusts them without reading them in full.
      for (const file of ['events.sqlite', 'readmodels.sqlite']) {
        expect(existsSync(path.join(dataDir, file))).toBe(true);
        expect(existsSync(path.join(dataDir, `${file}.clean-close`))).toBe(true);
        expect(existsSync(path.join(dataDir, `${file}-wal`))).toBe(false);
      }
    } finally {
      server.close();
    }
  }, 60_000);

  /**
   * `printf abc > $DATA_DIR/auth-jwt-secret` started the server, which then verified (and the CLI
   * minted) tokens signed with a 3-character key; an empty file failed later naming no file.
   */
  it.each([
    ['abc', 3],
    ['', 0],
  ])(
    'refuses a token secret file holding %j, naming the file, before opening a store',
    async (content, length) => {
      const dataDir = freshDataDir();
      mkdirSync(dataDir);
      const secretFile = path.join(dataDir, 'auth-jwt-secret');
      writeFileSync(secretFile, content, { mode: 0o600 });
      const run = await serve({ DATA_DIR: dataDir, PORT: '0', AUTH_JWT_SECRET: '' });
      const lines = run.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(
        `Invalid configuration: the token secret file ${secretFile} must hold at least 32 characters (HS256 wants a 256-bit key), holds ${length}`,
      );
      expect(run.exitCode).toBe(1);
      expect(existsSync(path.join(dataDir, 'events.sqlite'))).toBe(false);
    },
    60_000,
  );

  /**
   * Upgrading without the rebuild the release notes ask for: the API started, each projection's
   * runner refused the older read models, and the API took writes it could never show (a new case
   * answered 201, then 503 on every read of it) until an operator read /health. Now the start is
   * refused, naming every outdated projection and the one command that rebuilds them.
   */
  it('refuses read models an older release built, naming them and the rebuild command, before listening', async () => {
    const dataDir = freshDataDir();
    mkdirSync(dataDir);
    const events = openSqliteEventStore(path.join(dataDir, 'events.sqlite'));
    const metadata = { actor: 'admin@vendor.example', correlationId: 'c-1', schemaVersion: 1 };
    await events.append('case-1', [{ type: 'Noted', data: {}, metadata }], 'no-stream');
    await events.close();
    const readModels = openSqliteReadModelStore(path.join(dataDir, 'readmodels.sqlite'));
    for (const projection of ['cases', 'reporting']) {
      await readModels.applyBatch(projection, [{ position: 1 }], () => undefined);
      await readModels.setProjectionVersion(projection, 5);
    }
    await readModels.close();

    const { port, server } = await holdPort();
    server.close();
    const run = await serve({ DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'error' });
    expect(run.stderr).toContain(
      `The read models of cases (version 5; this release has ${versionOf('cases')}), ` +
        `reporting (version 5; this release has ${versionOf('reporting')}) ` +
        'were built by another release, so nothing was started: run `casetrail rebuild cases reporting` ' +
        '(the API and projector stopped), then start again',
    );
    expect(run.exitCode).toBe(1);
    expect(existsSync(path.join(dataDir, 'readmodels.sqlite.clean-close'))).toBe(true);
  }, 60_000);
});
