import { InvalidCursorError, type SortKey } from './document-store.port';

/** A sort value as an adapter compares it. */
export type KeyValue = string | number | boolean | null;

/** The opaque cursor: the last row's sort values (id last), as base64url JSON. */
export const encodeCursor = (values: KeyValue[]): string => Buffer.from(JSON.stringify(values)).toString('base64url');

export function decodeCursor(cursor: string, keyCount: number): KeyValue[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('The cursor is not one this collection issued');
  }
  const valid =
    Array.isArray(values) &&
    values.length === keyCount &&
    values.every((value) => value === null || ['string', 'number', 'boolean'].includes(typeof value));
  if (!valid) throw new InvalidCursorError('The cursor does not match the query');
  return values as KeyValue[];
}

/**
 * The caller's sort keys plus the id as the final tie-breaker, in the last key's direction: one
 * direction for the id and the key before it is what lets an index on (…, key, id) serve the
 * whole order, read forwards or backwards.
 */
export function sortKeysWithTieBreaker(sort: SortKey[] = []): SortKey[] {
  if (sort.some((key) => key.field === 'id')) return sort;
  return [...sort, { field: 'id', direction: sort.at(-1)?.direction ?? 'asc' }];
}
