import fc from 'fast-check';
import type { Filter } from 'mongodb';
import { resolveSortKeys, type SortKey } from '../documents/sort-order';
import { parseWhere } from '../documents/where-conditions';
import type { Scalar } from '../read-model-store.port';
import { keysetToFilter, sortSpec, whereToFilter, type MongoReadModelDocument } from './mongo-query';

/**
 * No MongoDB server runs here, so the filters are checked against a small evaluator of the
 * operators they use, written from MongoDB's documented semantics: `{ f: null }` matches null or
 * missing, range operators compare only within one type, null/missing sorts first.
 */
type Stored = Record<string, Scalar | undefined>;

function matches(document: Stored, filter: Filter<MongoReadModelDocument>): boolean {
  return Object.entries(filter).every(([key, condition]) => {
    if (key === '$and')
      return (condition as Filter<MongoReadModelDocument>[]).every((part) => matches(document, part));
    if (key === '$or')
      return (condition as Filter<MongoReadModelDocument>[]).some((part) => matches(document, part));
    const value = document[key] ?? null;
    if (condition === null || typeof condition !== 'object') return equals(value, condition as Scalar);
    return Object.entries(condition as Record<string, unknown>).every(([operator, operand]) => {
      switch (operator) {
        case '$ne':
          return !equals(value, operand as Scalar);
        case '$in':
          return (operand as Scalar[]).some((item) => equals(value, item));
        case '$lt':
          return sameType(value, operand) && compare(value, operand as Scalar) < 0;
        case '$lte':
          return sameType(value, operand) && compare(value, operand as Scalar) <= 0;
        case '$gt':
          return sameType(value, operand) && compare(value, operand as Scalar) > 0;
        case '$gte':
          return sameType(value, operand) && compare(value, operand as Scalar) >= 0;
        default:
          throw new Error(`operator ${operator} not modelled`);
      }
    });
  });
}

const equals = (left: Scalar, right: Scalar) =>
  left === null || right === null ? left === right : left === right;
const sameType = (left: Scalar, right: unknown) => left !== null && typeof left === typeof right;
const typeRank = (value: Scalar) =>
  value === null ? 0 : typeof value === 'number' ? 1 : typeof value === 'string' ? 2 : 3;

function compare(left: Scalar, right: Scalar): number {
  const rank = typeRank(left) - typeRank(right);
  if (rank !== 0 || left === null || right === null) return rank;
  return left < right ? -1 : left > right ? 1 : 0;
}

function sortDocuments(documents: Stored[], keys: SortKey[]): Stored[] {
  const spec = sortSpec(keys);
  return [...documents].sort((left, right) => {
    for (const [field, direction] of spec) {
      const difference = compare(left[field] ?? null, right[field] ?? null);
      if (difference !== 0) return difference * direction;
    }
    return 0;
  });
}

describe('MongoDB query translation', () => {
  const documents: Stored[] = [
    { _id: 'a', status: 'open', severity: 1, owner: 'ann' },
    { _id: 'b', status: 'open', severity: null, owner: 'bob' },
    { _id: 'c', status: 'closed', severity: 3 },
    { _id: 'd', status: null, severity: 2, owner: 'ann' },
  ];
  const idsWhere = (where: Parameters<typeof parseWhere>[1]) =>
    documents
      .filter((document) => matches(document, whereToFilter(parseWhere('t', where, () => true))))
      .map((document) => document._id);

  it('gives conditions the port null semantics', () => {
    expect(idsWhere({ owner: null })).toEqual(['c']);
    expect(idsWhere({ owner: { ne: 'ann' } })).toEqual(['b', 'c']);
    expect(idsWhere({ status: { in: ['closed', null] } })).toEqual(['c', 'd']);
    expect(idsWhere({ severity: { gte: 2 } })).toEqual(['c', 'd']);
    expect(idsWhere({ severity: { lt: 3 }, owner: 'ann' })).toEqual(['a', 'd']);
    expect(idsWhere({ id: { in: ['b', 'c'] } })).toEqual(['b', 'c']);
    expect(whereToFilter([])).toEqual({});
  });

  it('maps id to _id in sorts', () => {
    expect(sortSpec(resolveSortKeys('t', [{ field: 'severity', direction: 'desc' }], () => true))).toEqual([
      ['severity', -1],
      ['_id', 1],
    ]);
  });

  it('pages through any order with keyset filters, without gaps or duplicates (property)', () => {
    const generated = Array.from({ length: 20 }, (_, index) => ({
      _id: `d${String(index).padStart(2, '0')}`,
      status: [null, 'open', 'closed'][index % 3],
      severity: [1, undefined, 2, 3][index % 4],
      owner: ['ann', 'bob', null, 'cy', 'dee'][(index * 3) % 5],
    }));
    const sortKey = fc.record({
      field: fc.constantFrom('status', 'severity', 'owner', 'id'),
      direction: fc.constantFrom<'asc' | 'desc'>('asc', 'desc'),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(sortKey, { maxLength: 3, selector: (key) => key.field }),
        fc.integer({ min: 1, max: 7 }),
        (orderBy, limit) => {
          const keys = resolveSortKeys('t', orderBy, () => true);
          const expected = sortDocuments(generated, keys).map((document) => document._id);
          const seen: unknown[] = [];
          let after: Scalar[] | undefined;
          for (let page = 0; page < 100; page++) {
            const candidates = after
              ? generated.filter((document) => matches(document, keysetToFilter(keys, after!)))
              : generated;
            const items = sortDocuments(candidates, keys).slice(0, limit);
            seen.push(...items.map((document) => document._id));
            if (items.length < limit) break;
            const last = items[items.length - 1];
            after = keys.map((key) => (key.field === 'id' ? last._id : last[key.field]) ?? null);
          }
          expect(seen).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });
});
