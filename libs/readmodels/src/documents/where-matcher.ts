import type { Scalar } from '../read-model-store.port';
import { compareScalars } from './scalar-order';
import type { WhereCondition } from './where-conditions';

/**
 * Evaluate conditions against a document's indexed values in memory, with the semantics the
 * adapters give them in their query languages (see `FieldCondition`). Used to overlay a batch's
 * pending writes on what the store answers.
 */
export function matchesConditions(
  values: Readonly<Record<string, Scalar>>,
  conditions: WhereCondition[],
): boolean {
  return conditions.every((condition) => matchesCondition(values[condition.field] ?? null, condition));
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
