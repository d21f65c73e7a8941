import type { GlobalPosition } from '@casetrail/eventstore';
import type { ReadModelStore } from '@casetrail/readmodels';

/**
 * Where in the event log a read-model store began: 0 for an installation's first start, the log's
 * head when the store was created afresh over a log already written (the file lost or moved away,
 * as the corrupt-file message advises). Kept as a checkpoint of its own, which every adapter has.
 *
 * What only the read models remember is gone with them, and notifications must not take that for
 * "nothing was ever sent": delivery begins at this origin (NotificationPipeline), so losing the
 * read models never mails everyone about the whole history again.
 */
const READ_MODELS_ORIGIN = 'read-models-origin';

export async function recordReadModelsOrigin(
  readModels: ReadModelStore,
  head: GlobalPosition,
): Promise<void> {
  if (head > 0) await readModels.applyBatch(READ_MODELS_ORIGIN, [{ position: head }], () => undefined);
}

export function readModelsOrigin(readModels: ReadModelStore): Promise<GlobalPosition> {
  return readModels.getCheckpoint(READ_MODELS_ORIGIN);
}
