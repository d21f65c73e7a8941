import type { ProjectionTransaction, ReadModelStore, SetAsideEvent } from '@casetrail/readmodels';
import type { DamagedStream, DamagedStreams } from './damaged-streams';
import {
  API_FINDER,
  DAMAGED_STREAMS_COLLECTION,
  DAMAGED_STREAMS_JOURNAL,
  NOTIFY_FINDER,
  REBUILD_FINDER,
  storeFound,
} from './damaged-streams-journal';
import { writeInJournal } from './journal-write';

/**
 * Remembers the stream of an event a projection could not read and went on without, in the words
 * its integrity check would use: commands on it answer 503 and /health names it.
 */
export function recordSetAside(
  damagedStreams: Pick<DamagedStreams, 'recordUnreadable'> | undefined,
  { stream, revision, problem }: Pick<SetAsideEvent, 'stream' | 'revision' | 'problem'>,
): void {
  damagedStreams?.recordUnreadable({ stream, revision, problem }, { setAside: true });
}

/**
 * Stores one stream found damaged for the API's /health, as DamagedStreamsJournal stores
 * the projector's: for a process with no /health and no SLA timers of its own (`casetrail notify`).
 */
export function storeDamagedStream(readModels: ReadModelStore, found: DamagedStream): Promise<void> {
  return writeRows(readModels, () => [found], NOTIFY_FINDER);
}

/** Stores what a rebuild set aside, in place of what the last rebuild stored. */
export function replaceRebuildFindings(readModels: ReadModelStore, found: DamagedStream[]): Promise<void> {
  return writeRows(readModels, () => found, REBUILD_FINDER, { replacing: REBUILD_FINDER });
}

async function writeRows(
  readModels: ReadModelStore,
  rows: () => DamagedStream[],
  finder: string,
  { replacing }: { replacing?: string } = {},
): Promise<void> {
  await readModels.ensureCollections([DAMAGED_STREAMS_COLLECTION]);
  const collection = DAMAGED_STREAMS_COLLECTION.name;
  await writeInJournal(readModels, DAMAGED_STREAMS_JOURNAL, async (tx) => {
    if (replacing !== undefined) {
      for (const id of await tx.findIds(collection, {})) {
        const row = await tx.get<DamagedStream & { finder?: string }>(collection, id);
        if (row?.finder === replacing) tx.delete(collection, id);
        else if (row?.setAside) forgetSetAside(tx, collection, row);
      }
    }
    // The journal's row: the API takes in those of a sequence past its last look.
    for (const stream of rows()) {
      // A rebuild's row replaces any; another's leaves a kept one as it is (storeFound).
      if (finder === REBUILD_FINDER)
        tx.put(collection, stream.stream, { ...stream, id: stream.stream, finder, sequence: tx.position });
      else await storeFound(tx, stream, finder);
    }
  });
}

/**
 * A rebuild replays every projection over the log as it is now: a stream set aside before is set
 * aside again (this rebuild's row) only if its row still cannot be read, and the runners started
 * after it report what they set aside again. So no other finder's mark outlives it: the API's row
 * keeps the rest of what it found (dropped once the stream is found whole), `casetrail notify`'s
 * and a projector's, which found only that, go. Before, such a mark kept the stream refused after
 * the row was restored and rebuilt, since an integrity check finding it whole does not clear it.
 */
function forgetSetAside(
  tx: ProjectionTransaction,
  collection: string,
  row: DamagedStream & { finder?: string },
): void {
  if (row.finder !== API_FINDER) return tx.delete(collection, row.stream);
  const { setAside: _setAside, ...rest } = row;
  tx.put(collection, row.stream, { ...rest, sequence: tx.position });
}
