import type { AppConfig } from '../../../../api/src/config/app-config';
import { requireDataDirFile, requireEventLogFile } from './evidence-session';

const READ_MODELS_FILE = 'readmodels.sqlite';

/**
 * For a command that reports on (or changes) what a deployment already holds, such as
 * `notifications`: refuses a DATA_DIR without the embedded stores, naming it, instead of creating
 * empty stores in a mistyped folder and reporting on them as if all were well. Only the files the
 * configuration uses are required: none when EVENTSTORE_URL and MONGODB_URL are both set.
 */
export function requireExistingStores(config: AppConfig): void {
  // The embedded log is where the embedded read models come from: no log, nothing to report.
  if (!config.eventStoreUrl) {
    requireEventLogFile(config);
    return;
  }
  // With EVENTSTORE_URL alone, DATA_DIR holds only the read models: they must be there.
  if (!config.mongodbUrl) {
    requireDataDirFile(config, READ_MODELS_FILE, { name: 'read models', none: 'are no read models' });
  }
}
