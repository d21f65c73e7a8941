import type { FindOptions } from '../read-model-store.port';
import { ReadModelUsageError } from '../read-model-errors';
import { assertFieldName, ID_FIELD } from './collection-schema';

export interface SortKey {
  field: string;
  direction: 'asc' | 'desc';
}

/**
 * The full sort of a query: the requested keys, then `id` ascending as the tie-breaker that makes
 * the order total (keyset pagination needs a total order to have neither gaps nor duplicates).
 */
export function resolveSortKeys(
  collection: string,
  orderBy: FindOptions['orderBy'],
  isQueryable: (field: string) => boolean,
): SortKey[] {
  const keys: SortKey[] = [];
  for (const { field, direction } of orderBy ?? []) {
    assertFieldName(collection, field);
    if (!isQueryable(field)) {
      throw new ReadModelUsageError(
        `${collection}.${field} is not an indexed field; add it to indexedFields`,
      );
    }
    if (direction !== 'asc' && direction !== 'desc') {
      throw new ReadModelUsageError(`${collection}.${field}: direction must be 'asc' or 'desc'`);
    }
    if (keys.some((key) => key.field === field)) continue;
    keys.push({ field, direction });
    // Nothing after the unique key can change the order.
    if (field === ID_FIELD) return keys;
  }
  keys.push({ field: ID_FIELD, direction: 'asc' });
  return keys;
}

export function resolveLimit(limit: number | undefined): number | undefined {
  if (limit === undefined) return undefined;
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new ReadModelUsageError(`limit must be a positive integer, got ${String(limit)}`);
  }
  return limit;
}
