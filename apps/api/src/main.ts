import 'reflect-metadata';
import { createApi, listen } from './bootstrap';
import { openRuntime } from './runtime/open-runtime';

/** `node dist/apps/api/src/main.js`: the API alone (same as `casetrail serve`). */
async function main(): Promise<void> {
  const runtime = await openRuntime();
  const app = await createApi(runtime);
  await listen(app, runtime.config.port);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
