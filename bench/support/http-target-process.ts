import { ChildProcess, spawn } from 'node:child_process';
import { extname, join, resolve } from 'node:path';
import { READY_MARKER, type HttpTargetReady } from './http-target-protocol';

export interface HttpTarget extends HttpTargetReady {
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts one side of the HTTP bench in a child process with the same Node flags as this process
 * (so it runs compiled from dist/ under `npm run bench`, or through @swc-node/register from source).
 * `otherBuild` (the output folder of another compiled build, say of the previous commit) runs that
 * build's target instead, for an A/B of two versions in the same rounds.
 */
export async function startHttpTarget(
  side:
    | 'casetrail'
    | 'casetrail-split'
    | 'bare'
    | 'floor'
    | 'floor-case-row'
    | 'floor-queue-row'
    | 'floor-append-only',
  nodeFlags: string[] = [],
  otherBuild?: string,
): Promise<HttpTarget> {
  const entry = otherBuild
    ? join(resolve(otherBuild), 'bench', 'support', 'http-target.js')
    : join(__dirname, `http-target${extname(__filename)}`);
  const child = spawn(process.execPath, [...process.execArgv, ...nodeFlags, entry, side], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
  const ready = await new Promise<HttpTargetReady>((resolve, reject) => {
    let output = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const line = output.split('\n').find((candidate) => candidate.startsWith(`${READY_MARKER} `));
      if (line) resolve(JSON.parse(line.slice(READY_MARKER.length + 1)) as HttpTargetReady);
    });
    child.once('exit', (code) => reject(new Error(`HTTP bench target ${side} exited (${code}): ${errors}`)));
  });
  return { ...ready, pid: child.pid!, stop: () => stopChild(child) };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
