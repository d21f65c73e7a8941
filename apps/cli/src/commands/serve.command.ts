import { Logger } from '@nestjs/common';
import { Command } from 'commander';
import { createApi, listen } from '../../../api/src/bootstrap';
import { loadApiSettings } from '../../../api/src/config/api-settings';
import { loadConfig } from '../../../api/src/config/app-config';
import { applyLogLevel } from '../../../api/src/config/log-levels';
import { openRuntime } from '../../../api/src/runtime/open-runtime';
import { runProjector } from '../../../projector/src/run-projector';

export function registerServeCommands(program: Command): void {
  program
    .command('serve')
    .description('Start the HTTP API (embedded mode also runs the projections, on a thread of this process)')
    .action(async () => {
      const config = loadConfig();
      // Every setting the API reads is refused here, before a store is opened, not inside Nest.
      const settings = loadApiSettings(config);
      const runtime = await openRuntime(config);
      const started = (async () => {
        const app = await createApi(runtime, { settings, logger: applyLogLevel(config.logLevel) });
        await listen(app, runtime.config.port);
        new Logger('Casetrail').log(
          `Events: ${runtime.storage.description.eventStore}; read models: ${runtime.storage.description.readModels}; data in ${runtime.config.dataDir}`,
        );
        return app;
      })();
      closeOnSignals(started, async (app) => {
        await app?.close();
        await runtime.storage.close();
      });
      await started;
    });

  program
    .command('project')
    .description(
      'Run the projections (a standby waits for the lease and takes over when the active one stops)',
    )
    .action(async () => {
      const runtime = await openRuntime();
      const started = runProjector(runtime, { logger: applyLogLevel(runtime.config.logLevel) });
      closeOnSignals(started, async (projector) => {
        await projector?.stop();
        await runtime.storage.close();
      });
      await started;
    });
}

/**
 * Closes cleanly on SIGINT or SIGTERM, also on one that comes while `started` is still pending (an
 * orchestrator stopping a fresh instance): it waits for the start to settle, then `close` gets
 * what started (undefined if the start failed).
 */
function closeOnSignals<Started>(
  started: Promise<Started>,
  close: (started: Started | undefined) => Promise<void>,
): void {
  let closing = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      if (closing) return;
      closing = true;
      started
        .catch(() => undefined)
        .then(close)
        .then(() => process.exit(0))
        .catch((error: unknown) => {
          console.error(error);
          process.exit(1);
        });
    });
  }
}
