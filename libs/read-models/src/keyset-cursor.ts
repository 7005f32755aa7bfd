import { InvalidCursorError } from './document-store.port';

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
