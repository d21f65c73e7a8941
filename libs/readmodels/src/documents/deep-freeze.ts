/**
 * Freeze a JSON-like value and everything it holds. Stops at values already frozen: projections
 * build each new document from the previous one, sharing what did not change, so only the new
 * parts are walked.
 */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const key in value) deepFreeze((value as Record<string, unknown>)[key]);
  return value;
}
