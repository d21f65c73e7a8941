import { Command } from 'commander';
import { ProjectionRunner } from '@casetrail/readmodels';
import { progressBar } from '../shared/progress-bar';
import { withRuntime } from '../shared/runtime-session';
import { selectProjections } from './select-projections';

/**
 * `rebuild [projection]`: empties a projection's read models and checkpoint and replays the whole
 * log into them, one projection after another, with a progress bar. Needs the projection's lease,
 * so stop the projector (or the embedded API) first; it says so otherwise.
 */
export function registerRebuildCommand(program: Command): void {
  program
    .command('rebuild [projection]')
    .description('Rebuild read models from zero: one projection, or all of them')
    .action(async (name: string | undefined) => {
      const projections = selectProjections(name);
      await withRuntime(async ({ storage }) => {
        const runner = new ProjectionRunner({ eventStore: storage.eventStore, readModels: storage.readModels, projections });
        try {
          for (const projection of projections) {
            const started = Date.now();
            const progress = progressBar(projection.name, await storage.eventStore.headPosition());
            try {
              await runner.rebuild(projection.name, { onProgress: (checkpoint, head) => progress.update(checkpoint, head) });
            } catch (error) {
              throw new Error(`${(error as Error).message} (is a projector or the API running? stop it first)`);
            } finally {
              progress.stop();
            }
            const checkpoint = (await runner.status()).find((status) => status.name === projection.name)?.checkpoint;
            process.stdout.write(`Rebuilt ${projection.name} up to position ${checkpoint} in ${Date.now() - started} ms\n`);
          }
        } finally {
          await runner.stop();
        }
      });
    });
}
