import type { Filter } from 'mongodb';
import type { SortKey } from '../documents/sort-order';
import type { WhereCondition } from '../documents/where-conditions';
import type { Scalar } from '../read-model-store.port';

/** How a read-model document sits in MongoDB: keyed by its id, guarded by `_position`. */
export interface MongoReadModelDocument {
  _id: string;
  /** Position of the event that last wrote this document. */
  _position?: number;
  [field: string]: unknown;
}

type DocumentFilter = Filter<MongoReadModelDocument>;

/** The port's `id` is MongoDB's `_id`, so key lookups and the tie-break use the primary index. */
export function mongoField(field: string): string {
  return field === 'id' ? '_id' : field;
}

/**
 * Conditions as a MongoDB filter. MongoDB's own null semantics already match the port's:
 * `{ f: null }` finds null or missing, `$ne` keeps them, `$in: [null]` finds them, and range
 * operators compare within one type only, so they never match null.
 */
export function whereToFilter(conditions: WhereCondition[]): DocumentFilter {
  const parts = conditions.map((condition): DocumentFilter => {
    const field = mongoField(condition.field);
    switch (condition.operator) {
      case 'eq':
        return { [field]: condition.value };
      case 'ne':
        return { [field]: { $ne: condition.value } };
      case 'in':
        return { [field]: { $in: condition.values } };
      default:
        return { [field]: { [`$${condition.operator}`]: condition.value } };
    }
  });
  return allOf(parts);
}

export function sortSpec(keys: SortKey[]): [string, 1 | -1][] {
  return keys.map((key) => [mongoField(key.field), key.direction === 'asc' ? 1 : -1]);
}

/**
 * Documents strictly after the cursor document in the sort order, spelled out key by key
 * because null/missing sorts first ascending and last descending and `$gt` never matches null.
 */
export function keysetToFilter(keys: SortKey[], last: Scalar[]): DocumentFilter {
  const alternatives: DocumentFilter[] = [];
  keys.forEach((key, index) => {
    const after = afterFilter(key, last[index]);
    if (!after) return;
    const equalBefore = keys.slice(0, index).map((previous, previousIndex): DocumentFilter => ({
      [mongoField(previous.field)]: last[previousIndex],
    }));
    alternatives.push(allOf([...equalBefore, after]));
  });
  return alternatives.length > 0 ? { $or: alternatives } : NOTHING;
}

function afterFilter(key: SortKey, value: Scalar): DocumentFilter | undefined {
  const field = mongoField(key.field);
  if (key.direction === 'asc')
    return value === null ? { [field]: { $ne: null } } : { [field]: { $gt: value } };
  return value === null ? undefined : { $or: [{ [field]: { $lt: value } }, { [field]: null }] };
}

export function allOf(parts: DocumentFilter[]): DocumentFilter {
  if (parts.length === 0) return {};
  return parts.length === 1 ? parts[0] : { $and: parts };
}

/** A filter no document matches. */
const NOTHING: DocumentFilter = { _id: { $in: [] } };
