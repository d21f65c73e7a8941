import type { FieldCondition, Scalar, Where } from '../read-model-store.port';
import { ReadModelUsageError } from '../read-model-errors';
import { assertFieldName } from './collection-schema';
import { isScalar } from './scalar-order';

export type RangeOperator = 'lt' | 'lte' | 'gt' | 'gte';

/** One checked condition of a `where`; adapters translate these, never the raw input. */
export type WhereCondition =
  | { field: string; operator: 'eq' | 'ne'; value: Scalar }
  | { field: string; operator: 'in'; values: Scalar[] }
  | { field: string; operator: RangeOperator; value: Exclude<Scalar, null> };

const OPERATORS = new Set(['eq', 'ne', 'in', 'lt', 'lte', 'gt', 'gte']);

/**
 * Check a `where` and flatten it into conditions that must all hold. Fields or operators whose
 * value is `undefined` are ignored, so optional query parameters can be passed straight through.
 * `isQueryable` rejects fields the collection does not index (SQLite could not serve them).
 */
export function parseWhere(
  collection: string,
  where: Where | undefined,
  isQueryable: (field: string) => boolean,
): WhereCondition[] {
  const conditions: WhereCondition[] = [];
  for (const [field, condition] of Object.entries(where ?? {})) {
    if (condition === undefined) continue;
    assertFieldName(collection, field);
    if (!isQueryable(field)) {
      throw new ReadModelUsageError(
        `${collection}.${field} is not an indexed field; add it to indexedFields`,
      );
    }
    conditions.push(...parseFieldCondition(collection, field, condition));
  }
  return conditions;
}

function parseFieldCondition(collection: string, field: string, condition: FieldCondition): WhereCondition[] {
  if (condition === null || typeof condition !== 'object') {
    return [{ field, operator: 'eq', value: checkedScalar(collection, field, condition) }];
  }
  const conditions: WhereCondition[] = [];
  for (const [operator, value] of Object.entries(condition)) {
    if (!OPERATORS.has(operator)) {
      throw new ReadModelUsageError(`Unknown operator ${operator} on ${collection}.${field}`);
    }
    if (value === undefined) continue;
    if (operator === 'in') {
      if (!Array.isArray(value)) throw new ReadModelUsageError(`${collection}.${field}: 'in' needs an array`);
      conditions.push({
        field,
        operator,
        values: value.map((item) => checkedScalar(collection, field, item)),
      });
    } else if (operator === 'eq' || operator === 'ne') {
      conditions.push({ field, operator, value: checkedScalar(collection, field, value) });
    } else {
      const bound = checkedScalar(collection, field, value);
      if (bound === null) {
        throw new ReadModelUsageError(`${collection}.${field}: '${operator}' needs a non-null value`);
      }
      conditions.push({ field, operator: operator as RangeOperator, value: bound });
    }
  }
  return conditions;
}

function checkedScalar(collection: string, field: string, value: unknown): Scalar {
  if (!isScalar(value)) {
    throw new ReadModelUsageError(
      `${collection}.${field}: conditions compare with a string, finite number, boolean or null`,
    );
  }
  return value;
}
