import { Kafka, Partitioners, logLevel, type Message } from 'kafkajs';
import { MongoClient, type AnyBulkWriteOperation, type Document } from 'mongodb';
import { join } from 'node:path';
import { REBUILD_PAGE_SIZE, createReadModels, rebuildReadModel } from '@crm/application';
import { CUSTOMER_STREAM_PREFIX, customerIdOfStream, type RecordedEvent } from '@crm/contracts';
import { createSqliteEventStore } from '@crm/event-store';
import { createKafkaEventBus } from '@crm/messaging';
import { CUSTOMER_VIEW, createMongoDocumentStore, createSqliteDocumentStore, writeLimitsOf, type ReadModelDefinition } from '@crm/read-models';
import { alternate } from '../support/alternate';
import { seedCustomerLog } from '../support/customer-log-seed';
import { logPages } from '../support/raw-log';
import { measureLag } from '../support/lag-driver';
import { NotRunError, notRun, type BenchContext, type BenchRow } from '../support/scenario';
import { summarize, type LatencySummary } from '../support/percentiles';
import { nowMs, perSecond, progress } from '../support/timing';

/** rebuildReadModel's page size, and the relay's batch size: each baseline uses the same. */
const REBUILD_PAGE = REBUILD_PAGE_SIZE;
const RELAY_BATCH = 500;
/** The relay app's checkpoint interval (apps/event-relay). */
const RELAY_CHECKPOINT_INTERVAL_MS = 1000;
const RELAY_ROUNDS = 3;
const PARTITIONS = 12;
/** A row that hangs (a server that stops answering) is reported as failed instead of stalling the suite. */
const ROW_TIMEOUT_MS = 240_000;
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
    for (const page of logPages(eventsFile, REBUILD_PAGE)) {
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
      name: 'Projection rebuild into MongoDB',
      ours: { value: perSecond(events, oursMs), unit: 'events/s', label: 'rebuildReadModel into createMongoDocumentStore (fresh collection written by id without the revision guard, since no other writer reaches it; one bulkWrite per page, split into commands of 50 updates on FerretDB v1; indexes built after the load; rename at the swap)' },
      baseline: {
        value: perSecond(events, rawMs),
        unit: 'events/s',
        label: `mongodb driver loop: the same pages of ${REBUILD_PAGE.toLocaleString('en-US')} events and the same projection, the documents written by unordered bulkWrites of ${RAW_BATCH.toLocaleString('en-US')} updateOne upserts (${Number.isFinite(batch) && batch < RAW_BATCH ? `${batch} on this server, as the adapter` : 'as the issue sets'}), the same indexes afterwards`,
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

/** The same messages as ours: key, JSON value and the five routing headers. */
const rawRelayMessage = (event: RecordedEvent): Message => ({
  key: customerIdOfStream(event.streamId) ?? event.streamId,
  value: JSON.stringify(event),
  headers: {
    'event-id': event.eventId,
    'event-type': event.type,
    'schema-version': String(event.metadata.schemaVersion),
    'global-position': String(event.globalPosition),
    'correlation-id': event.metadata.correlationId,
  },
});

async function relay(brokers: string[], eventsFile: string, events: number, workDir: string, runId: string): Promise<BenchRow> {
  const kafka = new Kafka({ clientId: 'crm-bench', brokers, logLevel: logLevel.WARN });
  const rawTopic = `crm.bench.${runId}.raw`;
  const admin = kafka.admin();
  await admin.connect();
  // The bus's producer settings: idempotent, one request in flight, murmur2 partitioner, acks=all.
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  const store = createSqliteEventStore({ filename: eventsFile });
  const checkpoints = createSqliteDocumentStore({ filename: join(workDir, 'checkpoints.sqlite') });
  const bus = createKafkaEventBus({
    brokers,
    clientId: 'crm-bench',
    topic: `crm.bench.${runId}.ours`,
    deadLetterTopic: `crm.bench.${runId}.dlq`,
    partitions: PARTITIONS,
    replicationFactor: 1,
  });
  const publisher = bus.publisher();
  try {
    await admin.createTopics({ topics: [{ topic: rawTopic, numPartitions: PARTITIONS, replicationFactor: 1 }], waitForLeaders: true });
    await producer.connect();
    // Both sides connected, their topics created and one page sent before any pass is timed.
    const pages = logPages(eventsFile, RELAY_BATCH);
    const firstPage = pages.next().value ?? [];
    pages.return();
    await producer.send({ topic: rawTopic, acks: -1, messages: firstPage.map(rawRelayMessage) });
    await publisher.publish(firstPage);
    const head = await store.headPosition();

    const rawPass = async () => {
      const startedAt = nowMs();
      for (const batch of logPages(eventsFile, RELAY_BATCH)) await producer.send({ topic: rawTopic, acks: -1, messages: batch.map(rawRelayMessage) });
      return nowMs() - startedAt;
    };
    // The relay's loop (apps/event-relay): subscribe to the log, publish each batch, store the
    // checkpoint at most once a second and once at the end.
    const oursPass = async () => {
      const startedAt = nowMs();
      const subscription = store.subscribeToAll({ filter: { streamPrefixes: [CUSTOMER_STREAM_PREFIX] }, maxBatchSize: RELAY_BATCH });
      let checkpointedAt = nowMs();
      for await (const batch of subscription) {
        if (batch.length === 0) continue;
        await publisher.publish(batch);
        const position = batch[batch.length - 1].globalPosition;
        if (position >= head || nowMs() - checkpointedAt >= RELAY_CHECKPOINT_INTERVAL_MS) {
          await checkpoints.saveCheckpoint('relay', position);
          checkpointedAt = nowMs();
        }
        if (position >= head) break;
      }
      await subscription.stop();
      return nowMs() - startedAt;
    };
    progress(`relay: bare kafkajs loop and subscription → Kafka bus, ${RELAY_ROUNDS} alternating passes each`);
    const passes = await alternate(RELAY_ROUNDS, { raw: rawPass, ours: oursPass }, (ms) => -ms);
    await admin.deleteTopics({ topics: [rawTopic, `crm.bench.${runId}.ours`, `crm.bench.${runId}.dlq`] }).catch(() => undefined);

    return {
      kind: 'measured',
      name: 'Relay to Kafka',
      ours: {
        value: perSecond(events, passes.ours),
        unit: 'events/s',
        label: `the relay's loop: subscribeToAll (batches of ${RELAY_BATCH}) → createKafkaEventBus publisher (acks=all, idempotent, headers) → durable checkpoint at most once a second, as the relay app stores it`,
      },
      baseline: {
        value: perSecond(events, passes.raw),
        unit: 'events/s',
        label: `bare kafkajs send loop: the same rows read ${RELAY_BATCH} at a time, the same messages (key, JSON value, the five headers), the same producer settings and acks=all`,
      },
      target: { minRatio: 0.8 },
      notes: [
        `${events.toLocaleString('en-US')} events per pass, topics of ${PARTITIONS} partitions; brokers ${brokers.join(',')}`,
        `median of ${RELAY_ROUNDS} alternating passes per side, each side connected (and its topics created) before the first timed pass`,
      ],
    };
  } finally {
    await producer.disconnect().catch(() => undefined);
    await publisher.close().catch(() => undefined);
    await checkpoints.close();
    await store.close();
    await admin.disconnect();
  }
}

/** Scenario 9: the same paths on Kafka and a MongoDB-compatible server; run only with --infra. */
export async function run(context: BenchContext): Promise<BenchRow[]> {
  if (!context.infra) throw new NotRunError('needs --infra with KAFKA_BROKERS and MONGODB_URI (infra/kafka/with-kafka.sh, infra/ferretdb/with-ferretdb.sh)');
  const model = createReadModels().find((candidate) => candidate.collection.name === CUSTOMER_VIEW);
  if (!model) throw new NotRunError(`createReadModels() has no ${CUSTOMER_VIEW} read model`);
  const brokers = process.env.KAFKA_BROKERS?.split(',').map((broker) => broker.trim()).filter(Boolean) ?? [];
  const mongoUri = process.env.MONGODB_URI ?? '';
  const runId = String(process.pid);
  const eventsFile = join(context.workDir, 'events.sqlite');
  // A few rebuild pages: FerretDB v1 (SQLite backend) takes tens of milliseconds per update of a
  // customer view document here, whoever sends it, and every page after the first is mostly updates.
  const log = await seedCustomerLog(eventsFile, (context.quick ? 2 : 5) * REBUILD_PAGE);

  const attempt = async (name: string, missing: string | null, measure: () => Promise<BenchRow>): Promise<BenchRow> => {
    if (missing) return notRun(name, missing);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no result within ${ROW_TIMEOUT_MS / 1000} s`)), ROW_TIMEOUT_MS);
    });
    try {
      return await Promise.race([measure(), timeout]);
    } catch (error) {
      // One server misbehaving must not hide the rows the others produced.
      process.stderr.write(`${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      return notRun(name, `failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    } finally {
      clearTimeout(timer);
    }
  };
  return [
    await attempt('Projection rebuild into MongoDB', mongoUri ? null : 'MONGODB_URI is not set', () =>
      mongoRebuild(mongoUri, eventsFile, log.events, model, runId),
    ),
    await attempt('Relay to Kafka', brokers.length > 0 ? null : 'KAFKA_BROKERS is not set', () => relay(brokers, eventsFile, log.events, context.workDir, runId)),
    await attempt('End-to-end lag (Kafka + MongoDB)', brokers.length > 0 && mongoUri ? null : 'needs both KAFKA_BROKERS and MONGODB_URI', () =>
      lagOnInfra(context, brokers, mongoUri, runId),
    ),
  ];
}

const PING_SAMPLES = 200;

/** p99 of a bare kafkajs produce → consume round trip, one message at a time, with the bus's producer settings. */
async function kafkaPingPong(brokers: string[], topic: string): Promise<LatencySummary> {
  const kafka = new Kafka({ clientId: 'crm-bench', brokers, logLevel: logLevel.WARN });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
  await admin.disconnect();
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  const consumer = kafka.consumer({ groupId: `${topic}.group`, maxWaitTimeInMs: 100 });
  const arrivals = new Map<string, () => void>();
  try {
    await producer.connect();
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => arrivals.get(String(message.key))?.() });
    const ping = async (n: number): Promise<number> => {
      const arrived = new Promise<void>((resolve) => arrivals.set(String(n), resolve));
      const sentAt = nowMs();
      await producer.send({ topic, acks: -1, messages: [{ key: String(n), value: '{}' }] });
      await arrived;
      return nowMs() - sentAt;
    };
    // The first round trip waits for the consumer group to form.
    await ping(-1);
    const samples: number[] = [];
    for (let n = 0; n < PING_SAMPLES; n++) samples.push(await ping(n));
    return summarize(samples);
  } finally {
    await consumer.disconnect();
    await producer.disconnect();
  }
}

/** p99 of a bare updateOne by _id of a unified view document the crm app stored, on the same server. */
async function bareUpdateOne(client: MongoClient, database: string): Promise<LatencySummary> {
  const view = await client.db(database).collection<Document>(CUSTOMER_VIEW).findOne({});
  if (!view) throw new Error('The lag run stored no customer view');
  const collection = client.db(database).collection<Document>('bare_update');
  const { _id: id, ...document } = view;
  await collection.insertOne({ ...document, _id: id });
  const samples: number[] = [];
  for (let n = 0; n < PING_SAMPLES; n++) {
    const startedAt = nowMs();
    await collection.updateOne({ _id: id }, { $set: { ...document, _revision: n } });
    samples.push(nowMs() - startedAt);
  }
  return summarize(samples);
}

/**
 * Scenario 6 on Kafka and MongoDB, against the issue's baseline for this path: the p99 of a bare
 * kafkajs produce → consume round trip plus the p99 of a bare updateOne. The rate is one the
 * FerretDB-backed read side keeps up with on a 2-core machine (each purchase updates five read
 * models, each update tens of milliseconds there). The topics and database it creates are removed
 * afterwards.
 */
async function lagOnInfra(context: BenchContext, brokers: string[], mongoUri: string, runId: string): Promise<BenchRow> {
  const topics = [`crm.bench.${runId}.lag`, `crm.bench.${runId}.lag-dlq`, `crm.bench.${runId}.ping`];
  const database = `crm_bench_${runId}_lag`;
  const client = new MongoClient(mongoUri);
  progress('end-to-end lag on Kafka + MongoDB');
  try {
    const row = await measureLag(context, {
      name: 'End-to-end lag (Kafka + MongoDB)',
      rate: 2,
      seconds: context.quick ? 2 : 15,
      customers: 30,
      env: {
        EVENT_BUS: 'kafka',
        KAFKA_BROKERS: brokers.join(','),
        KAFKA_TOPIC: topics[0],
        KAFKA_DEAD_LETTER_TOPIC: topics[1],
        READ_STORE: 'mongo',
        MONGODB_URI: mongoUri,
        MONGODB_DATABASE: database,
      },
      path: 'SQLite event store, relay → Kafka → projector → MongoDB-compatible read store, one crm process',
    });
    progress('end-to-end lag baseline: Kafka ping-pong and a bare updateOne');
    const pingPong = await kafkaPingPong(brokers, topics[2]);
    const update = await bareUpdateOne(client, database);
    return {
      ...row,
      baseline: {
        value: pingPong.p99Ms + update.p99Ms,
        unit: 'ms p99',
        label: `p99 of a bare kafkajs produce → consume round trip (acks=all, one message at a time) plus p99 of a bare updateOne by _id of a stored unified view, ${PING_SAMPLES} each`,
        p50Ms: pingPong.p50Ms + update.p50Ms,
        p99Ms: pingPong.p99Ms + update.p99Ms,
      },
      notes: [
        ...(row.notes ?? []),
        `baseline parts: Kafka round trip p50 ${pingPong.p50Ms.toFixed(1)} / p99 ${pingPong.p99Ms.toFixed(1)} ms; updateOne p50 ${update.p50Ms.toFixed(1)} / p99 ${update.p99Ms.toFixed(1)} ms`,
      ],
    };
  } finally {
    await client.db(database).dropDatabase().catch(() => undefined);
    await client.close();
    const admin = new Kafka({ clientId: 'crm-bench', brokers, logLevel: logLevel.WARN }).admin();
    await admin.connect();
    await admin.deleteTopics({ topics }).catch(() => undefined);
    await admin.disconnect();
  }
}
