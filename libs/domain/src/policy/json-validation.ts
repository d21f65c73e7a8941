import { DomainError } from '../shared/domain-error';

/**
 * Small readers for configuration documents (policy files, calendars): each checks one value and
 * throws a validation DomainError whose `field` is the JSON path at fault, e.g.
 * `severities.2.responseGoal.amount`, so an operator can find the mistake at once.
 */
export type JsonObject = Record<string, unknown>;

export function invalid(code: string, path: string, problem: string): DomainError {
  return new DomainError(code, 'validation', `${path || 'document'}: ${problem}`, path || undefined);
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function readObject(code: string, value: unknown, path: string): JsonObject {
  if (!isJsonObject(value)) throw invalid(code, path, `must be an object, got ${describe(value)}`);
  return value;
}

export function readArray(code: string, value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw invalid(code, path, `must be an array, got ${describe(value)}`);
  return value;
}

export function readString(code: string, value: unknown, path: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalid(code, path, `must be a non-empty string, got ${describe(value)}`);
  }
  return value;
}

export function readNumber(code: string, value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw invalid(code, path, `must be a finite number, got ${describe(value)}`);
  }
  return value;
}

export function rejectUnknownKeys(
  code: string,
  value: JsonObject,
  allowed: readonly string[],
  path: string,
): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw invalid(code, join(path, key), `unknown setting (expected one of: ${allowed.join(', ')})`);
    }
  }
}

export function join(path: string, key: string | number): string {
  return path ? `${path}.${key}` : String(key);
}

export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : JSON.stringify(value);
}
