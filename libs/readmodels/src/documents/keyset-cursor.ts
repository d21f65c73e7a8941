import type { Scalar } from '../read-model-store.port';
import { InvalidCursorError } from '../read-model-errors';
import { isScalar } from './scalar-order';
import type { SortKey } from './sort-order';

/**
 * Keyset cursors: the last row's sort values (one per sort key, `id` last), tagged with the sort
 * they belong to, as base64url JSON. Opaque to clients; adapters store whatever values their
 * backend compares with (SQLite column values, MongoDB field values).
 */
interface CursorPayload {
  o: string;
  v: Scalar[];
}

export function encodeCursor(keys: SortKey[], values: Scalar[]): string {
  const payload: CursorPayload = { o: sortSignature(keys), v: values };
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

/** The last row's sort values, in the order of `keys`. */
export function decodeCursor(cursor: string, keys: SortKey[]): Scalar[] {
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('it does not decode');
  }
  if (!isCursorPayload(payload) || payload.v.length !== keys.length) {
    throw new InvalidCursorError('it does not decode');
  }
  if (payload.o !== sortSignature(keys)) throw new InvalidCursorError('it belongs to another sort order');
  return payload.v;
}

function isCursorPayload(value: unknown): value is CursorPayload {
  if (value === null || typeof value !== 'object') return false;
  const candidate = value as Partial<CursorPayload>;
  return typeof candidate.o === 'string' && Array.isArray(candidate.v) && candidate.v.every(isScalar);
}

function sortSignature(keys: SortKey[]): string {
  return keys.map((key) => `${key.field}:${key.direction}`).join(',');
}
