import { ChildProcess, spawn, SpawnOptions } from 'node:child_process';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..');

/**
 * Start a TypeScript entry point in a child Node process, compiled on the fly by SWC with the
 * repository's path aliases, so fault tests can kill a real process running the real code.
 */
export function spawnTs(entry: string, args: string[] = [], options: SpawnOptions = {}): ChildProcess {
  return spawn(
    process.execPath,
    ['-r', 'reflect-metadata', '-r', '@swc-node/register', path.resolve(repoRoot, entry), ...args],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...options,
      env: { ...process.env, SWC_NODE_PROJECT: path.join(repoRoot, 'tsconfig.json'), ...options.env },
    },
  );
}
