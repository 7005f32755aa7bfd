import Database from 'better-sqlite3';
import type { CollectionDefinition, DocumentCollection, DocumentStore } from '../document-store.port';
import { AppliedSignal } from '../applied-signal';
import type { ReadModelDocument } from '../projection';
import { createSqliteCollection, createSqliteIndexes, createSqliteStagingCollection, createSqliteTable, type StagingCollection } from './sqlite.document-collection';
import { quoteIdentifier } from './sqlite.query';

export interface SqliteDocumentStoreOptions {
  filename: string;
  /** FULL (default) makes every committed batch and checkpoint survive a power loss in WAL mode. */
  synchronous?: 'OFF' | 'NORMAL' | 'FULL' | 'EXTRA';
  /**
   * Most documents a rebuild keeps in memory between pages (default
   * DEFAULT_REBUILD_RESIDENT_DOCUMENTS); the rest take a round trip through the staging table on
   * every page that touches them.
   */
  rebuildResidentDocuments?: number;
  /**
   * Largest rebuilt collection whose rows are copied into a table that already has its indexes
   * (default DEFAULT_REBUILD_INDEXES_FIRST_UP_TO); a larger one gets its indexes built after the
   * copy.
   */
  rebuildIndexesFirstUpTo?: number;
}

const CHECKPOINTS = 'checkpoints';
/** About 250 MB of customer views. */
export const DEFAULT_REBUILD_RESIDENT_DOCUMENTS = 100_000;
/**
 * Where building each index by sorting after the copy overtakes filling the indexes row by row,
 * measured on customer views (18 indexes): at 86k documents 6.5 s copying into the indexed table
 * against 12 s building afterwards, at 200k 39 s against 25 s, at 1M 335 s against 164 s.
 */
export const DEFAULT_REBUILD_INDEXES_FIRST_UP_TO = 150_000;
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
  const applied = new AppliedSignal();

  const leftoverRebuildTables = (name: string): string[] =>
    db
      .prepare<[], { name: string }>(`SELECT name FROM sqlite_schema WHERE type = 'table'`)
      .all()
      .map((row) => row.name)
      .filter((table) => table.startsWith(`${name}${REBUILD_MARK}`));

  // Copied into a table that already has its indexes, each row's JSON is parsed once for all
  // of them, where an index built afterwards parses it once per index; but once the indexes
  // outgrow the page cache, their row-by-row inserts land on pages read back from disk, while an
  // index built afterwards is sorted first and written in order. Readers on other connections
  // see the old table (WAL snapshot) until the commit.
  const indexesFirstUpTo = options.rebuildIndexesFirstUpTo ?? DEFAULT_REBUILD_INDEXES_FIRST_UP_TO;
  const swap = db.transaction((definition: CollectionDefinition, fresh: StagingCollection<ReadModelDocument>) => {
    db.exec(`DROP TABLE IF EXISTS main.${quoteIdentifier(definition.name)}`);
    createSqliteTable(db, definition.name);
    const indexesFirst = fresh.size() <= indexesFirstUpTo;
    if (indexesFirst) createSqliteIndexes(db, definition);
    fresh.copyInto(definition.name);
    if (!indexesFirst) createSqliteIndexes(db, definition);
  });

  return {
    async collection<Doc extends ReadModelDocument>(definition: CollectionDefinition): Promise<DocumentCollection<Doc>> {
      assertCollectionName(definition.name);
      createSqliteTable(db, definition.name);
      createSqliteIndexes(db, definition);
      return createSqliteCollection<Doc>(db, definition.name, applied);
    },

    async rebuildInto<Doc extends ReadModelDocument>(
      definition: CollectionDefinition,
      build: (fresh: DocumentCollection<Doc>) => Promise<void>,
    ): Promise<void> {
      assertCollectionName(definition.name);
      // Rebuilds used to stage in the main file, where a crashed one left its table behind.
      for (const table of leftoverRebuildTables(definition.name)) db.exec(`DROP TABLE ${quoteIdentifier(table)}`);
      rebuilds += 1;
      // Staged in TEMP: nothing reads it before the swap, so its page writes need no WAL and no
      // fsync, they never hold the main file's write lock, and a crash leaves nothing behind.
      // The swap itself is one transaction on the main file, as durable as any batch.
      const staging = `${definition.name}${REBUILD_MARK}${rebuilds}`;
      createSqliteTable(db, staging, 'temp');
      try {
        const fresh = createSqliteStagingCollection<Doc>(db, staging, options.rebuildResidentDocuments ?? DEFAULT_REBUILD_RESIDENT_DOCUMENTS);
        await build(fresh);
        swap(definition, fresh);
      } finally {
        db.exec(`DROP TABLE temp.${quoteIdentifier(staging)}`);
      }
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
