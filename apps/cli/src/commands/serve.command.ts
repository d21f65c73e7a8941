import { Logger } from '@nestjs/common';
import { Command } from 'commander';
import { createApi, listen } from '../../../api/src/bootstrap';
import { applyLogLevel } from '../../../api/src/config/log-levels';
import { openRuntime } from '../../../api/src/runtime/open-runtime';
import { runProjector } from '../../../projector/src/run-projector';

export function registerServeCommands(program: Command): void {
  program
    .command('serve')
    .description('Start the HTTP API (embedded mode also runs the projections, on a thread of this process)')
    .action(async () => {
      const runtime = await openRuntime();
      // Signals are handled from here on: one that comes while the API starts (an orchestrator
      // stopping it at once) waits for the start to settle, then closes everything cleanly.
      const started = (async () => {
        const app = await createApi(runtime, { logger: applyLogLevel(runtime.config.logLevel) });
        await listen(app, runtime.config.port);
        new Logger('Casetrail').log(
          `Events: ${runtime.storage.description.eventStore}; read models: ${runtime.storage.description.readModels}; data in ${runtime.config.dataDir}`,
        );
        return app;
      })();
      closeOnSignals(async () => {
        const app = await started.catch(() => undefined);
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
      closeOnSignals(async () => {
        const projector = await started.catch(() => undefined);
        await projector?.stop();
        await runtime.storage.close();
      });
      await started;
    });
}

function closeOnSignals(close: () => Promise<void>): void {
  let closing = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      if (closing) return;
      closing = true;
      close()
        .then(() => process.exit(0))
        .catch((error: unknown) => {
          console.error(error);
          process.exit(1);
        });
    });
  }
}
