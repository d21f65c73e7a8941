import type { FieldCondition, Scalar, Where } from '../read-model-store.port';
import { ReadModelUsageError } from '../read-model-errors';

/**
 * One `anyOf` for a query where two concerns each bring alternatives (a queue's definition, who
 * may see what): a document must match one of `first` and one of `second`, so the result lists
 * every pairing. `undefined` is no restriction. The two sides must constrain different fields:
 * a `Where` holds one condition per field.
 */
export function bothAlternatives(
  first: readonly Where[] | undefined,
  second: readonly Where[] | undefined,
): Where[] | undefined {
  if (first === undefined) return second && [...second];
  if (second === undefined) return [...first];
  return first.flatMap((left) => second.map((right) => bothWheres(left, right)));
}

function bothWheres(left: Where, right: Where): Where {
  const both: Where = { ...left };
  for (const [field, condition] of Object.entries(right)) {
    // An undefined condition is no condition (optional parameters): it must not hide the other's.
    if (condition === undefined) continue;
    const other = left[field];
    if (other === undefined) {
      both[field] = condition;
      continue;
    }
    const common = commonValues(other, condition);
    if (!common) {
      throw new ReadModelUsageError(`Both sets of alternatives constrain ${field}; combine them by hand`);
    }
    both[field] = { in: common };
  }
  return both;
}

/**
 * Two `in` lists on one field (who may see which accounts, and the accounts a filter keeps) hold
 * together for the values in both: an empty list then matches nothing, as an empty `in` does.
 * Any other pair of conditions is left to the caller.
 */
function commonValues(left: FieldCondition, right: FieldCondition): Scalar[] | undefined {
  const valuesOf = (condition: FieldCondition) =>
    condition !== null && typeof condition === 'object' && Object.keys(condition).length === 1
      ? condition.in
      : undefined;
  const [first, second] = [valuesOf(left), valuesOf(right)];
  if (!first || !second) return undefined;
  return first.filter((value) => second.includes(value));
}
