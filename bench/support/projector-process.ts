import { ChildProcess, spawn } from 'node:child_process';
import { extname, join } from 'node:path';

export interface ProjectorProcess {
  pid: number;
  stop(): Promise<void>;
}

/** What the projector logs once its projections are running (apps/projector/src/run-projector.ts). */
const STARTED = /Projector \S+ started/;

/**
 * The production deployment's projector (apps/projector, `casetrail project`) as a child process on
 * DATA_DIR, run with the same Node flags as this process (compiled from dist/, or from source
 * through @swc-node/register). Resolves once it reports its projections running.
 */
export async function startProjectorProcess(env: Record<string, string>): Promise<ProjectorProcess> {
  const entry = join(__dirname, '..', '..', 'apps', 'projector', 'src', `main${extname(__filename)}`);
  const child = spawn(process.execPath, [...process.execArgv, entry], {
    // At info, whatever the bench's own level: its "started" line is how we know it runs.
    env: { ...process.env, ...env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const onData = (chunk: string) => {
      output += chunk;
      if (!STARTED.test(output)) return;
      child.stdout!.off('data', onData);
      // Keep draining its output, so a chatty projector never blocks on a full pipe.
      child.stdout!.resume();
      resolve();
    };
    child.stdout!.setEncoding('utf8').on('data', onData);
    child.once('exit', (code) => reject(new Error(`Projector exited (${code}): ${errors}${output}`)));
  });
  return { pid: child.pid!, stop: () => stopChild(child) };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
