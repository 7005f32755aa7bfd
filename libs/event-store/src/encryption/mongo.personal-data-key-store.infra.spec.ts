import { MongoClient } from 'mongodb';
import { createMongoPersonalDataKeyStore } from './mongo.personal-data-key-store';
import { describePersonalDataKeyStoreContract } from './testing/personal-data-key-store.contract';

const uri = process.env.MONGODB_URI;
if (!uri) throw new Error('MONGODB_URI is not set: run under infra/ferretdb/with-ferretdb.sh or point it at a MongoDB server');

const database = `crm_data_keys_${process.pid}`;
let run = 0;
afterAll(async () => {
  const client = await new MongoClient(uri).connect();
  await client.db(database).dropDatabase();
  await client.close();
});

describePersonalDataKeyStoreContract('MongoDB', () => createMongoPersonalDataKeyStore({ uri, database, collection: `keys_${++run}` }));
