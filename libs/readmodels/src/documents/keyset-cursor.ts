import { createHash } from 'node:crypto';
import type { FieldCondition, Scalar, Where } from '../read-model-store.port';
import { InvalidCursorError } from '../read-model-errors';
import { isScalar } from './scalar-order';
import type { SortKey } from './sort-order';

/**
 * Keyset cursors: the last row's sort values (one per sort key, `id` last), tagged with the sort
 * and the filter they belong to, as base64url JSON. Opaque to clients; adapters store whatever
 * values their backend compares with (SQLite column values, MongoDB field values).
 *
 * A position means something only in the query that produced it: continued under other filters
 * (another queue, another status) it silently skips that query's first rows. So a cursor carries
 * the sort (`o`) and a short hash of the `where` (`f`), and is refused under any other.
 *
 * A cursor also carries a checksum (`c`) of the other three, so one edited by hand (values of
 * another type, a made-up position) is refused as a 400 instead of answering some page. It guards
 * against edits, not forgery, and needs no secret: who may see what is filtered on every request
 * (`anyOf`), so a cursor with a recomputed checksum reaches nothing its holder could not list.
 */
interface CursorPayload {
  o: string;
  f: string;
  v: Scalar[];
  c: string;
}

/** See FindOptions.clientFilters. */
type ClientFilters = Readonly<Record<string, Scalar | undefined>>;

const RANGE_OPERATORS = new Set(['lt', 'lte', 'gt', 'gte']);

export function encodeCursor(
  keys: SortKey[],
  where: Where | undefined,
  values: Scalar[],
  clientRanges: readonly string[] = [],
  clientFilters?: ClientFilters,
): string {
  const o = sortSignature(keys);
  const f = filterSignature(where, clientRanges, clientFilters);
  const payload: CursorPayload = { o, f, v: values, c: checksum(o, f, values) };
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

/** The last row's sort values, in the order of `keys`, once the cursor is known to be this query's. */
export function decodeCursor(
  cursor: string,
  keys: SortKey[],
  where: Where | undefined,
  clientRanges: readonly string[] = [],
  clientFilters?: ClientFilters,
): Scalar[] {
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('it does not decode');
  }
  if (!isCursorPayload(payload)) throw new InvalidCursorError('it does not decode');
  if (payload.c !== checksum(payload.o, payload.f, payload.v)) throw new InvalidCursorError('it was altered');
  // A release that adds a sort key (a queue's tie-break) issues cursors with one value more: an
  // older cursor is whole, only of another order.
  if (payload.o !== sortSignature(keys) || payload.v.length !== keys.length)
    throw new InvalidCursorError('it belongs to another sort order');
  if (payload.f !== filterSignature(where, clientRanges, clientFilters))
    throw new InvalidCursorError('it belongs to other filters');
  return payload.v;
}

function isCursorPayload(value: unknown): value is CursorPayload {
  if (value === null || typeof value !== 'object') return false;
  const candidate = value as Partial<CursorPayload>;
  return (
    typeof candidate.o === 'string' &&
    typeof candidate.f === 'string' &&
    typeof candidate.c === 'string' &&
    Array.isArray(candidate.v) &&
    candidate.v.every(isScalar)
  );
}

/**
 * A short SHA-256 of the cursor's canonical content. Values go through JSON as they do in the
 * cursor itself, so what a client sends back unchanged always checks out.
 */
function checksum(sort: string, filters: string, values: Scalar[]): string {
  return createHash('sha256')
    .update(JSON.stringify([sort, filters, values]))
    .digest('base64url')
    .slice(0, 16);
}

function sortSignature(keys: SortKey[]): string {
  return keys.map((key) => `${key.field}:${key.direction}`).join(',');
}

/**
 * What of a `where` a cursor is bound to: every field and operator, and the values of equality,
 * `ne` and `in` conditions (the client's filters: status, severity, product, a queue's flags), in
 * a canonical order, hashed short. Range bounds count by field and operator but not by value:
 * callers compute them from the clock at each request (a queue's `nextDueAt <= now`, the
 * invitation lists' cutoff, the delivery worker's `nextAttemptAt <= now`), so page 2 asked a
 * second after page 1 has a later bound and must still accept page 1's cursor. Along the same
 * sort a moved bound is like the data moving under the list, which keyset paging tolerates.
 * The range bounds of `clientRanges` fields are the client's own (a period it asked for, such as
 * the case list's `openedFrom`/`openedTo`): those are bound by value, as an equality is, since a
 * cursor continued under another period would skip or repeat that period's rows.
 * `anyOf` is not bound: callers put who may see what there, which changes under a reader paging
 * (a case shared meanwhile) and only narrows what any cursor can reach. A client's filter that a
 * caller turns into `anyOf` alternatives (the queues' `assigneeVouched`, whose alternatives name
 * the assignees judged at each request) is bound by its own value instead, as `clientFilters`.
 */
function filterSignature(
  where: Where | undefined,
  clientRanges: readonly string[],
  clientFilters: ClientFilters = {},
): string {
  const terms = Object.entries(where ?? {})
    .flatMap(([field, condition]) => conditionTerms(field, condition, clientRanges.includes(field)))
    .concat(
      Object.entries(clientFilters)
        .filter(([, value]) => value !== undefined)
        .map(([name, value]) => JSON.stringify([name, 'client', value])),
    )
    .sort();
  return createHash('sha256').update(JSON.stringify(terms)).digest('base64url').slice(0, 12);
}

/** One canonical term per operator, so `{ status: 'open' }` and `{ status: { eq: 'open' } }` agree. */
function conditionTerms(
  field: string,
  condition: FieldCondition | undefined,
  bindRangeValues: boolean,
): string[] {
  if (condition === undefined) return [];
  if (condition === null || typeof condition !== 'object') return [JSON.stringify([field, 'eq', condition])];
  return Object.entries(condition)
    .filter(([, value]) => value !== undefined)
    .map(([operator, value]) => {
      if (RANGE_OPERATORS.has(operator) && !bindRangeValues) return JSON.stringify([field, operator]);
      if (operator === 'in' && Array.isArray(value)) return JSON.stringify([field, operator, inSet(value)]);
      return JSON.stringify([field, operator, value]);
    });
}

/** `in` lists are sets: their order does not change the query. */
function inSet(values: unknown[]): string[] {
  return values.map((value) => JSON.stringify(value)).sort();
}
