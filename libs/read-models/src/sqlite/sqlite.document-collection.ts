import type { Database, Statement } from 'better-sqlite3';
import type { RecordedEvent } from '@crm/contracts';
import { indexColumn, indexKeyName, type CollectionDefinition, type Condition, type DocumentCollection, type DocumentPage, type DocumentQuery } from '../document-store.port';
import { AppliedSignal } from '../applied-signal';
import { evolveBatch, type StoredDocument } from '../batch-evolution';
import type { Projection, ReadModelDocument } from '../projection';
import { encodeCursor, type KeyValue } from '../keyset-cursor';
import { chooseFindPlan, countSql, findSql, orderBySql, probeSql, quoteIdentifier, type SqlFragment, type SqlValue } from './sqlite.query';

interface StoredRow {
  revision: number;
  /** JSON, or NULL for a tombstone. */
  doc: string | null;
}

const DEFAULT_SCAN_BATCH = 500;

/** `temp` puts the table in the connection's private, never-synced temporary database. */
export function createSqliteTable(db: Database, table: string, schema: 'main' | 'temp' = 'main'): void {
  db.exec(`CREATE TABLE IF NOT EXISTS ${schema}.${quoteIdentifier(table)} (id TEXT PRIMARY KEY, revision INTEGER NOT NULL, doc TEXT)`);
}

/**
 * One expression index per declared field combination, on the table named like the collection;
 * an index no longer declared is dropped, so a changed declaration does not leave every write
 * paying for an index no query uses.
 */
export function createSqliteIndexes(db: Database, definition: CollectionDefinition): void {
  const prefix = `${definition.name}__by__`;
  const declared = new Map(definition.indexes.map((keys) => [`${prefix}${indexKeyName(keys)}`, keys]));
  const existing = db
    .prepare<[string], { name: string }>(`SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = ?`)
    .all(definition.name)
    .map((row) => row.name);
  for (const name of existing) {
    if (name.startsWith(prefix) && !declared.has(name)) db.exec(`DROP INDEX ${quoteIdentifier(name)}`);
  }
  for (const [name, keys] of declared) {
    db.exec(`CREATE INDEX IF NOT EXISTS ${quoteIdentifier(name)} ON ${quoteIdentifier(definition.name)} (${orderBySql(keys.map(indexColumn))})`);
  }
}

/** A collection bound to a table by name, so a rebuild's swap replaces the data under it. */
export function createSqliteCollection<Doc extends ReadModelDocument>(
  db: Database,
  table: string,
  signal: AppliedSignal,
): DocumentCollection<Doc> {
  const rows = tableRows<Doc>(db, table);
  const apply = db.transaction((projection: Projection<Doc>, events: RecordedEvent[]) => {
    const writes = evolveBatch(projection, events, rows.load);
    for (const write of writes) rows.write(write.id, write);
    return writes;
  });
  return {
    ...rows.reads,
    async applyBatch(projection, events) {
      signal.applied(table, apply(projection, events).map((write) => write.id));
    },
    onApplied: (id, listener) => signal.listen(table, id, listener),
  };
}

/** The collection a rebuild fills, and `copyInto`, which writes all it holds into a main table. */
export interface StagingCollection<Doc extends ReadModelDocument> extends DocumentCollection<Doc> {
  /** Rows it holds, tombstones included. */
  size(): number;
  /** Call inside the caller's transaction. */
  copyInto(table: string): void;
}

/**
 * A rebuild's collection. Nothing reads it before the swap, so up to `maxResident` documents
 * stay in memory between batches: a document the log touches again is evolved as it is,
 * instead of being parsed, serialised and rewritten on every page that touches it. Once the
 * budget is full, further documents take the round trip through the table; residents are never
 * evicted, since the log interleaves customers and any eviction order would drop documents
 * about to be touched again. Reads other than by id write the residents to the table first.
 */
export function createSqliteStagingCollection<Doc extends ReadModelDocument>(
  db: Database,
  table: string,
  maxResident: number,
): StagingCollection<Doc> {
  const rows = tableRows<Doc>(db, table);
  const signal = new AppliedSignal();
  const resident = new Map<string, StoredDocument<Doc>>();
  const load = (id: string) => resident.get(id) ?? rows.load(id);
  const apply = db.transaction((projection: Projection<Doc>, events: RecordedEvent[]) => {
    const writes = evolveBatch(projection, events, load);
    for (const write of writes) {
      if (resident.has(write.id) || resident.size < maxResident) resident.set(write.id, write);
      else rows.write(write.id, write);
    }
    return writes;
  });
  const flush = db.transaction(() => {
    for (const [id, stored] of resident) rows.write(id, stored);
    resident.clear();
  });
  return {
    async applyBatch(projection, events) {
      signal.applied(table, apply(projection, events).map((write) => write.id));
    },
    async get(id) {
      const stored = resident.get(id);
      // A copy: the next batch evolves the resident in place.
      return stored ? structuredClone(stored.doc) : rows.reads.get(id);
    },
    onApplied: (id, listener) => signal.listen(table, id, listener),
    async getJson(id) {
      const stored = resident.get(id);
      if (!stored) return rows.reads.getJson(id);
      return stored.doc === null ? null : { json: JSON.stringify(stored.doc), revision: stored.revision };
    },
    async appliedRevision(id) {
      return resident.get(id)?.revision ?? rows.reads.appliedRevision(id);
    },
    async find(query) {
      flush();
      return rows.reads.find(query);
    },
    scan(batchSize) {
      flush();
      return rows.reads.scan(batchSize);
    },
    async count(where) {
      flush();
      return rows.reads.count(where);
    },
    size() {
      flush();
      return rows.size();
    },
    copyInto(target) {
      // Residents go through the staging table: SQLite fills the target's indexes markedly
      // faster from one INSERT … SELECT than from one bound row at a time.
      flush();
      db.exec(`INSERT INTO main.${quoteIdentifier(target)} (id, revision, doc) SELECT id, revision, doc FROM ${rows.from}`);
    },
  };
}

