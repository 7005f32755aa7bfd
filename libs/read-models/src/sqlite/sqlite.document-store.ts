import Database from 'better-sqlite3';
import type { CollectionDefinition, DocumentCollection, DocumentStore } from '../document-store.port';
import type { ReadModelDocument } from '../projection';
import { createSqliteCollection, createSqliteIndexes, createSqliteTable } from './sqlite.document-collection';
import { quoteIdentifier } from './sqlite.query';

export interface SqliteDocumentStoreOptions {
  filename: string;
  /** FULL (default) makes every committed batch and checkpoint survive a power loss in WAL mode. */
  synchronous?: 'OFF' | 'NORMAL' | 'FULL' | 'EXTRA';
}

const CHECKPOINTS = 'checkpoints';
const REBUILD_MARK = '__rebuild_';
const COLLECTION_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

function assertCollectionName(name: string): void {
  if (!COLLECTION_NAME.test(name) || name === CHECKPOINTS || name.includes('__')) {
    throw new RangeError(`Invalid collection name: ${name}`);
  }
}

export function createSqliteDocumentStore(options: SqliteDocumentStoreOptions): DocumentStore {
  const db = new Database(options.filename);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
  db.exec(`CREATE TABLE IF NOT EXISTS ${CHECKPOINTS} (name TEXT PRIMARY KEY, position INTEGER NOT NULL)`);
  const loadCheckpoint = db.prepare<[string], { position: number }>(`SELECT position FROM ${CHECKPOINTS} WHERE name = ?`);
  const saveCheckpoint = db.prepare<[string, number]>(
    `INSERT INTO ${CHECKPOINTS} (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position`,
  );
  let rebuilds = 0;

  const leftoverRebuildTables = (name: string): string[] =>
    db
      .prepare<[], { name: string }>(`SELECT name FROM sqlite_schema WHERE type = 'table'`)
      .all()
      .map((row) => row.name)
      .filter((table) => table.startsWith(`${name}${REBUILD_MARK}`));

  // Indexes are created on the renamed table inside the swap, so they keep their canonical
  // names; readers on other connections see the old table (WAL snapshot) until the commit.
  const swap = db.transaction((definition: CollectionDefinition, fresh: string) => {
    db.exec(`DROP TABLE IF EXISTS ${quoteIdentifier(definition.name)}`);
    db.exec(`ALTER TABLE ${quoteIdentifier(fresh)} RENAME TO ${quoteIdentifier(definition.name)}`);
    createSqliteIndexes(db, definition);
  });

  return {
    async collection<Doc extends ReadModelDocument>(definition: CollectionDefinition): Promise<DocumentCollection<Doc>> {
      assertCollectionName(definition.name);
      createSqliteTable(db, definition.name);
      createSqliteIndexes(db, definition);
      return createSqliteCollection<Doc>(db, definition.name);
    },

    async rebuildInto<Doc extends ReadModelDocument>(
      definition: CollectionDefinition,
      build: (fresh: DocumentCollection<Doc>) => Promise<void>,
    ): Promise<void> {
      assertCollectionName(definition.name);
      // A crashed rebuild leaves its table behind; it holds nothing worth keeping.
      for (const table of leftoverRebuildTables(definition.name)) db.exec(`DROP TABLE ${quoteIdentifier(table)}`);
      rebuilds += 1;
      const fresh = `${definition.name}${REBUILD_MARK}${rebuilds}`;
      createSqliteTable(db, fresh);
      try {
        await build(createSqliteCollection<Doc>(db, fresh));
      } catch (error) {
        db.exec(`DROP TABLE ${quoteIdentifier(fresh)}`);
        throw error;
      }
      swap(definition, fresh);
    },

    async loadCheckpoint(name) {
      return loadCheckpoint.get(name)?.position;
    },

    async saveCheckpoint(name, position) {
      saveCheckpoint.run(name, position);
    },

    async close() {
      db.close();
    },
  };
}
