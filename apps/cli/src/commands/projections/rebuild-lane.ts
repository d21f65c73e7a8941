import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { OnSetAside, Projection, RebuildLane } from '@casetrail/readmodels';
import { casesProjection } from '@casetrail/readmodels/cases/cases.projection';
import type { AppConfig } from '../../../../api/src/config/app-config';
import type { RebuildLaneData, RebuildLaneReport } from './rebuild-lane.protocol';

/** The thread's entry point, compiled next to this file (dist/) or run from source by the same loader. */
const REBUILD_LANE_ENTRY = join(__dirname, `rebuild-lane.thread${extname(__filename)}`);

/**
 * How a two-thread rebuild (`--threads 2`) shares its projections: the cases projection (the
 * heaviest) on the command's thread, the others (the reporting projection, nearly as heavy, and the
 * small accounts and licences) in a lane on a second thread. Undefined when there is nothing to share.
 */
export function projectionsForSecondThread(projections: readonly Projection[]): string[] | undefined {
  if (!projections.includes(casesProjection)) return undefined;
  const others = projections.filter((projection) => projection !== casesProjection);
  return others.length > 0 ? others.map((projection) => projection.name) : undefined;
}

/**
 * A lane that rebuilds `names` on a worker thread of this process, with stores of its own opened
 * from `config` (the same files, or the same servers). The thread's V8 heap is its own, so each
 * thread's garbage is collected apart and the command's held documents are shared between them.
 */
export function rebuildLaneOnThread(
  config: AppConfig,
  names: string[],
  batchSize: number,
  /** Told of each stored event the thread's projections could not read and went on without. */
  onSetAside: OnSetAside = () => undefined,
): RebuildLane {
  return {
    names,
    rebuild: ({ runnerId, onProgress }) =>
      new Promise((resolve, reject) => {
        const data: RebuildLaneData = { config, names, runnerId, batchSize };
        const worker = new Worker(REBUILD_LANE_ENTRY, { workerData: data });
        let done = false;
        worker.on('message', (report: RebuildLaneReport) => {
          if (report.type === 'progress') onProgress(report.checkpoint, report.head);
          else {
            report.setAside.forEach(onSetAside);
            done = true;
          }
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