const serialize = (doc: ReadModelDocument | null): string | null => (doc === null ? null : JSON.stringify(doc));

/** The table's rows: stored documents by id, one upsert, and every read of the port. */
function tableRows<Doc extends ReadModelDocument>(db: Database, table: string) {
  const from = quoteIdentifier(table);
  const selectRow = db.prepare<[string], StoredRow>(`SELECT revision, doc FROM ${from} WHERE id = ?`);
  // Read-your-writes polls this: the revision alone, without copying the document out.
  const selectRevision = db.prepare<[string], number>(`SELECT revision FROM ${from} WHERE id = ?`).pluck();
  const upsertRow = db.prepare<[string, number, string | null]>(
    `INSERT INTO ${from} (id, revision, doc) VALUES (?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET revision = excluded.revision, doc = excluded.doc`,
  );
  const queries = new Map<string, Statement<SqlValue[], Record<string, unknown>>>();
  const prepared = (sql: string) => {
    let statement = queries.get(sql);
    if (!statement) {
      statement = db.prepare<SqlValue[], Record<string, unknown>>(sql);
      queries.set(sql, statement);
    }
    return statement;
  };

  const parse = (json: string): Doc => JSON.parse(json) as Doc;

  // One read transaction, so the statements of one page see the same snapshot.
  const readInOrder = db.transaction((statements: SqlFragment[], wanted: number) => {
    const rows: Array<Record<string, unknown>> = [];
    for (const { sql, params } of statements) {
      if (rows.length >= wanted) break;
      rows.push(...prepared(sql).all(...params, wanted - rows.length));
    }
    return rows;
  });

  const reads: Omit<DocumentCollection<Doc>, 'applyBatch' | 'onApplied'> = {
    async get(id) {
      const row = selectRow.get(id);
      return row?.doc ? parse(row.doc) : null;
    },

    async getJson(id) {
      const row = selectRow.get(id);
      return row?.doc ? { json: row.doc, revision: row.revision } : null;
    },

    async appliedRevision(id) {
      return selectRevision.get(id) ?? -1;
    },

    async find(query: DocumentQuery): Promise<DocumentPage<Doc>> {
      if (!Number.isInteger(query.limit) || query.limit < 1) throw new RangeError('limit must be a positive integer');
      const plan = chooseFindPlan(query, () => {
        const probe = probeSql(table, query);
        return prepared(probe.sql).get(...probe.params)?.n as number;
      });
      const { statements, keys } = findSql(table, query, plan);
      const rows = readInOrder(statements, query.limit + 1);
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      return {
        items: page.map((row) => parse(row.doc as string)),
        nextCursor: rows.length > query.limit ? encodeCursor(keys.map((_, i) => last[`k${i}`] as KeyValue)) : null,
      };
    },

    async *scan(batchSize = DEFAULT_SCAN_BATCH) {
      // Pages by id instead of one open iterator, so writes on this connection may interleave.
      const page = prepared(`SELECT id, doc FROM ${from} WHERE doc IS NOT NULL AND id > ? ORDER BY id LIMIT ?`);
      let after = '';
      for (;;) {
        const rows = page.all(after, batchSize);
        for (const row of rows) yield parse(row.doc as string);
        if (rows.length < batchSize) return;
        after = rows[rows.length - 1].id as string;
      }
    },

    async count(where?: Condition[]) {
      const { sql, params } = countSql(table, where);
      const row = prepared(sql).get(...params);
      return row?.n as number;
    },
  };

  const countRows = db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${from}`);
  return {
    from,
    reads,
    size: (): number => countRows.get()?.n ?? 0,
    load(id: string): StoredDocument<Doc> | undefined {
      const row = selectRow.get(id);
      return row && { revision: row.revision, doc: row.doc === null ? null : parse(row.doc) };
    },
    write(id: string, stored: StoredDocument<Doc>): void {
      upsertRow.run(id, stored.revision, serialize(stored.doc));
    },
  };
}
