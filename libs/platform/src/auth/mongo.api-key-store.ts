import { MongoClient } from 'mongodb';
import type { ApiKeyRecord } from './api-key';
import type { ApiKeyStore } from './api-key-store.port';

export interface MongoApiKeyStoreOptions {
  uri: string;
  database: string;
  collection?: string;
}

type StoredKey = Omit<ApiKeyRecord, 'id'> & { _id: string };

const toRecord = ({ _id, ...rest }: StoredKey): ApiKeyRecord => ({ id: _id, ...rest });

/** The production API key store: one MongoDB collection with a unique index on the hash. */
export async function createMongoApiKeyStore(options: MongoApiKeyStoreOptions): Promise<ApiKeyStore> {
  const client = await new MongoClient(options.uri).connect();
  const keys = client.db(options.database).collection<StoredKey>(options.collection ?? 'api_keys');
  await keys.createIndex({ keyHash: 1 }, { unique: true });
  await keys.createIndex({ createdAt: 1 });

  return {
    add: async ({ id, ...rest }) => void (await keys.insertOne({ _id: id, ...rest })),
    findActive: async (keyHash) => {
      const found = await keys.findOne({ keyHash, revokedAt: null });
      return found ? toRecord(found) : undefined;
    },
    list: async () => (await keys.find().sort({ createdAt: 1, _id: 1 }).toArray()).map(toRecord),
    revoke: async (id, at) => {
      const found = await keys.findOne({ _id: id });
      if (!found) return false;
      await keys.updateOne({ _id: id, revokedAt: null }, { $set: { revokedAt: at } });
      return true;
    },
    close: () => client.close(),
  };
}
