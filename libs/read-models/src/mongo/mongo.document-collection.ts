import { MongoBulkWriteError, type AnyBulkWriteOperation, type Collection } from 'mongodb';
import type { AppliedSignal } from '../applied-signal';
import { evolveBatch, touchedDocumentIds, type DocumentWrite, type StoredDocument } from '../batch-evolution';
import { indexColumn, indexKeyName, type CollectionDefinition, type DocumentCollection, type DocumentPage, type DocumentQuery } from '../document-store.port';
import { encodeCursor } from '../keyset-cursor';
import type { ReadModelDocument } from '../projection';
import { LIVE, fieldName, mongoDirection, mongoFind, valueAt, whereFilter, type MongoStoredDocument } from './mongo.query';
import { NAMESPACE_NOT_FOUND, isServerError, type WriteLimits } from './mongo.server';

const DEFAULT_SCAN_BATCH = 500;
const DUPLICATE_KEY = 11000;
/** Each retry reloads and re-evolves only what a concurrent writer got to first, so few are ever needed. */
const MAX_WRITE_ATTEMPTS = 5;

/**
 * One index per declared field combination, named after its fields; any other index but `_id`'s
 * is dropped, so a changed declaration does not leave every write paying for an index no query uses.
 */
export async function createMongoIndexes(
  collection: Collection<MongoStoredDocument>,
  definition: CollectionDefinition,
): Promise<string[]> {
  const declared = new Map(definition.indexes.map((keys) => [`by__${indexKeyName(keys)}`, keys]));
  const existing = await collection
    .listIndexes()
    .toArray()
    .catch((error: unknown) => {
      if (isServerError(error, NAMESPACE_NOT_FOUND)) return [];
      throw error;
    });
  const stale = existing.map((index) => String(index.name)).filter((name) => name !== '_id_' && !declared.has(name));
  for (const name of stale) await collection.dropIndex(name);
  return Promise.all(
    [...declared].map(([name, keys]) =>
      collection.createIndex(
        keys.map(indexColumn).map((key): [string, 1 | -1] => [fieldName(key.field), mongoDirection(key)]),
        { name },
      ),
    ),
  );
}

function fromStored<Doc>(stored: MongoStoredDocument): StoredDocument<Doc> {
  const { _id, _revision, _deleted, ...doc } = stored;
  return { revision: _revision, doc: _deleted ? null : (doc as Doc) };
}

function toStored<Doc extends ReadModelDocument>(write: DocumentWrite<Doc>): MongoStoredDocument {
  return write.doc === null
    ? { _id: write.id, _revision: write.revision, _deleted: true }
    : { ...write.doc, _id: write.id, _revision: write.revision };
}

const readDocument = <Doc>(stored: MongoStoredDocument): Doc => fromStored<Doc>(stored).doc as Doc;

/**
 * One guarded write per document in a single unordered bulkWrite (split only where the server
 * cannot take that many updates in one command): an update only matches the revision it was
 * computed from and a creation fails on an existing id, so a concurrent or redelivering writer
 * can never move a document backwards. Returns false if any write lost.
 */
async function writeGuarded<Doc extends ReadModelDocument>(
  collection: Collection<MongoStoredDocument>,
  writes: DocumentWrite<Doc>[],
  { limits, exclusive }: WriteSettings,
): Promise<boolean> {
  const chunks: Array<Array<AnyBulkWriteOperation<MongoStoredDocument>>> = [[]];
  let updatesInChunk = 0;
  for (const write of writes) {
    if (write.previousRevision < 0) {
      chunks[chunks.length - 1].push({ insertOne: { document: toStored(write) } });
      continue;
    }
    if (updatesInChunk === limits.updatesPerCommand) {
      chunks.push([]);
      updatesInChunk = 0;
    }
    const filter = exclusive ? { _id: write.id } : { _id: write.id, _revision: write.previousRevision };
    chunks[chunks.length - 1].push({ replaceOne: { filter, replacement: toStored(write) } });
    updatesInChunk += 1;
  }
  let allWon = true;
  for (const operations of chunks) {
    const updates = operations.filter((operation) => 'replaceOne' in operation).length;
    try {
      const result = await collection.bulkWrite(operations, { ordered: false });
      allWon &&= result.matchedCount === updates;
    } catch (error) {
      const lostCreations =
        error instanceof MongoBulkWriteError && [error.writeErrors].flat().every((writeError) => writeError.code === DUPLICATE_KEY);
      if (!lostCreations) throw error;
      allWon = false;
    }
  }
  return allWon;
}

