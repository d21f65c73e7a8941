import type { ReadModelStore, SetAsideEvent } from '@casetrail/readmodels';
import type { DamagedStream, DamagedStreams } from './damaged-streams';
import {
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
        if ((await tx.get<{ finder?: string }>(collection, id))?.finder === replacing)
          tx.delete(collection, id);
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
