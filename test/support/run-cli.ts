import { spawnTs } from './spawn-ts';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `casetrail <args>` in a child process on the given data directory, as an operator would. */
export function cli(dataDir: string, ...args: string[]): Promise<CliRun> {
  const child = spawnTs('apps/cli/src/main.ts', args, { env: { DATA_DIR: dataDir, LOG_LEVEL: 'error' } });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}
