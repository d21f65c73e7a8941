import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { tempDir } from './support/fault/temp-dir';

const repoRoot = path.resolve(__dirname, '..');

/**
 * `npm run bench -- queue` seeds the cases' read-model rows without their streams. The API it
 * measures ran the SLA process manager on them, whose Mission Critical review took every seeded
 * Mission Critical case for one whose stream lost its events and logged an ERROR each minute (four
 * in a full run): a clean bench run looked like a damaged desk. The seed now holds the scheduler's
 * lease, so the reviewers stand by; the queues measured are the same.
 */
describe('the queue bench', () => {
  const cwd = tempDir('bench-queue');
  afterAll(() => cwd.remove());

  it('logs no ERROR on a clean run (300 cases, 5 requests per queue)', async () => {
    // Run where its bench-results/latest.json may be written, not over the repository's.
    const child = spawn(
      process.execPath,
      [
        ...['-r', require.resolve('reflect-metadata'), '-r', require.resolve('@swc-node/register')],
        path.join(repoRoot, 'bench', 'run.ts'),
        'queue',
      ],
      {
        cwd: cwd.path,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          SWC_NODE_PROJECT: path.join(repoRoot, 'tsconfig.json'),
          BENCH_QUEUE_CASES: '300',
          BENCH_QUEUE_REQUESTS: '5',
          NO_COLOR: '1',
        },
      },
    );
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(output).toContain('queue query p99, all queues, 300 open cases');
    expect(code).toBe(0);
    expect(output.split('\n').filter((line) => /\bERROR\b/.test(line))).toEqual([]);
  }, 180_000);
});