export interface WriteSettings {
  limits: WriteLimits;
  /** Wakes this process's read-your-writes waits on the collection after each applied batch. */
  signal: AppliedSignal;
  /**
   * No other writer can reach the collection (a rebuild's fresh one), so an update needs no
   * revision guard and is found by id alone: the one lookup FerretDB v1 answers from its index
   * instead of scanning the collection.
   */
  exclusive: boolean;
}

/** A collection bound by name, so a rebuild's rename swaps the data under it. */
export function createMongoCollection<Doc extends ReadModelDocument>(
  collection: Collection<MongoStoredDocument>,
  settings: WriteSettings,
): DocumentCollection<Doc> {
  return {
    async applyBatch(projection, events) {
      const ids = touchedDocumentIds(projection, events);
      for (let attempt = 1; ids.length > 0; attempt += 1) {
        const loaded = await collection.find({ _id: { $in: ids } }).toArray();
        const stored = new Map(loaded.map((doc) => [doc._id, fromStored<Doc>(doc)]));
        const writes = evolveBatch(projection, events, (id) => stored.get(id));
        if (writes.length === 0) return;
        if (await writeGuarded(collection, writes, settings)) {
          settings.signal.applied(collection.collectionName, writes.map((write) => write.id));
          return;
        }
        if (attempt === MAX_WRITE_ATTEMPTS) {
          throw new Error(`Gave up applying a batch to ${collection.collectionName} after ${attempt} conflicting attempts`);
        }
      }
    },

    async get(id) {
      const stored = await collection.findOne({ _id: id, ...LIVE });
      return stored && readDocument<Doc>(stored);
    },

    async getJson(id) {
      const stored = await collection.findOne({ _id: id, ...LIVE });
      return stored && { json: JSON.stringify(readDocument<Doc>(stored)), revision: stored._revision };
    },

    onApplied: (id, listener) => settings.signal.listen(collection.collectionName, id, listener),

    async appliedRevision(id) {
      const stored = await collection.findOne({ _id: id }, { projection: { _revision: 1 } });
      return stored?._revision ?? -1;
    },

    async find(query: DocumentQuery): Promise<DocumentPage<Doc>> {
      if (!Number.isInteger(query.limit) || query.limit < 1) throw new RangeError('limit must be a positive integer');
      const { filter, sort, limit, keyFields } = mongoFind(query);
      const found = await collection.find(filter, { sort, limit }).toArray();
      const page = found.slice(0, query.limit);
      const last = page[page.length - 1];
      return {
        items: page.map((stored) => readDocument<Doc>(stored)),
        nextCursor: found.length > query.limit ? encodeCursor(keyFields.map((field) => valueAt(last, field))) : null,
      };
    },

    async *scan(batchSize = DEFAULT_SCAN_BATCH) {
      // Pages by _id instead of one long-lived server cursor, which times out if the consumer is slow.
      let after: string | undefined;
      for (;;) {
        const filter = after === undefined ? LIVE : { ...LIVE, _id: { $gt: after } };
        const page = await collection.find(filter, { sort: [['_id', 1]], limit: batchSize }).toArray();
        for (const stored of page) yield readDocument<Doc>(stored);
        if (page.length < batchSize) return;
        after = page[page.length - 1]._id;
      }
    },

    async count(where) {
      return collection.countDocuments(whereFilter(where));
    },
  };
}
