import type { LoggerService } from '@nestjs/common';
import type { ProjectionStatus } from '@casetrail/readmodels';
import { once } from 'node:events';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DamagedStreams } from '../storage/damaged-streams';
import type {
  ProjectorThreadData,
  ProjectorThreadReport,
  ProjectorThreadRequest,
  ThreadHeap,
} from '../../../projector/src/projector-thread.protocol';

/** The thread's entry point, compiled next to this file (dist/) or run from source by the same loader. */
const PROJECTOR_THREAD_ENTRY = join(
  __dirname,
  '..',
  '..',
  '..',
  'projector',
  'src',
  `projector-thread.main${extname(__filename)}`,
);

export interface ProjectorThreadOptions {
  /** The thread's entry point (tests start a stand-in). */
  entry?: string;
  /** How long stop() waits for the projections to stop before terminating the thread (default 30 s). */
  stopTimeoutMs?: number;
  /** First wait before starting a thread that died again (default 1 s), doubling up to 30 s. */
  restartDelayMs?: number;
  /** Where the streams the thread finds damaged go: this process's, which /health reports. */
  damagedStreams?: Pick<DamagedStreams, 'adopt'>;
}

const MAX_RESTART_DELAY_MS = 30_000;
/** A thread that ran this long before dying is restarted after the first delay again, not a longer one. */
const STABLE_AFTER_MS = 60_000;

/**
 * The embedded projector on a worker thread of the API process: projections and SLA timers get a
 * core of their own instead of sharing the HTTP event loop. The API then treats it as it treats a
 * separate projector (reads wait on the checkpoints it stores). A thread that dies is started again
 * after a growing delay, and told the owners of the leases the dead one held: the process holding
 * them still runs, so nothing else could tell that they are free to take at once.
 */
export class ProjectorThread {
  private worker?: Worker;
  private stopping = false;
  private restartTimer?: NodeJS.Timeout;
  private restartDelayMs: number;
  private startedAt = 0;
  private requests = 0;
  /** Lease owners of the current thread; those of threads that died are handed to the next one. */
  private leaseOwners: string[] = [];
  private readonly endedLeaseOwners: string[] = [];
  /** The runner id of the projections on the current thread (their lease owner). */
  runnerId?: string;

  constructor(
    private readonly data: ProjectorThreadData,
    private readonly logger: LoggerService,
    private readonly options: ProjectorThreadOptions = {},
  ) {
    this.restartDelayMs = this.firstRestartDelayMs;
  }

  private get firstRestartDelayMs(): number {
    return this.options.restartDelayMs ?? 1_000;
  }

  /** Resolves once the projections run on the thread; rejects, leaving no thread, when they cannot start. */
  async start(): Promise<void> {
    this.worker = await this.launch();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    const exited = once(worker, 'exit');
    worker.postMessage({ type: 'stop' } satisfies ProjectorThreadRequest);
    const timeoutMs = this.options.stopTimeoutMs ?? 30_000;
    let timer!: NodeJS.Timeout;
    const timedOut = new Promise<'timeout'>(
      (resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)),
    );
    const outcome = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      this.logger.warn(`Projector thread did not stop within ${timeoutMs} ms; terminating it`);
      await worker.terminate();
    }
  }

  /**
   * The projections' states as the runner on the thread sees them (this process's runner knows only
   * their checkpoints). Undefined while no thread runs, or when it does not answer in time.
   */
  async status(timeoutMs = 2_000): Promise<ProjectionStatus[] | undefined> {
    return this.ask('status', timeoutMs, (report) => report.type === 'status' && report.projections);
  }

  /** The thread's V8 heap (for /metrics); undefined while no thread runs, or when it does not answer in time. */
  async heap(timeoutMs = 1_000): Promise<ThreadHeap | undefined> {
    return this.ask('heap', timeoutMs, (report) => report.type === 'heap' && report.heap);
  }

  /** Sends a request and waits for the thread's answer to it (matched by id), at most timeoutMs. */
  private ask<T>(
    type: 'status' | 'heap',
    timeoutMs: number,
    answer: (report: ProjectorThreadReport) => T | false,
  ): Promise<T | undefined> {
    const worker = this.worker;
    if (!worker) return Promise.resolve(undefined);
    const id = ++this.requests;
    return new Promise((resolve) => {
      const finish = (value?: T) => {
        clearTimeout(timer);
        worker.off('message', onReport);
        resolve(value);
      };
      const onReport = (report: ProjectorThreadReport) => {
        if (report.type === type && 'id' in report && report.id === id) finish(answer(report) || undefined);
      };
      const timer = setTimeout(() => finish(undefined), timeoutMs);
      worker.on('message', onReport);
      worker.postMessage({ type, id } satisfies ProjectorThreadRequest);
    });
  }

  private launch(): Promise<Worker> {
    return new Promise((resolve, reject) => {
      const data: ProjectorThreadData = { ...this.data, endedLeaseOwners: [...this.endedLeaseOwners] };
      const worker = new Worker(this.options.entry ?? PROJECTOR_THREAD_ENTRY, { workerData: data });
      let started = false;
      worker.on('message', (report: ProjectorThreadReport) => {
        // Kept across the thread's restarts: a stream found damaged stays so until this process restarts.
        if (report.type === 'damaged-stream') this.options.damagedStreams?.adopt(report.found);
        if (report.type !== 'started' || started) return;
        started = true;
        this.runnerId = report.runnerId;
        this.leaseOwners = report.leaseOwners;
        this.startedAt = Date.now();
        resolve(worker);
      });
      worker.on('error', (error) => {
        if (started) this.logger.error(`Projector thread failed: ${error.stack ?? error.message}`);
        else reject(error);
      });
      worker.on('exit', (code) => {
        if (!started) reject(new Error(`Projector thread exited with code ${code} before it started`));
        else if (!this.stopping && worker === this.worker) {
          if (Date.now() - this.startedAt > STABLE_AFTER_MS) this.restartDelayMs = this.firstRestartDelayMs;
          this.restartLater(code);
        }
      });
    });
  }

  private restartLater(exitCode: number): void {
    this.worker = undefined;
    // The next thread takes the dead one's leases at once instead of waiting for them to expire.
    this.endedLeaseOwners.push(...this.leaseOwners);
    this.leaseOwners = [];
    const delayMs = this.restartDelayMs;
    this.restartDelayMs = Math.min(delayMs * 2, MAX_RESTART_DELAY_MS);
    this.logger.error(`Projector thread exited (code ${exitCode}); starting it again in ${delayMs} ms`);
    this.restartTimer = setTimeout(() => {
      this.launch().then(
        (worker) => {
          if (this.stopping) void worker.terminate();
          else this.worker = worker;
        },
        (error: unknown) => {
          this.logger.error(`Projector thread did not start again: ${(error as Error).message ?? error}`);
          if (!this.stopping) this.restartLater(1);
        },
      );
    }, delayMs);
  }
}
