import type { Doc, Scalar } from '../read-model-store.port';
import { compareScalars } from './scalar-order';
import type { WhereCondition } from './where-conditions';

/**
 * Evaluate conditions against a document's indexed values in memory, with the semantics the
 * adapters give them in their query languages (see `FieldCondition`). Used to overlay a batch's
 * pending writes on what the store answers. The conditions' fields are indexed ones, which a
 * checked document holds as scalars (or not at all).
 */
export function matchesConditions(document: Readonly<Doc>, conditions: WhereCondition[]): boolean {
  return conditions.every((condition) =>
    matchesCondition((document[condition.field] ?? null) as Scalar, condition),
  );
}

function matchesCondition(actual: Scalar, condition: WhereCondition): boolean {
  switch (condition.operator) {
    case 'eq':
      return equalScalars(actual, condition.value);
    case 'ne':
      return !equalScalars(actual, condition.value);
    case 'in':
      return condition.values.some((value) => equalScalars(actual, value));
    case 'lt':
      return actual !== null && compareScalars(actual, condition.value) < 0;
    case 'lte':
      return actual !== null && compareScalars(actual, condition.value) <= 0;
    case 'gt':
      return actual !== null && compareScalars(actual, condition.value) > 0;
    case 'gte':
      return actual !== null && compareScalars(actual, condition.value) >= 0;
  }
}

function equalScalars(left: Scalar, right: Scalar): boolean {
  if (left === null || right === null) return left === right;
  return compareScalars(left, right) === 0;
}
