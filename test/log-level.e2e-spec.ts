import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { ALL_PROJECTIONS } from '@casetrail/readmodels/all-projections';
import { tempDir } from './support/fault/temp-dir';
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
