import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { openSqliteEventStore } from '@casetrail/eventstore';
import { openSqliteReadModelStore } from '@casetrail/readmodels';
import { ALL_PROJECTIONS } from '@casetrail/readmodels/all-projections';
import { NOTIFICATIONS_OUTBOX_PROJECTION } from '@casetrail/readmodels/notifications';
import { tempDir } from './support/fault/temp-dir';
import { spawnTs } from './support/spawn-ts';
import { TEST_SECRET } from './support/test-app';

const repoRoot = path.resolve(__dirname, '..');

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/**
 * Runs `casetrail notify` on `dataDir` at `logLevel` until its outbox writer has applied the whole
 * log (a batch, which it logs at debug), then stops it; returns everything it printed.
 */
async function notifyOutput(dataDir: string, logLevel: string): Promise<string> {
  const child = spawnTs('apps/cli/src/main.ts', ['notify'], {
    env: { NO_COLOR: '1', DATA_DIR: dataDir, AUTH_JWT_SECRET: TEST_SECRET, LOG_LEVEL: logLevel },
  });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = once(child, 'exit');
  const file = path.join(dataDir, 'readmodels.sqlite');
  try {
    const deadline = Date.now() + 45_000;
    // Opened only once the child has made it, so the child finds the read models new, as in use.
    while (!existsSync(file) && Date.now() < deadline) await pause(100);
    const readModels = openSqliteReadModelStore(file);
    // The log's end as the child left it: the seeded event, and the policy version it records at start.
    const eventStore = openSqliteEventStore(path.join(dataDir, 'events.sqlite'));
    const caughtUp = async () =>
      (await readModels.getCheckpoint(NOTIFICATIONS_OUTBOX_PROJECTION)) === (await eventStore.headPosition());
    try {
      while (!(await caughtUp()) && Date.now() < deadline) await pause(100);
      expect(await caughtUp()).toBe(true);
    } finally {
      await readModels.close();
      await eventStore.close();
    }
    // The line of the batch is written just after its commit.
    await pause(200);
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
  expect(child.exitCode).toBe(0);
  return output;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** LOG_LEVEL reaches every logger of `casetrail serve`: the API's and those of its projector thread. */
describe('LOG_LEVEL', () => {
  const dir = tempDir('log-level');
  afterAll(() => dir.remove());

  it('at warn, hides the info lines of the API and of the projector thread', async () => {
    const port = await freePort();
    const child = spawn(
      process.execPath,
      ['-r', 'reflect-metadata', '-r', '@swc-node/register', 'apps/cli/src/main.ts', 'serve'],
      {
        cwd: repoRoot,
        env: {
          ...process.env,
          SWC_NODE_PROJECT: path.join(repoRoot, 'tsconfig.json'),
          NO_COLOR: '1',
          PORT: String(port),
          DATA_DIR: dir.path,
          AUTH_JWT_SECRET: TEST_SECRET,
          LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const exited = once(child, 'exit');
    try {
      // Up once /health reports every projection running on the thread.
      const deadline = Date.now() + 45_000;
      let projections: { state: string }[] = [];
      while (
        Date.now() < deadline &&
        !(projections.length > 0 && projections.every((p) => p.state === 'active'))
      ) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        projections = await fetch(`http://127.0.0.1:${port}/health`)
          .then((response) => response.json() as Promise<{ projections: { state: string }[] }>)
          .then((health) => health.projections)
          .catch(() => []);
      }
      expect(projections.map((projection) => projection.state)).toEqual(
        Array(ALL_PROJECTIONS.length).fill('active'),
      );
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
    expect(child.exitCode).toBe(0);
    // Info lines it would print otherwise: from Nest, the API, the thread's projector and SLA timers.
    expect(output).not.toMatch(
      /Nest application successfully started|API listening|Projector \S+ started|projection active|SLA timers scheduler/,
    );
  });
});

/** `casetrail notify` is as long-running as `serve`, and honours LOG_LEVEL as it does. */
describe('LOG_LEVEL of casetrail notify', () => {
  const dirs: { remove(): void }[] = [];
  afterAll(() => dirs.forEach((dir) => dir.remove()));

  /** A DATA_DIR whose log holds one event, which the outbox writer applies as a batch. */
  async function dataDirWithOneEvent(): Promise<string> {
    const dir = tempDir('log-level-notify');
    dirs.push(dir);
    const eventStore = openSqliteEventStore(path.join(dir.path, 'events.sqlite'));
    await eventStore.append(
      'account-acc-1',
      [
        {
          type: 'AccountRegistered',
          data: { accountId: 'acc-1', name: 'Acme', timeZone: null, at: '2026-03-02T09:00:00.000Z' },
          metadata: { actor: 'admin@vendor.example', correlationId: 'setup', schemaVersion: 1 },
        },
      ],
      'no-stream',
    );
    await eventStore.close();
    return dir.path;
  }

  it('at debug, shows the start and each batch applied', async () => {
    const output = await notifyOutput(await dataDirWithOneEvent(), 'debug');
    expect(output).toContain('Notification pipeline started');
    expect(output).toMatch(/DEBUG \[Notifications\] batch applied/);
  });

  it('at error, hides the info and debug lines', async () => {
    const output = await notifyOutput(await dataDirWithOneEvent(), 'error');
    expect(output).not.toMatch(/ LOG | DEBUG |Notification pipeline started|batch applied/);
  });
});
