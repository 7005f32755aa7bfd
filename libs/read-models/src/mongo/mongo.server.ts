import { MongoServerError, type Db } from 'mongodb';

export const NAMESPACE_NOT_FOUND = 26;

export const isServerError = (error: unknown, code: number): boolean => error instanceof MongoServerError && error.code === code;

/** What a MongoDB-compatible server can take in one write command. */
export interface WriteLimits {
  /** Update statements per `update` command; Infinity when the server has no limit of its own. */
  updatesPerCommand: number;
}

/**
 * FerretDB v1 (SQLite backend) keeps every statement's query open until its `update` command
 * ends, one pooled connection each, and its pool holds 100: a command of about 100 statements
 * waits forever for a connection. Fifty leaves room for every other connection it serves.
 */
const FERRETDB_V1_UPDATES_PER_COMMAND = 50;

export async function writeLimitsOf(db: Db): Promise<WriteLimits> {
  const info = await db.admin().command({ buildInfo: 1 });
  const ferretDbV1 = typeof info.ferretdbVersion === 'string' && /^v?1\./.test(info.ferretdbVersion);
  return { updatesPerCommand: ferretDbV1 ? FERRETDB_V1_UPDATES_PER_COMMAND : Number.POSITIVE_INFINITY };
}
