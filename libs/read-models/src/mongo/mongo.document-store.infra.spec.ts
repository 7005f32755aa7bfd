import { MongoClient, type Document } from 'mongodb';
import type { Condition } from '../document-store.port';
import { contactsDefinition, describeDocumentStoreContract } from '../testing/document-store.contract';
import { createMongoDocumentStore } from './mongo.document-store';
import { mongoFind, type MongoStoredDocument } from './mongo.query';

const uri = process.env.MONGODB_URI;
if (!uri) throw new Error('MONGODB_URI is not set: run under infra/ferretdb/with-ferretdb.sh or point it at a MongoDB server');
/** infra/ferretdb/with-ferretdb.sh sets MONGODB_SERVER=ferretdb; a real MongoDB needs nothing. */
const onFerretDb = process.env.MONGODB_SERVER === 'ferretdb';

// One database per contract test; the prefix keeps reruns against a shared server apart.
const prefix = `crm_contract_${process.pid}`;
const client = new MongoClient(uri);
const databases = new Set<string>();
afterAll(async () => {
  await Promise.all([...databases].map((name) => client.db(name).dropDatabase()));
  await client.close();
});

describeDocumentStoreContract(
  onFerretDb ? 'MongoDB adapter on FerretDB' : 'MongoDB',
  async (location) => {
    const database = `${prefix}_${location.replace(/\W/g, '_')}`;
    databases.add(database);
    return createMongoDocumentStore({ uri, database });
  },
  { atomicConditionalUpdates: !onFerretDb },
);

it('knows which server it runs against (MONGODB_SERVER=ferretdb exactly when the server is FerretDB)', async () => {
  const buildInfo = await client.db('admin').command({ buildInfo: 1 });

  expect(buildInfo.ferretdbVersion !== undefined).toBe(onFerretDb);
});

describe('MongoDB document store indexes', () => {
  const database = `${prefix}_indexes`;
  const collection = () => client.db(database).collection<MongoStoredDocument>('contacts');

  beforeAll(async () => {
    databases.add(database);
    const store = createMongoDocumentStore({ uri, database });
    await store.collection(contactsDefinition);
    await store.close();
  });

  const declaredIndexQueries: Array<[string, Condition[]]> = [
    ['tier, score', [{ field: 'tier', op: 'eq', value: 'gold' }, { field: 'score', op: 'gte', value: 80 }]],
    ['nameKey', [{ field: 'nameKey', op: 'startsWith', value: 'Al' }]],
    ['address.region', [{ field: 'address.region', op: 'in', values: ['north', 'south'] }]],
    ['vip', [{ field: 'vip', op: 'eq', value: true }]],
  ];

  const explain = (where: Condition[]): Promise<Document> => {
    const { filter, sort, limit } = mongoFind({ where, limit: 10 });
    return collection().find(filter, { sort, limit }).explain('queryPlanner');
  };

  it('creates one index per declared field combination', async () => {
    const keys = (await collection().listIndexes().toArray()).map((index) => index.key as Document);

    expect(keys).toEqual(
      expect.arrayContaining([{ tier: 1, score: 1 }, { nameKey: 1 }, { 'address.region': 1 }, { vip: 1 }]),
    );
  });

  it('drops an index the definition no longer declares and keeps the declared ones', async () => {
    await collection().createIndex({ nameKey: 1, score: 1 }, { name: 'by__nameKey__score' });

    const store = createMongoDocumentStore({ uri, database });
    await store.collection(contactsDefinition);
    await store.close();

    const names = (await collection().listIndexes().toArray()).map((index) => String(index.name)).sort();
    expect(names).toEqual(['_id_', 'by__address.region', 'by__nameKey', 'by__tier__score', 'by__vip']);
  });

  const onMongoDb = onFerretDb ? it.skip : it;
  const onFerretDbOnly = onFerretDb ? it : it.skip;

  onMongoDb.each(declaredIndexQueries)('answers a %s query from that index, not a collection scan', async (_index, where) => {
    const stages = JSON.stringify((await explain(where)).queryPlanner);

    expect(stages).toContain('"IXSCAN"');
    expect(stages).not.toContain('"COLLSCAN"');
  });

  // FerretDB v1 (SQLite backend) keeps the declared indexes but pushes only an `_id` equality
  // down to SQLite; every other filter runs in memory after a full scan. Its explain says so.
  onFerretDbOnly('reports that it filters declared-index queries in memory and pushes only id lookups down', async () => {
    const pushdowns = await Promise.all(declaredIndexQueries.map(async ([, where]) => (await explain(where)).filterPushdown));
    const idLookup = await collection().find({ _id: 'c1' }).explain('queryPlanner');

    expect(pushdowns).toEqual([false, false, false, false]);
    expect(idLookup.filterPushdown).toBe(true);
  });
});
