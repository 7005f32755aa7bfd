import type { Document, Filter, Sort } from 'mongodb';
import type { Condition, DocumentQuery, FieldPath, SortKey } from '../document-store.port';
import { decodeCursor, sortKeysWithTieBreaker, type KeyValue } from '../keyset-cursor';

/** A document as stored: the read-model document plus the adapter's bookkeeping. */
export interface MongoStoredDocument extends Document {
  _id: string;
  /** The stream revision the document last applied. */
  _revision: number;
  /** Set on tombstones, which keep `_revision` so a redelivered older event cannot revive a deletion. */
  _deleted?: true;
}

const SEGMENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED = new Set(['_id', '_revision', '_deleted']);

/** Same bound as the SQLite adapter: above every string starting with the prefix, astral characters included. */
const PREFIX_END = '\u{10FFFF}';

export const LIVE: Filter<MongoStoredDocument> = { _deleted: { $exists: false } };

/** The stored field for a document field: the document id is `_id`, everything else keeps its path. */
export function fieldName(field: FieldPath): string {
  if (field === 'id') return '_id';
  const segments = field.split('.');
  if (!segments.every((segment) => SEGMENT.test(segment)) || RESERVED.has(segments[0])) {
    throw new RangeError(`Unsupported field path: ${field}`);
  }
  return field;
}

function conditionFilter(condition: Condition): Filter<MongoStoredDocument> {
  const field = fieldName(condition.field);
  switch (condition.op) {
    case 'eq':
      // `null` also matches a missing field, as in the SQLite adapter.
      return { [field]: condition.value };
    case 'in':
      return { [field]: { $in: condition.values } };
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
      return { [field]: { [`$${condition.op}`]: condition.value } };
    case 'startsWith': {
      // A range rather than a regex: the same index bounds on MongoDB, and plain comparisons on FerretDB.
      const prefix = condition.value.toLowerCase();
      return { [field]: { $gte: prefix, $lt: prefix + PREFIX_END } };
    }
    default: {
      const unknown: never = condition;
      throw new RangeError(`Unsupported condition: ${JSON.stringify(unknown)}`);
    }
  }
}

/** Live documents matching every condition; conditions stay separate so two on one field do not collide. */
export const whereFilter = (
  conditions: Condition[] = [],
  extra: Filter<MongoStoredDocument>[] = [],
): Filter<MongoStoredDocument> => ({ $and: [LIVE, ...conditions.map(conditionFilter), ...extra] });

/** Rows strictly after `value` in the key's order (null/missing first ascending, last descending), or null if none can be. */
function afterFilter(field: string, direction: SortKey['direction'], value: KeyValue): Filter<MongoStoredDocument> | null {
  if (direction === 'asc') return value === null ? { [field]: { $ne: null } } : { [field]: { $gt: value } };
  return value === null ? null : { $or: [{ [field]: { $lt: value } }, { [field]: null }] };
}

/** (k1 after v1) OR (k1 = v1 AND k2 after v2) OR …: the rows after the cursor's row. */
function keysetFilter(keys: SortKey[], values: KeyValue[]): Filter<MongoStoredDocument> {
  const fields = keys.map((key) => fieldName(key.field));
  const branches: Filter<MongoStoredDocument>[] = [];
  keys.forEach((key, i) => {
    const after = afterFilter(fields[i], key.direction, values[i]);
    if (after === null) return;
    branches.push({ $and: [...fields.slice(0, i).map((field, j) => ({ [field]: values[j] })), after] });
  });
  // `$or` must not be empty; a filter no document satisfies stands in for "nothing after".
  return branches.length === 0 ? { _id: { $in: [] } } : { $or: branches };
}

/** A sort key's direction as MongoDB writes it, in sorts and index keys alike. */
export const mongoDirection = (key: SortKey): 1 | -1 => (key.direction === 'asc' ? 1 : -1);

export interface MongoFind {
  filter: Filter<MongoStoredDocument>;
  sort: Sort;
  /** One page plus one document, so the caller knows whether another page follows. */
  limit: number;
  /** The stored fields the documents are ordered by, for the next cursor. */
  keyFields: string[];
}

export function mongoFind(query: DocumentQuery): MongoFind {
  const keys = sortKeysWithTieBreaker(query.sort);
  const keyset = query.cursor === undefined ? [] : [keysetFilter(keys, decodeCursor(query.cursor, keys.length))];
  const keyFields = keys.map((key) => fieldName(key.field));
  return {
    filter: whereFilter(query.where, keyset),
    sort: keys.map((key, i): [string, 1 | -1] => [keyFields[i], mongoDirection(key)]),
    limit: query.limit + 1,
    keyFields,
  };
}

/** The value a stored document holds at a dotted path, with missing as null (how MongoDB sorts it). */
export function valueAt(doc: Document, path: string): KeyValue {
  const value = path
    .split('.')
    .reduce<unknown>((node, segment) => (node !== null && typeof node === 'object' ? (node as Document)[segment] : undefined), doc);
  return value === undefined ? null : (value as KeyValue);
}
