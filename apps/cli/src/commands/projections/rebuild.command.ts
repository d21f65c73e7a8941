import { Command, InvalidArgumentError } from 'commander';
import { ProjectionRunner } from '@casetrail/readmodels';
import { progressBar } from '../shared/progress-bar';
import { withRuntime } from '../shared/runtime-session';
import { selectProjections } from './select-projections';

/**
 * Events applied per transaction while rebuilding. Ten times the runner's live default (500): a
 * rebuild is bound by the store's commits (WAL write and fsync per batch) and by rewriting each
 * document once per batch it appears in, so larger batches make it about twice as fast; memory
 * grows with the batch's distinct documents only.
 */
export const REBUILD_BATCH_SIZE = 5_000;

/**
 * `rebuild [projection]`: empties a projection's read models and checkpoint and replays the whole
 * log into them, one projection after another, with a progress bar. Needs the projection's lease,
 * so stop the projector (or the embedded API) first; it says so otherwise.
 */
export function registerRebuildCommand(program: Command): void {
  program
    .command('rebuild [projection]')
    .description('Rebuild read models from zero: one projection, or all of them')
    .option('--batch-size <n>', 'events applied per transaction', positiveInteger, REBUILD_BATCH_SIZE)
    .action(async (name: string | undefined, options: { batchSize: number }) => {
      const projections = selectProjections(name);
      await withRuntime(async ({ storage }) => {
        const runner = new ProjectionRunner({
          eventStore: storage.eventStore,
          readModels: storage.readModels,
          projections,
          batchSize: options.batchSize,
        });
        try {
          for (const projection of projections) {
            const started = Date.now();
            const progress = progressBar(projection.name, await storage.eventStore.headPosition());
            try {
              await runner.rebuild(projection.name, {
                onProgress: (checkpoint, head) => progress.update(checkpoint, head),
              });
            } catch (error) {
              const message = (error as Error).message;
              // The lease is held: a projector (or the API in embedded mode) runs this projection.
              if (!/another runner holds/.test(message)) throw error;
              throw new Error(`${message}: stop the projector or the API first`, { cause: error });
            } finally {
              progress.stop();
            }
            const checkpoint = (await runner.status()).find(
              (status) => status.name === projection.name,
            )?.checkpoint;
            process.stdout.write(
              `Rebuilt ${projection.name} up to position ${checkpoint} in ${Date.now() - started} ms\n`,
            );
          }
        } finally {
          await runner.stop();
        }
      });
    });
}

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < 1)
    throw new InvalidArgumentError('must be a positive integer');
  return parsed;
}
