import { openRuntime } from '../../../../api/src/runtime/open-runtime';
import type { Runtime } from '../../../../api/src/runtime/runtime';

/** Opens the configured stores for one command and always closes them, however the command ends. */
export async function withRuntime<T>(work: (runtime: Runtime) => Promise<T>): Promise<T> {
  const runtime = await openRuntime();
  try {
    return await work(runtime);
  } finally {
    await runtime.storage.close();
  }
}

/** Reads the global log from the start in batches, for commands that walk every event. */
export async function* readWholeLog(eventStore: Runtime['storage']['eventStore'], batchSize = 1_000) {
  for (let after = 0; ;) {
    const batch = await eventStore.readAll({ after, maxCount: batchSize });
    if (batch.length === 0) return;
    yield batch;
    after = batch[batch.length - 1].position;
  }
}
