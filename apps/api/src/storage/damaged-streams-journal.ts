import type { CollectionDefinition, ProjectionTransaction, ReadModelStore } from '@casetrail/readmodels';
import type { DamagedStream, DamagedStreams } from './damaged-streams';
import { writeInJournal } from './journal-write';

/** A stream the projector process found damaged, as stored for the API's /health. */
interface SharedDamagedStream extends DamagedStream {
  id: string;
  /** The SLA timers lease owner of the process that found it (only the lease's holder fires timers). */
  finder: string;
  /** The journal's sequence number of the write: the API reads only what came after its last look. */
  sequence: number;
}

export const DAMAGED_STREAMS_COLLECTION: CollectionDefinition = {
  name: 'damaged_streams',
  indexedFields: ['sequence'],
};
/** The checkpoint name that sequences the journal's writes (as the delivery journal's does). */
export const DAMAGED_STREAMS_JOURNAL = 'damaged-streams-journal';
/** Who found the streams the API takes in from the journal, unless one of those below. */
const PROJECTOR = 'casetrail project';
/**
 * The finder of the rows `casetrail rebuild` stores: the streams whose unreadable events it set
 * aside (damaged-streams-elsewhere.ts). Kept when a projector starts (past those rows now, it would
 * not find them again) until the next rebuild replaces them.
 */
export const REBUILD_FINDER = 'casetrail rebuild';
/** The finder of the rows `casetrail notify` stores: streams whose events its outbox writer set aside. */
export const NOTIFY_FINDER = 'casetrail notify';
/**
 * Whether `stream`'s row is the last rebuild's: kept as it is (until the next rebuild replaces it)
 * when a runner started after that rebuild reports the stream again, as it reports every stream it
 * set aside before it started (SetAsideEvents.restore): /health goes on saying the rebuild found it.
 */
export async function storedByRebuild(tx: ProjectionTransaction, stream: string): Promise<boolean> {
  return (
    (await tx.get<SharedDamagedStream>(DAMAGED_STREAMS_COLLECTION.name, stream))?.finder === REBUILD_FINDER
  );
}
/** Rows adopted per read: a store damaged throughout is taken in over several /health calls. */
const PAGE = 500;

/**
 * The streams a `casetrail project` process (its SLA timers) found damaged, handed to the API's
 * /health through the read-model store, the store both processes share (as the embedded projector
 * thread hands them over by message, see ProjectorThread). Without it the API, which serves no
 * request of the projector's, showed such a stream only as an SLA timer overdue.
 */
export class DamagedStreamsJournal {
  private ready?: Promise<void>;
  /** The last sequence number this process adopted. */
  private adoptedUpTo = 0;

  constructor(private readonly readModels: ReadModelStore) {}

  /**
   * The projector's side: forgets what projector processes no longer at work stored (a restart starts
   * afresh, as the API's own findings do; the API keeps those it already took in until it restarts),
   * keeping those of the process that holds the SLA timers lease now (`holder`: this one is then a
   * standby), then stores each stream `found` remembers, now and later, as found by `finder`.
   */
  async share(
    found: Pick<DamagedStreams, 'observe' | 'observeForgotten'>,
    { finder, holder }: { finder: string; holder?: string },
    onError: (error: unknown) => void,
  ): Promise<void> {
    await this.ensureCollection();
    await writeInJournal(this.readModels, DAMAGED_STREAMS_JOURNAL, async (tx) => {
      for (const id of await tx.findIds(DAMAGED_STREAMS_COLLECTION.name, {})) {
        const row = await tx.get<SharedDamagedStream>(DAMAGED_STREAMS_COLLECTION.name, id);
        if (row?.finder === REBUILD_FINDER) continue;
        if (holder === undefined || row?.finder !== holder) tx.delete(DAMAGED_STREAMS_COLLECTION.name, id);
      }
    });
    found.observe((stream) => {
      void writeInJournal(this.readModels, DAMAGED_STREAMS_JOURNAL, async (tx) => {
        if (await storedByRebuild(tx, stream.stream)) return;
        const row: SharedDamagedStream = { ...stream, id: stream.stream, finder, sequence: tx.position };
        tx.put(DAMAGED_STREAMS_COLLECTION.name, stream.stream, row);
      }).catch(onError);
    });
    this.dropWhenForgotten(found, onError);
  }

  /**
   * Either side: drops the stored row of each stream `found` forgets (found whole again), so an API
   * started later does not take in, and refuse, a stream that was repaired.
   */
  dropWhenForgotten(
    found: Pick<DamagedStreams, 'observeForgotten'>,
    onError: (error: unknown) => void,
  ): void {
    found.observeForgotten((stream) => void this.drop(stream).catch(onError));
  }

  private async drop(stream: string): Promise<void> {
    await this.ensureCollection();
    await writeInJournal(this.readModels, DAMAGED_STREAMS_JOURNAL, (tx) => {
      tx.delete(DAMAGED_STREAMS_COLLECTION.name, stream);
      return Promise.resolve();
    });
  }

  /** The API's side: hands `into` the streams stored since the last call. */
  async adoptInto(into: Pick<DamagedStreams, 'adopt'>): Promise<void> {
    // Declared here too: a query may only filter on a field the store was told is indexed.
    await this.ensureCollection();
    const { items } = await this.readModels.find<SharedDamagedStream>(DAMAGED_STREAMS_COLLECTION.name, {
      where: { sequence: { gt: this.adoptedUpTo } },
      orderBy: [{ field: 'sequence', direction: 'asc' }],
      limit: PAGE,
    });
    for (const {
      stream,
      problem,
      seenAt,
      chainBroken,
      lostFromRevision,
      setAside,
      finder,
      sequence,
    } of items) {
      // Not found since this process started: /health says who found it.
      const foundBy = finder === REBUILD_FINDER || finder === NOTIFY_FINDER ? finder : PROJECTOR;
      into.adopt({
        stream,
        problem,
        seenAt,
        foundBy,
        ...(chainBroken ? { chainBroken } : {}),
        ...(lostFromRevision !== undefined ? { lostFromRevision } : {}),
        ...(setAside ? { setAside } : {}),
      });
      this.adoptedUpTo = sequence;
    }
  }

  private ensureCollection(): Promise<void> {
    this.ready ??= this.readModels.ensureCollections([DAMAGED_STREAMS_COLLECTION]).catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }
}
