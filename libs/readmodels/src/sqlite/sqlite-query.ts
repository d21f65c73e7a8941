import type { SortKey } from '../documents/sort-order';
import type { WhereCondition } from '../documents/where-conditions';
import type { Scalar } from '../read-model-store.port';
import { columnName, quoteIdentifier } from './sqlite-names';

/** What better-sqlite3 binds: booleans become 0/1, as SQLite stores them. */
export type SqlValue = string | number | null;

export interface SqlFragment {
  sql: string;
  params: SqlValue[];
}

export function toSqlValue(value: Scalar): SqlValue {
  return typeof value === 'boolean' ? Number(value) : value;
}

export function column(field: string): string {
  return quoteIdentifier(columnName(field));
}

/**
 * Conditions as one SQL predicate with the port's null semantics: `IS` / `IS NOT` are SQLite's
 * null-safe comparisons, so `ne` keeps null rows and `eq null` finds them.
 */
export function whereToSql(conditions: WhereCondition[]): SqlFragment {
  const parts: string[] = [];
  const params: SqlValue[] = [];
  for (const condition of conditions) {
    const target = column(condition.field);
    switch (condition.operator) {
      case 'eq':
        parts.push(condition.value === null ? `${target} IS NULL` : `${target} = ?`);
        if (condition.value !== null) params.push(toSqlValue(condition.value));
        break;
      case 'ne':
        parts.push(`${target} IS NOT ?`);
        params.push(toSqlValue(condition.value));
        break;
      case 'in': {
        const present = condition.values.filter((value) => value !== null);
        const alternatives: string[] = [];
        if (present.length > 0) alternatives.push(`${target} IN (${present.map(() => '?').join(', ')})`);
        if (present.length < condition.values.length) alternatives.push(`${target} IS NULL`);
        parts.push(alternatives.length > 0 ? `(${alternatives.join(' OR ')})` : '0');
        params.push(...present.map(toSqlValue));
        break;
      }
      default:
        parts.push(`${target} ${RANGE_SQL[condition.operator]} ?`);
        params.push(toSqlValue(condition.value));
    }
  }
  return { sql: parts.length > 0 ? parts.join(' AND ') : '1', params };
}

/** OR of predicates (`anyOf`); absent means no restriction, an empty list matches nothing. */
export function anyOfToSql(alternatives: SqlFragment[] | undefined): SqlFragment {
  if (alternatives === undefined) return { sql: '1', params: [] };
  if (alternatives.length === 0) return { sql: '0', params: [] };
  return {
    sql: `(${alternatives.map((alternative) => `(${alternative.sql})`).join(' OR ')})`,
    params: alternatives.flatMap((alternative) => alternative.params),
  };
}

const RANGE_SQL = { lt: '<', lte: '<=', gt: '>', gte: '>=' } as const;

export function orderByToSql(keys: SortKey[]): string {
  return keys.map((key) => `${column(key.field)} ${key.direction === 'asc' ? 'ASC' : 'DESC'}`).join(', ');
}

/**
 * Rows strictly after the cursor row in the sort order: (k1 after v1) OR (k1 = v1 AND k2 after
 * v2) OR ... Spelled out rather than as a row-value comparison because nulls sort first in SQLite
 * (last when descending) and `>` on a null never holds.
 */
export function keysetToSql(keys: SortKey[], last: SqlValue[]): SqlFragment {
  const alternatives: string[] = [];
  const params: SqlValue[] = [];
  keys.forEach((key, index) => {
    const parts: string[] = [];
    const partParams: SqlValue[] = [];
    for (let previous = 0; previous < index; previous++) {
      const value = last[previous];
      parts.push(
        value === null ? `${column(keys[previous].field)} IS NULL` : `${column(keys[previous].field)} = ?`,
      );
      if (value !== null) partParams.push(value);
    }
    const after = afterSql(key, last[index]);
    if (after === undefined) return;
    parts.push(after.sql);
    partParams.push(...after.params);
    alternatives.push(`(${parts.join(' AND ')})`);
    params.push(...partParams);
  });
  return { sql: alternatives.length > 0 ? `(${alternatives.join(' OR ')})` : '0', params };
}

/** `undefined` when nothing can follow this value on this key (null, descending). */
function afterSql(key: SortKey, value: SqlValue): SqlFragment | undefined {
  const target = column(key.field);
  if (key.direction === 'asc') {
    return value === null
      ? { sql: `${target} IS NOT NULL`, params: [] }
      : { sql: `${target} > ?`, params: [value] };
  }
  return value === null ? undefined : { sql: `(${target} < ? OR ${target} IS NULL)`, params: [value] };
}
