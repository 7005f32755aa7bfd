import type { Condition, DocumentQuery, FieldPath, SortKey } from '../document-store.port';
import { decodeCursor, sortKeysWithTieBreaker, type KeyValue } from '../keyset-cursor';

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

/**
 * `indexable: false` writes the field as `+expr`, which SQLite will not match to an index, yet
 * still reads from an index entry that holds the expression.
 */
const termSql = (field: FieldPath, indexable: boolean): string => `${indexable ? '' : '+'}${fieldSql(field)}`;

function conditionSql(condition: Condition, indexable = true): SqlFragment {
  const field = termSql(condition.field, indexable);
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

/** Sort keys as an ORDER BY list, and as an index's columns: the same text is what lets SQLite match the two. */
export const orderBySql = (keys: SortKey[]): string =>
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

interface Keyset {
  /** The rows after the cursor's row. */
  after: SqlFragment;
  /** Rows that also follow but sit outside `after`'s index range, read once `after` runs out. */
  thenMissing: SqlFragment | null;
}

/**
 * The keyset condition "after the row whose sort values are `values`":
 * (k1 after v1) OR (k1 = v1 AND k2 after v2) OR …, plus a leading bound on k1 so SQLite seeks
 * in the index instead of walking it from its start. Descending from a value, the rows that
 * follow also include every row missing k1 (NULL sorts last there), which no single range
 * reaches: they are the separate `thenMissing` range.
 */
function keysetSql(keys: SortKey[], values: KeyValue[], indexable: boolean): Keyset {
  const fields = keys.map((key) => termSql(key.field, indexable));
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
  const [field, direction, value] = [fields[0], keys[0].direction, values[0]];
  const bounded = (leading: SqlFragment): SqlFragment => ({ sql: `${leading.sql} AND ${chain.sql}`, params: [...leading.params, ...chain.params] });
  if (value === null) {
    return { after: direction === 'desc' ? bounded({ sql: `${field} IS NULL`, params: [] }) : chain, thenMissing: null };
  }
  if (direction === 'asc') return { after: bounded({ sql: `${field} >= ?`, params: [bindable(value)] }), thenMissing: null };
  const thenMissing = keys[0].field === 'id' ? null : { sql: `${field} IS NULL`, params: [] };
  return { after: bounded({ sql: `${field} <= ?`, params: [bindable(value)] }), thenMissing };
}

/** Every condition but `eq null` is false on a tombstone, whose doc (and so every field) is NULL. */
const rejectsTombstones = (conditions: Condition[]): boolean =>
  conditions.some((condition) => !(condition.op === 'eq' && condition.value === null));

/**
 * Live documents (tombstones have no doc) matching every condition. The `doc IS NOT NULL` test is
 * left out when a condition already rules tombstones out: it alone would make SQLite read every
 * candidate row instead of answering from the index.
 */
function whereSql(conditions: Condition[], fragments: SqlFragment[]): SqlFragment {
  const all = rejectsTombstones(conditions) ? fragments : [{ sql: 'doc IS NOT NULL', params: [] }, ...fragments];
  return { sql: all.map((part) => part.sql).join(' AND '), params: all.flatMap((part) => part.params) };
}

/** Every condition as written, each free to use its index. */
const matchingSql = (where: Condition[]): SqlFragment => whereSql(where, where.map((condition) => conditionSql(condition)));

export const countSql = (table: string, where: Condition[] = []): SqlFragment => {
  const clause = matchingSql(where);
  return { sql: `SELECT count(*) AS n FROM ${quoteIdentifier(table)} WHERE ${clause.sql}`, params: clause.params };
};

/**
 * Two ways to a page when a range (a name prefix, say) filters on another field than the sort:
 * `by-conditions` reads the range from its index and sorts every match; `in-sort-order` reads
 * the sort's index in order and tests the range on each entry until the page is full. The first
 * costs as many reads as there are matches, the second about as many as the page size divided
 * by the share of rows that match.
 */
export type FindPlan = 'by-conditions' | 'in-sort-order';

/**
 * Matches at or beyond which reading in sort order wins. At a million rows a range of this many
 * matches is sorted in a few milliseconds, and a wider one leaves at most a thousand index
 * entries to test per row kept (each read from the index entry, not the document).
 */
export const SORT_ORDER_THRESHOLD = 1_000;

const RANGE_CONDITIONS = new Set<Condition['op']>(['lt', 'lte', 'gt', 'gte', 'startsWith']);

/** Range conditions on a field the sort does not start with: the ones the two plans treat differently. */
const rangesOffTheSort = (query: DocumentQuery): Condition[] => {
  const leading = query.sort?.[0]?.field;
  if (leading === undefined) return [];
  return (query.where ?? []).filter((condition) => RANGE_CONDITIONS.has(condition.op) && condition.field !== leading);
};

/** Counts the query's matches, stopping at the threshold: an index-only read when an index covers the conditions. */
export function probeSql(table: string, query: DocumentQuery): SqlFragment {
  const clause = matchingSql(query.where ?? []);
  return {
    sql: `SELECT count(*) AS n FROM (SELECT 1 FROM ${quoteIdentifier(table)} WHERE ${clause.sql} LIMIT ?)`,
    params: [...clause.params, SORT_ORDER_THRESHOLD],
  };
}

/** Picks the plan; `countMatches` runs probeSql only when the two plans differ for this query. */
export function chooseFindPlan(query: DocumentQuery, countMatches: () => number): FindPlan {
  if (rangesOffTheSort(query).length === 0) return 'by-conditions';
  return countMatches() >= SORT_ORDER_THRESHOLD ? 'in-sort-order' : 'by-conditions';
}

export interface FindSql {
  /**
   * Run in order until a page plus one row (so the caller knows whether another page follows) is
   * read; each takes the number of rows still wanted as its last parameter.
   */
  statements: SqlFragment[];
  /** The sort keys the rows are ordered by; each row carries their values as k0, k1, …. */
  keys: SortKey[];
}

export function findSql(table: string, query: DocumentQuery, plan: FindPlan = 'by-conditions'): FindSql {
  const keys = sortKeysWithTieBreaker(query.sort);
  const where = query.where ?? [];
  // Each plan keeps the other one's index out of SQLite's reach: the range's when reading in sort
  // order, the cursor's bound on the sort keys when reading the range and sorting its matches.
  const offTheSort = rangesOffTheSort(query);
  const sortedAfterwards = plan === 'by-conditions' && offTheSort.length > 0;
  const fragments = where.map((condition) => conditionSql(condition, plan === 'by-conditions' || !offTheSort.includes(condition)));
  const keyset = query.cursor === undefined ? null : keysetSql(keys, decodeCursor(query.cursor, keys.length), !sortedAfterwards);
  const keyColumns = keys.map((key, i) => `${fieldSql(key.field)} AS k${i}`).join(', ');
  const statement = (range: SqlFragment[], order: SortKey[]): SqlFragment => {
    const clause = whereSql(where, [...fragments, ...range]);
    return {
      sql: `SELECT doc, ${keyColumns} FROM ${quoteIdentifier(table)} WHERE ${clause.sql} ORDER BY ${orderBySql(order)} LIMIT ?`,
      params: clause.params,
    };
  };
  if (keyset === null) return { statements: [statement([], keys)], keys };
  const statements = [statement([keyset.after], keys)];
  // Every row of the missing range has no first key, and SQLite sorts by an IS NULL term unless told it need not.
  if (keyset.thenMissing !== null) statements.push(statement([keyset.thenMissing], keys.slice(1)));
  return { statements, keys };
}
