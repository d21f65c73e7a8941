import 'reflect-metadata';
import { applyLogging } from '../../api/src/config/log-levels';
import { openRuntime } from '../../api/src/runtime/open-runtime';
import { runProjector } from './run-projector';

/** `node dist/apps/projector/src/main.js`: the projector alone (same as `casetrail project`). */
async function main(): Promise<void> {
  const runtime = await openRuntime();
  const runner = await runProjector(runtime, {
    logger: applyLogging(runtime.config.logLevel, runtime.config.logFormat),
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void runner
        .stop()
        .then(() => runtime.storage.close())
        .then(() => process.exit(0));
    });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
