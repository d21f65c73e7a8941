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
 * The finder of the rows the API stores: streams its commands, reads and checks (and its embedded
 * projector thread) found damaged, taken in again by the API started next (`keepAcrossRestarts`).
 * Kept when a projector starts, until the API finds the stream whole again.
 */
export const API_FINDER = 'casetrail serve';
/** The finders whose rows a projector starting keeps (it deletes only its predecessors'). */
const KEPT_FINDERS: ReadonlySet<string> = new Set([REBUILD_FINDER, API_FINDER]);

/**
 * Stores `found` as `finder`'s row, unless a row a projector starting keeps (the last rebuild's, the
 * API's) holds the stream: that one stays, so /health goes on naming who found it and the row is not
 * replaced by one the next projector start deletes, as when a runner started after a rebuild reports
 * again every stream it set aside before (SetAsideEvents.restore). Marked `setAside` when `found` is,
 * under a new sequence number, so the API takes that in: such a stream waits for a rebuild.
 */
export async function storeFound(
  tx: ProjectionTransaction,
  found: DamagedStream,
  finder: string,
): Promise<void> {
  const collection = DAMAGED_STREAMS_COLLECTION.name;
  const stored = await tx.get<SharedDamagedStream>(collection, found.stream);
  if (stored && stored.finder !== finder && KEPT_FINDERS.has(stored.finder)) {
    if (found.setAside && !stored.setAside)
      tx.put(collection, found.stream, { ...stored, setAside: true, sequence: tx.position });
    return;
  }
  const row: SharedDamagedStream = { ...found, id: found.stream, finder, sequence: tx.position };
  tx.put(collection, found.stream, row);
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
   * afresh: its runners report again the streams they set aside; the API keeps those it already took
   * in until it restarts), keeping the rebuild's and the API's rows and those of the process that
   * holds the SLA timers lease now (`holder`: this one is then a standby), then stores each stream `found` remembers, now and later, as found by `finder`.
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
        if (row && KEPT_FINDERS.has(row.finder)) continue;
        if (holder === undefined || row?.finder !== holder) tx.delete(DAMAGED_STREAMS_COLLECTION.name, id);
      }
    });
    found.observe((stream) => {
      void writeInJournal(this.readModels, DAMAGED_STREAMS_JOURNAL, (tx) =>
        storeFound(tx, stream, finder),
      ).catch(onError);
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

  /**
   * The API's side: takes in the streams an earlier API process found (finder API_FINDER), then
   * stores each stream this one finds itself, so the API started next names them in /health and
   * refuses commands on them at once, instead of forgetting them until some command trips again.
   * Not those a projection set aside (the runners store and report them again when they start), nor
   * those taken in from elsewhere (`foundBy`: stored by whoever found them).
   */
  async keepAcrossRestarts(
    found: Pick<DamagedStreams, 'adopt' | 'observe'>,
    onError: (error: unknown) => void,
  ): Promise<void> {
    await this.adoptStored(found, (row) => row.foundBy === API_FINDER);
    found.observe((stream) => {
      if (stream.foundBy !== undefined || stream.setAside) return;
      void writeInJournal(this.readModels, DAMAGED_STREAMS_JOURNAL, (tx) =>
        storeFound(tx, stream, API_FINDER),
      ).catch(onError);
    });
  }

  /**
   * At a process's start: hands `into` every stored stream `which` takes (as this process takes it
   * in: `foundBy` names the finder), page by page from the first.
   */
  async adoptStored(
    into: Pick<DamagedStreams, 'adopt'>,
    which: (found: DamagedStream) => boolean,
  ): Promise<void> {
    await this.ensureCollection();
    for (let after = 0; ;) {
      const { items } = await this.readModels.find<SharedDamagedStream>(DAMAGED_STREAMS_COLLECTION.name, {
        where: { sequence: { gt: after } },
        orderBy: [{ field: 'sequence', direction: 'asc' }],
        limit: PAGE,
      });
      for (const row of items) {
        const found = asFoundElsewhere(row);
        if (which(found)) into.adopt(found);
      }
      if (items.length < PAGE) return;
      after = items[items.length - 1].sequence;
    }
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
    for (const row of items) {
      into.adopt(asFoundElsewhere(row));
      this.adoptedUpTo = row.sequence;
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

/** A stored row as this process takes it in: not found since it started, so /health says who found it. */
function asFoundElsewhere(row: SharedDamagedStream): DamagedStream {
  const { stream, problem, seenAt, chainBroken, lostFromRevision, setAside, finder } = row;
  const foundBy = [REBUILD_FINDER, NOTIFY_FINDER, API_FINDER].includes(finder) ? finder : PROJECTOR;
  return {
    stream,
    problem,
    seenAt,
    foundBy,
    ...(chainBroken ? { chainBroken } : {}),
    ...(lostFromRevision !== undefined ? { lostFromRevision } : {}),
    ...(setAside ? { setAside } : {}),
  };
}
