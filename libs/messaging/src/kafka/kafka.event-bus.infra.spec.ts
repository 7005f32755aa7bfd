import { ConfigResourceTypes, Kafka, logLevel, Partitioners, type Admin, type IHeaders, type KafkaMessage } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { INTEGRATION_TOPICS, type RecordedEvent } from '@crm/contracts';
import type { BatchHandler, EventBus, EventConsumer } from '../event-bus.port';
import { describeEventBusContract, eventIdAt, eventually, gate, idsOf, interleavedEvents, recordedEvent } from '../testing';
import { EventRejectedError } from '../event-rejected.error';
import { createKafkaEventBus, type KafkaEventBusOptions } from './kafka.event-bus';

// Run with a broker: CRM_INFRA_TESTS=1 infra/kafka/with-kafka.sh npx jest libs/messaging
const brokers = process.env.KAFKA_BROKERS?.split(',').map((broker) => broker.trim()).filter(Boolean);
const TEST_TIMEOUT_MS = 90_000;

// Topic names carry a per-run prefix so runs never meet on a long-lived broker; ids and times are fixed.
const run = randomUUID().slice(0, 8);
let busNumber = 0;
const topicsCreated: string[] = [];

function busOptions(overrides: Partial<KafkaEventBusOptions> = {}): KafkaEventBusOptions {
  busNumber += 1;
  const topic = `crm-spec-${run}-${busNumber}.events`;
  const options: KafkaEventBusOptions = {
    brokers: brokers ?? [],
    clientId: 'crm-kafka-spec',
    topic,
    deadLetterTopic: `${topic}.dlq`,
    partitions: 3,
    replicationFactor: 1,
    logLevel: logLevel.NOTHING,
    ...overrides,
  };
  topicsCreated.push(options.topic, options.deadLetterTopic);
  return options;
}

describeEventBusContract('kafka', brokers === undefined ? undefined : async () => createKafkaEventBus(busOptions()));

