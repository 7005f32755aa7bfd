import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CollectionDefinition, DocumentQuery } from '../document-store.port';
import { createSqliteDocumentStore } from '../sqlite/sqlite.document-store';
import { findSql, type FindPlan } from '../sqlite/sqlite.query';

export interface SqliteQueryPlans {
  /** SQLite's EXPLAIN QUERY PLAN lines for each statement of a find, in order. */
  explain(table: string, query: DocumentQuery, plan?: FindPlan): string[];
  close(): void;
}

/** The collections created as the store creates them (tables and declared indexes), in a file of their own, read-only. */
export async function sqliteQueryPlans(definitions: CollectionDefinition[]): Promise<SqliteQueryPlans> {
  const dir = mkdtempSync(join(tmpdir(), 'crm-query-plans-'));
  const filename = join(dir, 'read.db');
  const store = createSqliteDocumentStore({ filename });
  for (const definition of definitions) await store.collection(definition);
  await store.close();
  const db = new Database(filename, { readonly: true });
  return {
    explain: (table, query, plan) =>
      findSql(table, query, plan).statements.flatMap(({ sql, params }) =>
        db
          .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
          .all(...params, query.limit + 1)
          .map((row) => row.detail),
      ),
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
