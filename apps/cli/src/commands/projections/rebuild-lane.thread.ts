import { parentPort, workerData } from 'node:worker_threads';
import { ProjectionRunner, type SetAsideEvent } from '@casetrail/readmodels';
import { openStorage } from '../../../../api/src/storage/open-storage';
import type { RebuildLaneData, RebuildLaneReport } from './rebuild-lane.protocol';
import { boundHeapGrowthForRebuild } from './rebuild-heap';
import { selectProjections } from './select-projections';

/**
 * A rebuild's second lane (see `rebuildLaneOnThread`): the projections named, rebuilt from zero on
 * stores of the thread's own, under the leases the command's runner took for them.
 */
async function main(): Promise<void> {
  const port = parentPort!;
  const { config, names, runnerId, batchSize } = workerData as RebuildLaneData;
  const report = (message: RebuildLaneReport) => port.postMessage(message);
  boundHeapGrowthForRebuild();
  // The command's thread opened (and checked) the same files moments ago.
  const storage = await openStorage(config, { openedByThisProcess: true });
  let setAside: SetAsideEvent[];
  try {
    const runner = new ProjectionRunner({
      eventStore: storage.eventStore,
      readModels: storage.readModels,
      projections: selectProjections(names),
      batchSize,
      runnerId,
    });
    try {
      await runner.rebuild(undefined, {
        batchSize,
        onProgress: (checkpoint, head) => report({ type: 'progress', checkpoint, head }),
      });
    } finally {
      await runner.stop();
    }
    setAside = runner.setAsideEvents();
  } finally {
    await storage.close();
  }
  report({ type: 'done', setAside });
}

main().catch((error: unknown) => {
  // Raised outside the promise, so the command's Worker sees it as the thread's error.
  process.nextTick(() => {
    throw error;
  });
});