(brokers === undefined ? describe.skip : describe)('kafka event bus', () => {
  const kafka = new Kafka({ clientId: 'crm-kafka-spec-observer', brokers: brokers ?? [], logLevel: logLevel.NOTHING });
  let admin: Admin;
  let cleanups: Array<() => Promise<void>>;

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
  }, TEST_TIMEOUT_MS);

  afterAll(async () => {
    await admin.deleteTopics({ topics: topicsCreated });
    await admin.disconnect();
  }, TEST_TIMEOUT_MS);

  beforeEach(() => {
    cleanups = [];
  });

  afterEach(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }, TEST_TIMEOUT_MS);

  function openBus(options: KafkaEventBusOptions): EventBus {
    const bus = createKafkaEventBus(options);
    cleanups.push(() => bus.publisher().close());
    return bus;
  }

  async function startConsumer(bus: EventBus, groupId: string, handler: BatchHandler): Promise<EventConsumer> {
    const consumer = bus.consumer();
    cleanups.push(() => consumer.stop());
    await consumer.start({ groupId }, handler);
    return consumer;
  }

  function recorder(): { events: RecordedEvent[]; handler: BatchHandler } {
    const events: RecordedEvent[] = [];
    return { events, handler: async (batch) => void events.push(...batch) };
  }

  /** Reads the first `count` messages of a topic as any other client would see them. */
  async function readTopic(topic: string, count: number): Promise<KafkaMessage[]> {
    const reader = kafka.consumer({ groupId: `${topic}.reader`, maxWaitTimeInMs: 250 });
    const messages: KafkaMessage[] = [];
    await reader.connect();
    try {
      await reader.subscribe({ topics: [topic], fromBeginning: true });
      await reader.run({ eachMessage: async ({ message }) => void messages.push(message) });
      await eventually(() => expect(messages.length).toBeGreaterThanOrEqual(count));
    } finally {
      await reader.disconnect();
    }
    return messages;
  }

  const text = (headers: IHeaders | undefined): Record<string, string> =>
    Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name, String(value)]));

  async function committedCount(groupId: string, topic: string): Promise<number> {
    const [{ partitions }] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return partitions.reduce((sum, { offset }) => sum + Math.max(0, Number(offset)), 0);
  }

  it(
    "keys each message by customer and labels it with the event's identity",
    async () => {
      const options = busOptions();
      const bus = openBus(options);
      const events = [recordedEvent('customer-42', 0, 1), recordedEvent('relationship-review-7', 3, 2)];

      await bus.publisher().publish(events);

      const messages = await readTopic(options.topic, 2);
      const byPosition = [...messages].sort((a, b) => Number(text(a.headers)['global-position']) - Number(text(b.headers)['global-position']));
      expect(byPosition.map((message) => ({ key: message.key?.toString(), headers: text(message.headers), value: JSON.parse(String(message.value)) }))).toEqual([
        {
          key: '42',
          headers: { 'event-id': eventIdAt(1), 'event-type': 'CustomerNoted', 'schema-version': '1', 'global-position': '1', 'correlation-id': 'correlation-1' },
          value: events[0],
        },
        {
          key: 'relationship-review-7',
          headers: { 'event-id': eventIdAt(2), 'event-type': 'CustomerNoted', 'schema-version': '1', 'global-position': '2', 'correlation-id': 'correlation-2' },
          value: events[1],
        },
      ]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'creates its topics with the configured partitions and retention',
    async () => {
      const options = busOptions({ partitions: 4, retentionMs: 3_600_000, deadLetterRetentionMs: 1_209_600_000 });
      const bus = openBus(options);

      await bus.publisher().publish([recordedEvent('customer-1', 0, 1)]);

      const { topics } = await admin.fetchTopicMetadata({ topics: [options.topic, options.deadLetterTopic] });
      expect(Object.fromEntries(topics.map(({ name, partitions }) => [name, partitions.length]))).toEqual({
        [options.topic]: 4,
        [options.deadLetterTopic]: 1,
      });
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [options.topic, options.deadLetterTopic].map((name) => ({ type: ConfigResourceTypes.TOPIC, name, configNames: ['retention.ms'] })),
      });
      expect(Object.fromEntries(resources.map(({ resourceName, configEntries }) => [resourceName, configEntries[0].configValue]))).toEqual({
        [options.topic]: '3600000',
        [options.deadLetterTopic]: '1209600000',
      });
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "commits a batch's offsets only once its handler resolved",
    async () => {
      const options = busOptions();
      const bus = openBus(options);
      const groupId = `${options.topic}.customer-view`;
      const applying = gate();
      let received = 0;
      await startConsumer(bus, groupId, async (batch) => {
        received += batch.length;
        await applying.promise;
      });
      // Cleanups run last-first: a failed assertion must not leave the stop waiting on the handler.
      cleanups.push(async () => applying.open());

      await bus.publisher().publish(interleavedEvents(['customer-1'], 3));
      await eventually(() => expect(received).toBe(3));

      expect(await committedCount(groupId, options.topic)).toBe(0);
      applying.open();
      await eventually(async () => expect(await committedCount(groupId, options.topic)).toBe(3));
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'dead-letters an undecodable message with why and where it came from, and goes on with its partition',
    async () => {
      const options = busOptions();
      const bus = openBus(options);
      const groupId = `${options.topic}.customer-view`;
      const customerView = recorder();
      await startConsumer(bus, groupId, customerView.handler);
      const [first, second] = interleavedEvents(['customer-1'], 2);
      const foreign = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
      await foreign.connect();
      cleanups.push(() => foreign.disconnect());

      await bus.publisher().publish([first]);
      // Keyed like customer-1's events, so it sits between them in their partition.
      const [{ partition }] = await foreign.send({ topic: options.topic, messages: [{ key: '1', value: 'customer 1 noted' }] });
      await bus.publisher().publish([second]);

      await eventually(() => expect(customerView.events).toEqual([first, second]));
      const [deadLetter] = await readTopic(options.deadLetterTopic, 1);
      expect({ key: deadLetter.key?.toString(), value: deadLetter.value?.toString(), headers: text(deadLetter.headers) }).toEqual({
        key: '1',
        value: 'customer 1 noted',
        headers: {
          'dead-letter-reason': expect.stringContaining('value is not JSON'),
          'dead-letter-consumer-group': groupId,
          'original-topic': options.topic,
          'original-partition': String(partition),
          'original-offset': '1',
        },
      });
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'dead-letters the event a handler rejects and hands it the rest of the partition',
    async () => {
      const options = busOptions();
      const bus = openBus(options);
      const groupId = `${options.topic}.customer-view`;
      const [before, poison, after] = interleavedEvents(['customer-1'], 3);
      const applied: RecordedEvent[] = [];
      await startConsumer(bus, groupId, async (batch) => {
        if (batch.some((event) => event.eventId === poison.eventId)) {
          throw new EventRejectedError(poison.eventId, 'loyalty points would go negative');
        }
        applied.push(...batch);
      });

      await bus.publisher().publish([before, poison, after]);

      await eventually(() => expect(applied).toEqual([before, after]));
      const [deadLetter] = await readTopic(options.deadLetterTopic, 1);
      expect(JSON.parse(String(deadLetter.value))).toEqual(poison);
      expect(text(deadLetter.headers)).toEqual(
        expect.objectContaining({
          'event-id': poison.eventId,
          'dead-letter-reason': expect.stringContaining('loyalty points would go negative'),
          'dead-letter-consumer-group': groupId,
          'original-offset': '1',
        }),
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'shares the partitions among the instances of one group, each event going to one of them',
    async () => {
      const options = busOptions();
      const bus = openBus(options);
      const groupId = `${options.topic}.customer-view`;
      const [first, second] = [recorder(), recorder()];
      await startConsumer(bus, groupId, first.handler);
      await startConsumer(bus, groupId, second.handler);
      await eventually(async () => {
        const { groups } = await admin.describeGroups([groupId]);
        expect(groups[0]).toEqual(expect.objectContaining({ state: 'Stable', members: [expect.anything(), expect.anything()] }));
      });
      const customers = Array.from({ length: 12 }, (_, index) => `customer-${index + 1}`);
      const events = interleavedEvents(customers, 2);

      await bus.publisher().publish(events);

      await eventually(() => expect(first.events.length + second.events.length).toBe(events.length));
      expect(new Set([...idsOf(first.events), ...idsOf(second.events)])).toEqual(new Set(idsOf(events)));
      expect(first.events.length).toBeGreaterThan(0);
      expect(second.events.length).toBeGreaterThan(0);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'creates the bus topics and the public topics when the publisher is prepared, before anything is published',
    async () => {
      const options = busOptions();
      const publicTopicPrefix = `${options.topic}.public.`;
      const publicTopics = INTEGRATION_TOPICS.map((topic) => `${publicTopicPrefix}${topic}`);
      topicsCreated.push(...publicTopics);
      const bus = openBus({ ...options, publicTopicPrefix, publicPartitions: 2 });
      expect(await admin.listTopics()).not.toContain(publicTopics[0]);

      await bus.publisher().prepare();

      const created = await admin.fetchTopicMetadata({ topics: [options.topic, options.deadLetterTopic, ...publicTopics] });
      expect(Object.fromEntries(created.topics.map(({ name, partitions }) => [name, partitions.length]))).toEqual({
        [options.topic]: 3,
        [options.deadLetterTopic]: 1,
        ...Object.fromEntries(publicTopics.map((topic) => [topic, 2])),
      });
    },
    TEST_TIMEOUT_MS,
  );
});
