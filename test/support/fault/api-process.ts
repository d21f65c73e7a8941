import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { TEST_SECRET } from '../test-app';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const CLI_ENTRY = path.join(repoRoot, 'apps', 'cli', 'src', 'main.ts');
const LISTENING = /API listening on https?:\/\/[^\s:]+:(\d+)/;

export interface ApiProcessOptions {
  dataDir: string;
  env?: Record<string, string>;
  /** Run the child under `ulimit -f <blocks>` (512-byte blocks): the full-disk fallback without tmpfs. */
  fileSizeLimitBlocks?: number;
  /** How long to wait for "API listening" (default 45 s: two busy cores compile the app on the fly). */
  startTimeoutMs?: number;
}

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** The real API (`casetrail serve`) in a child process, reachable on loopback. */
export interface ApiProcess {
  readonly baseUrl: string;
  readonly pid: number;
  /** Everything the child printed so far (stdout and stderr; NO_COLOR keeps it plain). */
  output(): string;
  /** SIGKILL: no shutdown hooks, no checkpoint, no flush. Resolves once the process is gone. */
  kill(): Promise<ExitStatus>;
  /** SIGTERM: the graceful shutdown an operator's service manager does. */
  stop(): Promise<ExitStatus>;
  readonly exited: Promise<ExitStatus>;
}

/** A start that did not reach "API listening": how the process ended and what it said. */
export class ApiStartFailure extends Error {
  constructor(
    readonly status: ExitStatus | 'timeout',
    readonly log: string,
  ) {
    super(
      `API did not start (${status === 'timeout' ? 'timeout' : `exit ${status.code ?? status.signal}`}):\n${log}`,
    );
  }
}

/**
 * Starts `casetrail serve` on PORT 0 (the OS picks a free port, read back from the "API listening"
 * line), with DATA_DIR and a fixed AUTH_JWT_SECRET, compiled on the fly by SWC like spawnTs.
 */
export async function startApiProcess(options: ApiProcessOptions): Promise<ApiProcess> {
  const child = spawnServe(options);
  let log = '';
  const exited = new Promise<ExitStatus>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  const collect = (chunk: string) => (log += chunk);
  child.stdout!.setEncoding('utf8').on('data', collect);
  child.stderr!.setEncoding('utf8').on('data', collect);

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new ApiStartFailure('timeout', log));
    }, options.startTimeoutMs ?? 45_000);
    const onData = () => {
      const match = LISTENING.exec(log);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      resolve(Number(match[1]));
    };
    child.stdout!.on('data', onData);
    void exited.then((status) => {
      clearTimeout(timer);
      reject(new ApiStartFailure(status, log));
    });
  });

  const signalAndWait = (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    output: () => log,
    kill: () => signalAndWait('SIGKILL'),
    stop: () => signalAndWait('SIGTERM'),
    exited,
  };
}

/** Starts `casetrail serve` expecting it to fail; resolves with its exit status and output. */
export async function expectApiStartFailure(options: ApiProcessOptions): Promise<ApiStartFailure> {
  try {
    const api = await startApiProcess(options);
    await api.kill();
  } catch (error) {
    if (error instanceof ApiStartFailure && error.status !== 'timeout') return error;
    throw error;
  }
  throw new Error('The API started although it was expected to refuse');
}

function spawnServe(options: ApiProcessOptions): ChildProcess {
  const nodeArgs = ['-r', 'reflect-metadata', '-r', '@swc-node/register', CLI_ENTRY, 'serve'];
  const env = {
    ...process.env,
    SWC_NODE_PROJECT: path.join(repoRoot, 'tsconfig.json'),
    NO_COLOR: '1',
    PORT: '0',
    DATA_DIR: options.dataDir,
    AUTH_JWT_SECRET: TEST_SECRET,
    LOG_LEVEL: 'info',
    ...options.env,
  };
  if (options.fileSizeLimitBlocks === undefined) {
    return spawn(process.execPath, nodeArgs, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  }
  // The limit must apply to the server only; Node ignores SIGXFSZ, so an oversized write fails
  // with EFBIG instead of killing the process, as on a full disk.
  return spawn(
    '/bin/sh',
    ['-c', `ulimit -f ${options.fileSizeLimitBlocks} && exec "$0" "$@"`, process.execPath, ...nodeArgs],
    {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
}
