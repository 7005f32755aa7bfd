import type { Condition, DocumentQuery, FieldPath, SortKey } from '../document-store.port';
import { decodeCursor, type KeyValue } from '../keyset-cursor';

export type SqlValue = string | number | null;

export interface SqlFragment {
  sql: string;
  params: SqlValue[];
}


export const quoteIdentifier = (name: string): string => `"${name.replace(/"/g, '""')}"`;

const SEGMENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Highest code point: every string starting with a prefix sorts below `prefix + PREFIX_END`
 * in SQLite's binary (UTF-8) collation, including astral characters that `\uffff` would miss.
 */
const PREFIX_END = '\u{10FFFF}';

/**
 * The SQL expression for a field. Indexes are created from the very same text, which is what
 * lets SQLite match a query's expression to an expression index.
 */
export function fieldSql(field: FieldPath): string {
  if (field === 'id') return 'id';
  if (!field.split('.').every((segment) => SEGMENT.test(segment))) {
    throw new RangeError(`Unsupported field path: ${field}`);
  }
  return `json_extract(doc, '$.${field}')`;
}

const bindable = (value: string | number | boolean): SqlValue =>
  typeof value === 'boolean' ? Number(value) : value;

const RANGE_OPERATORS = { lt: '<', lte: '<=', gt: '>', gte: '>=' } as const;

function conditionSql(condition: Condition): SqlFragment {
  const field = fieldSql(condition.field);
  switch (condition.op) {
    case 'eq':
      return condition.value === null
        ? { sql: `${field} IS NULL`, params: [] }
        : { sql: `${field} = ?`, params: [bindable(condition.value)] };
    case 'in':
      return condition.values.length === 0
        ? { sql: '0', params: [] }
        : { sql: `${field} IN (${condition.values.map(() => '?').join(', ')})`, params: condition.values.map(bindable) };
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte': {
      const bound = `${field} ${RANGE_OPERATORS[condition.op]} ?`;
      // MongoDB compares only within one type; SQLite orders NULL < numbers < text, so an
      // open-ended bound gets a second one at the type's edge: the same semantics, one index range.
      const numeric = typeof condition.value === 'number';
      const upward = condition.op === 'gt' || condition.op === 'gte';
      if (numeric && upward) return { sql: `${bound} AND ${field} < ''`, params: [condition.value] };
      if (!numeric && !upward) return { sql: `${bound} AND ${field} >= ''`, params: [condition.value] };
      return { sql: bound, params: [condition.value] };
    }
    case 'startsWith': {
      const prefix = condition.value.toLowerCase();
      return { sql: `${field} >= ? AND ${field} < ?`, params: [prefix, prefix + PREFIX_END] };
    }
    default: {
      const unknown: never = condition;
      throw new RangeError(`Unsupported condition: ${JSON.stringify(unknown)}`);
    }
  }
}

/** The caller's sort keys plus `id asc` as the final tie-breaker, unless it already sorts by id. */
const sortKeysWithTieBreaker = (sort: SortKey[] = []): SortKey[] =>
  sort.some((key) => key.field === 'id') ? sort : [...sort, { field: 'id', direction: 'asc' }];

const orderBySql = (keys: SortKey[]): string =>
  keys.map((key) => `${fieldSql(key.field)} ${key.direction === 'asc' ? 'ASC' : 'DESC'}`).join(', ');

const equalSql = (field: string, value: KeyValue): SqlFragment =>
  value === null ? { sql: `${field} IS NULL`, params: [] } : { sql: `${field} = ?`, params: [bindable(value)] };

/** Rows strictly after `value` in the key's order (NULLs first ascending, last descending), or null if none can be. */
function afterSql(field: string, direction: SortKey['direction'], value: KeyValue): SqlFragment | null {
  if (direction === 'asc') {
    return value === null ? { sql: `${field} IS NOT NULL`, params: [] } : { sql: `${field} > ?`, params: [bindable(value)] };
  }
  return value === null ? null : { sql: `(${field} < ? OR ${field} IS NULL)`, params: [bindable(value)] };
}

/**
 * The keyset condition "after the row whose sort values are `values`":
 * (k1 after v1) OR (k1 = v1 AND k2 after v2) OR …, plus a leading bound on k1 where it is a
 * plain range, so SQLite can seek in the index instead of filtering from its start.
 */
function keysetSql(keys: SortKey[], values: KeyValue[]): SqlFragment {
  const fields = keys.map((key) => fieldSql(key.field));
  const branches: SqlFragment[] = [];
  keys.forEach((key, i) => {
    const after = afterSql(fields[i], key.direction, values[i]);
    if (after === null) return;
    const parts = [...fields.slice(0, i).map((field, j) => equalSql(field, values[j])), after];
    branches.push({ sql: parts.map((part) => part.sql).join(' AND '), params: parts.flatMap((part) => part.params) });
  });
  const chain: SqlFragment =
    branches.length === 0
      ? { sql: '0', params: [] }
      : { sql: `(${branches.map((branch) => `(${branch.sql})`).join(' OR ')})`, params: branches.flatMap((b) => b.params) };
  const leading = leadingBound(fields[0], keys[0].direction, values[0]);
  return leading === null ? chain : { sql: `${leading.sql} AND ${chain.sql}`, params: [...leading.params, ...chain.params] };
}

function leadingBound(field: string, direction: SortKey['direction'], value: KeyValue): SqlFragment | null {
  if (direction === 'asc' && value !== null) return { sql: `${field} >= ?`, params: [bindable(value)] };
  if (direction === 'desc' && value === null) return { sql: `${field} IS NULL`, params: [] };
  return null;
}

/** Live documents (tombstones have no doc) matching every condition. */
function whereSql(conditions: SqlFragment[]): SqlFragment {
  const all = [{ sql: 'doc IS NOT NULL', params: [] }, ...conditions];
  return { sql: all.map((part) => part.sql).join(' AND '), params: all.flatMap((part) => part.params) };
}

export const countSql = (table: string, where: Condition[] = []): SqlFragment => {
  const clause = whereSql(where.map(conditionSql));
  return { sql: `SELECT count(*) AS n FROM ${quoteIdentifier(table)} WHERE ${clause.sql}`, params: clause.params };
};

export interface FindSql extends SqlFragment {
  /** The sort keys the rows are ordered by; each row carries their values as k0, k1, …. */
  keys: SortKey[];
}

/** One page plus one row, so the caller knows whether another page follows. */
export function findSql(table: string, query: DocumentQuery): FindSql {
  const keys = sortKeysWithTieBreaker(query.sort);
  const conditions = (query.where ?? []).map(conditionSql);
  if (query.cursor !== undefined) conditions.push(keysetSql(keys, decodeCursor(query.cursor, keys.length)));
  const clause = whereSql(conditions);
  const keyColumns = keys.map((key, i) => `${fieldSql(key.field)} AS k${i}`).join(', ');
  return {
    sql: `SELECT doc, ${keyColumns} FROM ${quoteIdentifier(table)} WHERE ${clause.sql} ORDER BY ${orderBySql(keys)} LIMIT ?`,
    params: [...clause.params, query.limit + 1],
    keys,
  };
}
