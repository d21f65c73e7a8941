import 'reflect-metadata';
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { markLeaseOwnersEnded } from '@casetrail/readmodels';
import { applyLogging } from '../../api/src/config/log-levels';
import { openRuntime } from '../../api/src/runtime/open-runtime';
import { DamagedStreams } from '../../api/src/storage/damaged-streams';
import type {
  ProjectorThreadData,
  ProjectorThreadReport,
  ProjectorThreadRequest,
} from './projector-thread.protocol';
import { runProjector } from './run-projector';

/**
 * The projector on a worker thread of the API process (the embedded default): the same projector
 * as `casetrail project`, on stores of its own opened from the API's configuration. Started and
 * stopped by the API's ProjectorThread.
 */
async function main(): Promise<void> {
  const port = parentPort!;
  const { config, endedLeaseOwners = [] } = workerData as ProjectorThreadData;
  // A predecessor that died left its leases behind in a process that still runs.
  markLeaseOwnersEnded(endedLeaseOwners);
  const runtime = await openRuntime(config);
  // A thread has loggers of its own: LOG_LEVEL must be applied here too.
  const runner = await runProjector(runtime, {
    logger: applyLogging(config.logLevel, config.logFormat),
    // Handed to the API by message instead (below).
    shareDamagedStreams: false,
  }).catch(async (error: unknown) => {
    await runtime.storage.close();
    throw error;
  });
  const report = (message: ProjectorThreadReport) => port.postMessage(message);
  port.on('message', (request: ProjectorThreadRequest) => {
    if (request.type === 'status') {
      // A request that meets the stores closing goes unanswered; the API stops waiting for it.
      runner.status().then(
        (projections) => report({ type: 'status', id: request.id, projections }),
        () => undefined,
      );
      return;
    }
    if (request.type === 'heap') {
      const heap = getHeapStatistics();
      report({
        type: 'heap',
        id: request.id,
        heap: { usedBytes: heap.used_heap_size, totalBytes: heap.total_heap_size },
      });
      return;
    }
    void runner
      .stop()
      .then(() => runtime.storage.close())
      // Nothing of the thread is left to wait for: let it end.
      .then(() => port.close());
  });
  report({ type: 'started', runnerId: runner.runnerId, leaseOwners: runner.leaseOwners });
  // The streams the SLA timers run into damaged: the API's /health reports them (it serves no
  // request of this thread's, so it would not know), those found before this line included.
  runner.processManagers
    ?.get(DamagedStreams, { strict: false })
    .observe((found) => report({ type: 'damaged-stream', found }));
}

main().catch((error: unknown) => {
  // Raised outside the promise, so the API's Worker sees it as the thread's error.
  process.nextTick(() => {
    throw error;
  });
});
