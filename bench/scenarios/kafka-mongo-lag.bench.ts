import { MongoClient, type Document } from 'mongodb';
import { CUSTOMER_VIEW } from '@crm/read-models';
import { IDEMPOTENT_PRODUCER_CONFIG } from '@crm/messaging';
import { attempt, benchKafka, infraServers } from '../support/infra-servers';
import { measureLag } from '../support/lag-driver';
import { summarize, type LatencySummary } from '../support/percentiles';
import type { BenchContext, BenchRow } from '../support/scenario';
import { nowMs, progress } from '../support/timing';

const NAME = 'End-to-end lag (Kafka + MongoDB)';
const PING_SAMPLES = 200;

/** p99 of a bare kafkajs produce → consume round trip, one message at a time, with the bus's producer settings. */
async function kafkaPingPong(brokers: string[], topic: string): Promise<LatencySummary> {
  const kafka = benchKafka(brokers);
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
  await admin.disconnect();
  const producer = kafka.producer(IDEMPOTENT_PRODUCER_CONFIG);
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
 * The embedded end-to-end lag scenario on Kafka and MongoDB, against the baseline for this path: the p99 of a bare
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
      name: NAME,
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
    const admin = benchKafka(brokers).admin();
    await admin.connect();
    await admin.deleteTopics({ topics }).catch(() => undefined);
    await admin.disconnect();
  }
}

/** How long after the acknowledgement a command shows in the unified view on Kafka and MongoDB; run only with --infra. */
export async function run(context: BenchContext): Promise<BenchRow[]> {
  const { brokers, mongoUri, runId } = infraServers(context, ['kafka', 'mongo']);
  return [await attempt(NAME, () => lagOnInfra(context, brokers, mongoUri, runId))];
}
