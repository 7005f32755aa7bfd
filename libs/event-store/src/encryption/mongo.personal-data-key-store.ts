import { randomBytes, randomUUID } from 'node:crypto';
import { Binary, MongoClient, MongoServerError } from 'mongodb';
import { PersonalDataShreddedError, type DataKey, type PersonalDataKeyStore } from './personal-data-key-store.port';

export interface MongoPersonalDataKeyStoreOptions {
  uri: string;
  database: string;
  collection?: string;
}

interface StoredKey {
  _id: string;
  keyId: string;
  material: Binary | null;
}

const toKey = (stored: StoredKey | null): DataKey | 'shredded' | undefined =>
  stored === null ? undefined : stored.material === null ? 'shredded' : { id: stored.keyId, material: Buffer.from(stored.material.buffer) };

/**
 * The production key store: one MongoDB collection (a KMS adapter can replace it behind the same
 * port). Shredding overwrites the key material with null; the server's storage engine releases
 * the old bytes as it compacts, which docs/security.md points out.
 */
export async function createMongoPersonalDataKeyStore(options: MongoPersonalDataKeyStoreOptions): Promise<PersonalDataKeyStore> {
  const client = await new MongoClient(options.uri).connect();
  const keys = client.db(options.database).collection<StoredKey>(options.collection ?? 'personal_data_keys');
  return {
    keyFor: async (subject) => {
      const upsert = () =>
        keys.findOneAndUpdate(
          { _id: subject },
          { $setOnInsert: { keyId: randomUUID(), material: new Binary(randomBytes(32)) } },
          { upsert: true, returnDocument: 'after' },
        );
      // Two first writers may both try the insert; the loser's retry finds the winner's key.
      const stored = await upsert().catch((error: unknown) => {
        if (error instanceof MongoServerError && error.code === 11000) return upsert();
        throw error;
      });
      const key = toKey(stored);
      if (key === undefined || key === 'shredded') throw new PersonalDataShreddedError(subject);
      return key;
    },
    find: async (subject) => toKey(await keys.findOne({ _id: subject })),
    shred: async (subject) =>
      void (await keys.updateOne({ _id: subject }, { $set: { material: null }, $setOnInsert: { keyId: randomUUID() } }, { upsert: true })),
    close: () => client.close(),
  };
}
