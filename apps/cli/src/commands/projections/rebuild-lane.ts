import { availableParallelism } from 'node:os';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Projection, RebuildLane } from '@casetrail/readmodels';
import { casesProjection } from '@casetrail/readmodels/cases/cases.projection';
import type { AppConfig } from '../../../../api/src/config/app-config';
import type { StorageOptions } from '../../../../api/src/storage/open-storage';
import type { RebuildLaneData, RebuildLaneReport } from './rebuild-lane.protocol';

/**
 * What a two-thread rebuild holds back, so that both threads together stay within the memory of the
 * one-thread rebuild (under 500 MB for a million events). Each thread's V8 heap grows apart, and
 * each has a read-model connection of its own: on the bench's million events, with the one-thread
 * settings (64 MiB of page cache each, heaps growing to twice what survived), the process peaked at
 * 555-614 MiB. A quarter of the page cache each (the tables a thread writes are its own, so the two
 * caches never hold the same pages) and heaps growing to 1.7 times kept it at 436-477 MiB.
 */
export const TWO_THREAD_LIMITS = {
  storage: { readModelPageCacheMiB: 16 } satisfies StorageOptions,
  heapGrowingPercent: 70,
};

/** The thread's entry point, compiled next to this file (dist/) or run from source by the same loader. */
const REBUILD_LANE_ENTRY = join(__dirname, `rebuild-lane.thread${extname(__filename)}`);

/**
 * How a rebuild shares its projections between two cores: the cases projection (about half of all
 * the projections' work) on the command's thread, the others (the reporting projection, about as
 * much again, and the small accounts and licences) in a lane on a second thread. Undefined when
 * there is one core, or nothing to share.
 */
export function projectionsForSecondCore(projections: readonly Projection[]): string[] | undefined {
  if (availableParallelism() < 2) return undefined;
  if (!projections.includes(casesProjection)) return undefined;
  const others = projections.filter((projection) => projection !== casesProjection);
  return others.length > 0 ? others.map((projection) => projection.name) : undefined;
}

/**
 * A lane that rebuilds `names` on a worker thread of this process, with stores of its own opened
 * from `config` (the same files, or the same servers). The thread's V8 heap is its own, so each
 * thread's garbage is collected apart and the command's held documents are shared between them.
 */
export function rebuildLaneOnThread(config: AppConfig, names: string[], batchSize: number): RebuildLane {
  return {
    names,
    rebuild: ({ runnerId, onProgress }) =>
      new Promise((resolve, reject) => {
        const data: RebuildLaneData = { config, names, runnerId, batchSize };
        const worker = new Worker(REBUILD_LANE_ENTRY, { workerData: data });
        let done = false;
        worker.on('message', (report: RebuildLaneReport) => {
          if (report.type === 'progress') onProgress(report.checkpoint, report.head);
          else done = true;
        });
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (done) resolve();
          // After an 'error' this rejects nothing more: the first settlement wins.
          else reject(new Error(`the thread rebuilding ${names.join(', ')} stopped (exit code ${code})`));
        });
      }),
  };
}
