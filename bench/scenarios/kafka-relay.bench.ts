import { join } from 'node:path';
import { CUSTOMER_STREAM_PREFIX } from '@crm/contracts';
import { createSqliteEventStore } from '@crm/event-store';
import { IDEMPOTENT_PRODUCER_CONFIG, createKafkaEventBus, toMessage } from '@crm/messaging';
import { createSqliteDocumentStore } from '@crm/read-models';
import { alternate } from '../support/alternate';
import { KAFKA_CLIENT_ID, attempt, benchKafka, infraServers, seedInfraCustomerLog } from '../support/infra-servers';
import { logPages } from '../support/raw-log';
import type { BenchContext, BenchRow } from '../support/scenario';
import { nowMs, perSecond, progress } from '../support/timing';

const NAME = 'Relay to Kafka';
/** The relay's batch size: the baseline sends the same batches. */
const RELAY_BATCH = 500;
/** The relay app's checkpoint interval (apps/event-relay). */
const RELAY_CHECKPOINT_INTERVAL_MS = 1000;
const RELAY_ROUNDS = 3;
const PARTITIONS = 12;

async function relay(brokers: string[], eventsFile: string, events: number, workDir: string, runId: string): Promise<BenchRow> {
  const kafka = benchKafka(brokers);
  const rawTopic = `crm.bench.${runId}.raw`;
  const admin = kafka.admin();
  await admin.connect();
  const producer = kafka.producer(IDEMPOTENT_PRODUCER_CONFIG);
  const store = createSqliteEventStore({ filename: eventsFile });
  const checkpoints = createSqliteDocumentStore({ filename: join(workDir, 'checkpoints.sqlite') });
  const bus = createKafkaEventBus({
    brokers,
    clientId: KAFKA_CLIENT_ID,
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
    await producer.send({ topic: rawTopic, acks: -1, messages: firstPage.map(toMessage) });
    await publisher.publish(firstPage);
    const head = await store.headPosition();

    const rawPass = async () => {
      const startedAt = nowMs();
      for (const batch of logPages(eventsFile, RELAY_BATCH)) await producer.send({ topic: rawTopic, acks: -1, messages: batch.map(toMessage) });
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
      name: NAME,
      ours: {
        value: perSecond(events, passes.ours),
        unit: 'events/s',
        label: `the relay's loop: subscribeToAll (batches of ${RELAY_BATCH}) → createKafkaEventBus publisher (acks=all, idempotent, headers) → durable checkpoint at most once a second, as the relay app stores it`,
      },
      baseline: {
        value: perSecond(events, passes.raw),
        unit: 'events/s',
        label: `bare kafkajs send loop: the same rows read ${RELAY_BATCH} at a time, the same messages (the bus's own toMessage: key, JSON value, the five headers), the same producer settings and acks=all`,
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

/** The relay's path from the log to Kafka vs a bare kafkajs send loop; run only with --infra. */
export async function run(context: BenchContext): Promise<BenchRow[]> {
  const { brokers, runId } = infraServers(context, ['kafka']);
  const log = await seedInfraCustomerLog(context, 5);
  return [await attempt(NAME, () => relay(brokers, log.eventsFile, log.events, context.workDir, runId))];
}
