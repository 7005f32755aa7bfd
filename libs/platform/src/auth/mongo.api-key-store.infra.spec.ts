import { MongoClient } from 'mongodb';
import { createMongoApiKeyStore } from './mongo.api-key-store';
import { describeApiKeyStoreContract } from './testing/api-key-store.contract';

const uri = process.env.MONGODB_URI;
if (!uri) throw new Error('MONGODB_URI is not set: run under infra/ferretdb/with-ferretdb.sh or point it at a MongoDB server');

const database = `crm_api_keys_${process.pid}`;
let run = 0;
afterAll(async () => {
  const client = await new MongoClient(uri).connect();
  await client.db(database).dropDatabase();
  await client.close();
});

describeApiKeyStoreContract('MongoDB', () => createMongoApiKeyStore({ uri, database, collection: `api_keys_${++run}` }));
