import { MongoClient, type Collection, type Db } from 'mongodb';
import type { CollectionDefinition, DocumentCollection, DocumentStore } from '../document-store.port';
import type { ReadModelDocument } from '../projection';
import { createMongoCollection, createMongoIndexes } from './mongo.document-collection';
import { AppliedSignal } from '../applied-signal';
import type { MongoStoredDocument } from './mongo.query';
import { NAMESPACE_NOT_FOUND, isServerError, writeLimitsOf, type WriteLimits } from './mongo.server';

export { writeLimitsOf, type WriteLimits } from './mongo.server';

export interface MongoDocumentStoreOptions {
  uri: string;
  database: string;
}

interface Checkpoint {
  _id: string;
  position: number;
}

const CHECKPOINTS = 'checkpoints';
const REBUILD_SUFFIX = '__rebuild';
const REPLACED_SUFFIX = '__replaced';
const COLLECTION_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
const NOT_IMPLEMENTED = 238;

function assertCollectionName(name: string): void {
  if (!COLLECTION_NAME.test(name) || name === CHECKPOINTS || name.includes('__')) {
    throw new RangeError(`Invalid collection name: ${name}`);
  }
}

/** Drops a collection; MongoDB before 7.0 reports a missing one as an error. */
async function dropIfExists(db: Db, name: string): Promise<void> {
  try {
    await db.collection(name).drop();
  } catch (error) {
    if (!isServerError(error, NAMESPACE_NOT_FOUND)) throw error;
  }
}

/**
 * Swaps `fresh` in under `name`. MongoDB renames with dropTarget atomically. FerretDB v1 does
 * not implement dropTarget; there the old collection is renamed aside first, so readers see
 * no collection (empty results) between the two renames.
 */
async function swapIn(db: Db, fresh: string, name: string): Promise<void> {
  try {
    await db.collection(fresh).rename(name, { dropTarget: true });
    return;
  } catch (error) {
    if (!isServerError(error, NOT_IMPLEMENTED)) throw error;
  }
  const replaced = `${name}${REPLACED_SUFFIX}`;
  await dropIfExists(db, replaced);
  try {
    await db.collection(name).rename(replaced);
  } catch (error) {
    if (!isServerError(error, NAMESPACE_NOT_FOUND)) throw error;
  }
  await db.collection(fresh).rename(name);
  await dropIfExists(db, replaced);
}

export function createMongoDocumentStore(options: MongoDocumentStoreOptions): DocumentStore {
  const client = new MongoClient(options.uri);
  const db = client.db(options.database);
  const checkpoints = db.collection<Checkpoint>(CHECKPOINTS);
  const stored = (name: string): Collection<MongoStoredDocument> => db.collection<MongoStoredDocument>(name);
  const applied = new AppliedSignal();
  let limits: Promise<WriteLimits> | undefined;
  const writeLimits = (): Promise<WriteLimits> =>
    (limits ??= writeLimitsOf(db).catch((error: unknown) => {
      // Asked again next time: the server may only be starting.
      limits = undefined;
      throw error;
    }));

  return {
    async collection<Doc extends ReadModelDocument>(definition: CollectionDefinition): Promise<DocumentCollection<Doc>> {
      assertCollectionName(definition.name);
      await createMongoIndexes(stored(definition.name), definition);
      return createMongoCollection<Doc>(stored(definition.name), { limits: await writeLimits(), exclusive: false, signal: applied });
    },

    async rebuildInto<Doc extends ReadModelDocument>(
      definition: CollectionDefinition,
      build: (fresh: DocumentCollection<Doc>) => Promise<void>,
    ): Promise<void> {
      assertCollectionName(definition.name);
      const fresh = `${definition.name}${REBUILD_SUFFIX}`;
      // A crashed rebuild leaves its collection behind; it holds nothing worth keeping.
      await dropIfExists(db, fresh);
      try {
        await build(createMongoCollection<Doc>(stored(fresh), { limits: await writeLimits(), exclusive: true, signal: new AppliedSignal() }));
        // Built once over the loaded documents rather than maintained through every write of the load.
        await createMongoIndexes(stored(fresh), definition);
      } catch (error) {
        await dropIfExists(db, fresh);
        throw error;
      }
      await swapIn(db, fresh, definition.name);
    },

    async loadCheckpoint(name) {
      return (await checkpoints.findOne({ _id: name }))?.position;
    },

    async saveCheckpoint(name, position) {
      await checkpoints.updateOne({ _id: name }, { $set: { position } }, { upsert: true });
    },

    async close() {
      await client.close();
    },
  };
}
