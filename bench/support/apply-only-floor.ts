import type { EventStore, RecordedEvent } from '@casetrail/eventstore';
import type { Doc, Projection, ProjectionTransaction, Where } from '@casetrail/readmodels';

/**
 * What the projections' own code costs, without any store: their `apply` over events, batch by
 * batch in turn as the one-pass rebuild feeds them, against plain in-memory maps (no unit of work,
 * no freezing, no JSON, no SQLite). No store design can rebuild faster than this, which is what
 * makes it the floor a rebuild ratio is judged against. Equality conditions only, as the
 * projections' own lookups use.
 */
export async function applyOnlyMs(
  eventStore: EventStore,
  projections: readonly Projection[],
  upTo: number,
  batchSize: number,
): Promise<number> {
  const runs = projections.map((projection) => ({
    projection,
    handles: projection.handles ? new Set(projection.handles) : undefined,
    documents: new Map<string, Map<string, Doc>>(),
  }));
  let ms = 0;
  for (let after = 0; after < upTo;) {
    const events = (await eventStore.readAll({ after, maxCount: batchSize })).filter(
      (event) => event.position <= upTo,
    );
    if (events.length === 0) break;
    const started = performance.now();
    for (const { projection, handles, documents } of runs) {
      for (const event of events) {
        if (handles && !handles.has(event.type)) continue;
        await projection.apply(event, bareTransaction(documents, event));
      }
    }
    ms += performance.now() - started;
    after = events[events.length - 1].position;
  }
  return ms;
}

function bareTransaction(
  documents: Map<string, Map<string, Doc>>,
  event: RecordedEvent,
): ProjectionTransaction {
  const collection = (name: string) => {
    let docs = documents.get(name);
    if (!docs) documents.set(name, (docs = new Map()));
    return docs;
  };
  return {
    position: event.position,
    get: async <T extends object>(name: string, id: string) => collection(name).get(id) as T | undefined,
    put: (name, id, doc) => void collection(name).set(id, { ...(doc as Doc), id }),
    delete: (name, id) => void collection(name).delete(id),
    findIds: async (name: string, where: Where) =>
      [...collection(name).values()]
        .filter((doc) => Object.entries(where).every(([field, value]) => doc[field] === value))
        .map((doc) => doc.id as string)
        .sort(),
  };
}
