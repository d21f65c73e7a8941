import { Command } from 'commander';
import { ProjectionRunner } from '@casetrail/readmodels';
import { progressBar, type Progress } from '../shared/progress-bar';
import { loadConfig } from '../../../../api/src/config/app-config';
import { requireEventLogFile } from '../shared/evidence-session';
import { integerOption } from '../shared/integer-option';
import { withRuntime } from '../shared/runtime-session';
import { NOTIFICATIONS_OUTBOX_PROJECTION } from '@casetrail/readmodels/notifications';
import { loadNotificationSettings } from '../../../../api/src/notifications/notification-settings';
import type { Runtime } from '../../../../api/src/runtime/runtime';
import { describeRealignment, realignWithRestoredLog } from './realign-with-restored-log';
import { RebuildFindings } from './rebuild-findings';
import { boundHeapGrowthForRebuild } from './rebuild-heap';
import { projectionsForSecondThread, rebuildLaneOnThread } from './rebuild-lane';
import { PROJECTION_NAMES, selectProjections } from './select-projections';

/**
 * Events read from the log at a time while rebuilding, ten times the runner's live default (500).
 * What is stored when is decided by the documents held (ProjectionRunner's rebuildHeldDocuments),
 * not by this: a case met again in the next read is still in memory.
 */
export const REBUILD_BATCH_SIZE = 5_000;

/**
 * `rebuild [projections...]`: empties the read models and checkpoints of the projections named, or
 * of all, and replays the whole log into them in one pass, with a progress bar; with `--threads 2`, in
 * two passes side by side, one on a second thread (see `projectionsForSecondThread`). Needs the projections'
 * leases, so stop the projector (or the embedded API) first; it says so otherwise.
 */
export function registerRebuildCommand(program: Command): void {
  program
    .command('rebuild')
    .argument('[projections...]', `the ones to rebuild (${PROJECTION_NAMES}); without any, all`)
    .description('Rebuild read models from zero: the projections named, or all, in one pass over the log')
    .option(
      '--batch-size <n>',
      'events read from the log at a time',
      integerOption({ minimum: 1 }),
      REBUILD_BATCH_SIZE,
    )
    .option(
      '--threads <n>',
      'threads replaying the log: 2 replays the cases projection on this one and the others on a second at the same time (faster with spare cores, and more memory: see the README)',
      integerOption({ minimum: 1, maximum: 2 }),
      1,
    )
    .action(async (asked: string[], options: { batchSize: number; threads: number }) => {
      const projections = selectProjections(asked);
      const names = projections.map((projection) => projection.name);
      const elsewhere = options.threads === 2 ? projectionsForSecondThread(projections) : undefined;
      boundHeapGrowthForRebuild();
      // Until the rebuild begins, nothing has been emptied; from then on, how far it got.
      let reached: { position: number; head: number } | undefined;
      let progress: Progress | undefined;
      const stopInterrupted = onInterrupt(() => {
        progress?.stop();
        process.stderr.write(
          reached
            ? `Rebuild interrupted at position ${reached.position} of ${reached.head}: the projections resume from their checkpoints at the next start of the API or the projector (or run \`casetrail rebuild\` again)\n`
            : 'Rebuild interrupted before it began: the read models are as they were\n',
        );
      });
      try {
        // Rebuilding from an empty log would only create stores in a mistyped DATA_DIR.
        if (!loadConfig().eventStoreUrl) requireEventLogFile();
        await withRuntime(async (runtime) => {
          const { config, storage } = runtime;
          // SQLite numbers its events without gaps: a skipped position is a deleted event.
          const findings = new RebuildFindings(!config.eventStoreUrl);
          const runner = new ProjectionRunner({
            eventStore: storage.eventStore,
            readModels: storage.readModels,
            projections,
            batchSize: options.batchSize,
            onSetAside: findings.noteSetAside,
          });
          const started = Date.now();
          const head = await storage.eventStore.headPosition();
          const bar = (progress = progressBar(names.join(', '), head));
          reached = { position: 0, head };
          try {
            await runner.rebuild(names, {
              batchSize: options.batchSize,
              lane:
                elsewhere && rebuildLaneOnThread(config, elsewhere, options.batchSize, findings.noteSetAside),
              onRead: findings.onRead,
              onProgress: (checkpoint, newHead) => {
                reached = { position: checkpoint, head: newHead };
                bar.update(checkpoint, newHead);
              },
            });
          } catch (error) {
            const message = (error as Error).message;
            // A lease is held: a projector (or the API in embedded mode) runs that projection.
            if (!/another runner holds/.test(message)) throw error;
            throw new Error(`${message}: stop the projector or the API first`, { cause: error });
          } finally {
            bar.stop();
            await runner.stop();
          }
          for (const status of await runner.status()) {
            process.stdout.write(`Rebuilt ${status.name} up to position ${status.checkpoint}\n`);
          }
          await realignAfterRestore(runtime);
          const here = names.filter((name) => !elsewhere?.includes(name));
          const threads = elsewhere
            ? ` on 2 threads (${here.join(', ')} on this one; ${elsewhere.join(', ')} on a second)`
            : '';
          process.stdout.write(
            `Rebuilt ${names.length} projection(s) in ${Date.now() - started} ms${threads}\n`,
          );
          await findings.record(storage.readModels, new Date().toISOString());
          for (const line of findings.warning()) process.stderr.write(`${line}\n`);
        });
      } finally {
        stopInterrupted();
      }
    });
}

/**
 * Says what an interrupted rebuild reached, then lets SIGINT end the process as it would have
 * (killed by the signal: exit status 130 in a shell). What the projections stored so far is
 * consistent with their checkpoints, from which the next runner goes on. Returns the remover.
 */
function onInterrupt(report: () => void): () => void {
  const listener = () => {
    report();
    // No listener left: the signal's default action, ending the process, applies again.
    process.kill(process.pid, 'SIGINT');
  };
  process.once('SIGINT', listener);
  return () => process.off('SIGINT', listener);
}

/**
 * An event log restored from a backup older than the read models also left the notification
 * outbox, the delivery cursor and the SLA timers' relay beyond its head (see
 * `realignWithRestoredLog`); the start-up refusal sends the operator here, so this brings them back.
 */
async function realignAfterRestore({ config, storage, policy }: Runtime): Promise<void> {
  let bar: Progress | undefined;
  const realignment = await realignWithRestoredLog(storage.eventStore, storage.readModels, {
    supportTeam: loadNotificationSettings(config).supportTeam,
    groupMailboxPatterns: policy.licensing.groupMailboxPatterns,
    now: new Date().toISOString(),
    onOutboxProgress: (checkpoint, head) => {
      bar ??= progressBar(NOTIFICATIONS_OUTBOX_PROJECTION, head);
      bar.update(checkpoint, head);
    },
  });
  bar?.stop();
  for (const line of describeRealignment(realignment)) process.stdout.write(`${line}\n`);
}
