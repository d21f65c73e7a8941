import type { Doc, ProjectionTransaction } from '../read-model-store.port';

/**
 * A projection transaction over a plain map keyed `collection/id`, for specs that apply a
 * projection without a store. `lookups`, when given, collects the key of every `get`.
 */
export function inMemoryTransaction(
  documents: Map<string, Doc>,
  position: number,
  lookups?: string[],
): ProjectionTransaction {
  const key = (collection: string, id: string) => `${collection}/${id}`;
  return {
    position,
    get: async <T extends object>(collection: string, id: string) => {
      lookups?.push(key(collection, id));
      return documents.get(key(collection, id)) as T | undefined;
    },
    put: (collection, id, doc) => void documents.set(key(collection, id), doc as Doc),
    delete: (collection, id) => void documents.delete(key(collection, id)),
    findIds: async () => [],
  };
}
