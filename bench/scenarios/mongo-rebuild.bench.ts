import { MongoClient, type AnyBulkWriteOperation, type Document } from 'mongodb';
import { REBUILD_PAGE_SIZE, createReadModels, rebuildReadModel } from '@crm/application';
import { createSqliteEventStore } from '@crm/event-store';
import { CUSTOMER_VIEW, createMongoDocumentStore, writeLimitsOf, type ReadModelDefinition } from '@crm/read-models';
import { attempt, infraServers, seedInfraCustomerLog } from '../support/infra-servers';
import { logPages } from '../support/raw-log';
import { NotRunError, type BenchContext, type BenchRow } from '../support/scenario';
import { nowMs, perSecond, progress } from '../support/timing';

const NAME = 'Projection rebuild into MongoDB';
/** The issue's raw baseline: bulkWrites of this many upserts. */
const RAW_BATCH = 1_000;

async function mongoRebuild(uri: string, eventsFile: string, events: number, model: ReadModelDefinition, runId: string): Promise<BenchRow> {
  const oursDatabase = `crm_bench_${runId}_ours`;
  const rawDatabase = `crm_bench_${runId}_raw`;
  const client = new MongoClient(uri);
  try {
    progress('MongoDB rebuild: raw driver loop');
    // FerretDB v1 cannot take more than that many updates in one command; the adapter splits the same way.
    const batch = Math.min(RAW_BATCH, (await writeLimitsOf(client.db(rawDatabase))).updatesPerCommand);
    const rawStartedAt = nowMs();
    const collection = client.db(rawDatabase).collection<Document>(model.collection.name);
    // rebuildReadModel's own pages.
    for (const page of logPages(eventsFile, REBUILD_PAGE_SIZE)) {
      const relevant = page.filter((event) => model.projection.canHandle(event));
      const ids = [...new Set(relevant.flatMap((event) => model.projection.documentIds(event)))];
      const found = await collection.find({ _id: { $in: ids } } as Document).toArray();
      const stored = new Map(found.map(({ _id, _revision: _unused, ...doc }) => [String(_id), doc]));
      const docs = new Map<string, { revision: number; doc: Document | null }>();
      for (const event of relevant) {
        for (const id of model.projection.documentIds(event)) {
          const current = docs.has(id) ? (docs.get(id)?.doc ?? null) : (stored.get(id) ?? null);
          docs.set(id, { revision: event.revision, doc: model.projection.evolve(current as never, event) as Document | null });
        }
      }
      const upserts = [...docs].map(([id, { revision, doc }]): AnyBulkWriteOperation<Document> => ({
        updateOne: { filter: { _id: id } as Document, update: { $set: { ...doc, _revision: revision } }, upsert: true },
      }));
      for (let start = 0; start < upserts.length; start += batch) {
        await collection.bulkWrite(upserts.slice(start, start + batch), { ordered: false });
      }
    }
    const indexer = createMongoDocumentStore({ uri, database: rawDatabase });
    await indexer.collection(model.collection);
    await indexer.close();
    const rawMs = nowMs() - rawStartedAt;

    progress('MongoDB rebuild: rebuildReadModel');
    const store = createSqliteEventStore({ filename: eventsFile });
    const documents = createMongoDocumentStore({ uri, database: oursDatabase });
    const oursStartedAt = nowMs();
    await rebuildReadModel(store, documents, model);
    const oursMs = nowMs() - oursStartedAt;
    await documents.close();
    await store.close();

    return {
      kind: 'measured',
      name: NAME,
      ours: { value: perSecond(events, oursMs), unit: 'events/s', label: 'rebuildReadModel into createMongoDocumentStore (fresh collection written by id without the revision guard, since no other writer reaches it; one bulkWrite per page, split into commands of 50 updates on FerretDB v1; indexes built after the load; rename at the swap)' },
      baseline: {
        value: perSecond(events, rawMs),
        unit: 'events/s',
        label: `mongodb driver loop: the same pages of ${REBUILD_PAGE_SIZE.toLocaleString('en-US')} events and the same projection, the documents written by unordered bulkWrites of ${RAW_BATCH.toLocaleString('en-US')} updateOne upserts (${Number.isFinite(batch) && batch < RAW_BATCH ? `${batch} on this server, as the adapter` : 'as the issue sets'}), the same indexes afterwards`,
      },
      target: { minRatio: 0.7 },
      notes: [
        `${events.toLocaleString('en-US')} events read from an embedded event store; server ${uri.replace(/\/\/[^@]*@/, '//')}`,
      ],
    };
  } finally {
    await client.db(oursDatabase).dropDatabase().catch(() => undefined);
    await client.db(rawDatabase).dropDatabase().catch(() => undefined);
    await client.close();
  }
}

/** Rebuilding the unified customer view into a MongoDB-compatible server; run only with --infra. */
export async function run(context: BenchContext): Promise<BenchRow[]> {
  const { mongoUri, runId } = infraServers(context, ['mongo']);
  const model = createReadModels().find((candidate) => candidate.collection.name === CUSTOMER_VIEW);
  if (!model) throw new NotRunError(`createReadModels() has no ${CUSTOMER_VIEW} read model`);
  // Three pages keep both passes (at 120 to 150 events/s on FerretDB here) within the minute a scenario may take.
  const log = await seedInfraCustomerLog(context, 3);
  return [await attempt(NAME, () => mongoRebuild(mongoUri, log.eventsFile, log.events, model, runId))];
}
