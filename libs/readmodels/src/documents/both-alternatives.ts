import type { Where } from '../read-model-store.port';
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
    if (left[field] !== undefined) {
      throw new ReadModelUsageError(`Both sets of alternatives constrain ${field}; combine them by hand`);
    }
    both[field] = condition;
  }
  return both;
}
