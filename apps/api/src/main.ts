import 'reflect-metadata';
import { createApi, listen } from './bootstrap';
import { loadApiSettings } from './config/api-settings';
import { loadConfig } from './config/app-config';
import { openRuntime } from './runtime/open-runtime';

/** `node dist/apps/api/src/main.js`: the API alone (same as `casetrail serve`). */
async function main(): Promise<void> {
  const config = loadConfig();
  // As `serve` does: every setting refused before a store is opened.
  const settings = loadApiSettings(config);
  const runtime = await openRuntime(config);
  const app = await createApi(runtime, { settings });
  await listen(app, runtime.config.port, runtime.config.host);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
