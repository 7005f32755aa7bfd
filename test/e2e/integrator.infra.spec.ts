import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { INTEGRATION_TOPICS, PUBLIC_MESSAGE_TYPES, toIntegrationMessages, type AnyPublicMessage, type RecordedEvent } from '@crm/contracts';
import { INTEGRATION_SCHEMA_DIR, loadIntegrationSchemas } from '../../libs/contracts/src/integration/testing';
import { CrmProcess } from '../support/crm-process';

const ROOT = join(__dirname, '../..');
const brokers = process.env.KAFKA_BROKERS;
const mongoUri = process.env.MONGODB_URI;
const describeWithServers = brokers && mongoUri ? describe : describe.skip;

interface Received {
  topic: string;
  key: string;
  value: string;
  message: AnyPublicMessage;
}

/** Polls until `done` holds; the suite's timeout bounds the wait. */
async function until(done: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await done())) await new Promise((resolve) => setTimeout(resolve, 100));
}

/**
 * The integrator's view of the contract, on a real broker fed by a real crm: every public
 * message valid against its JSON Schema, each customer's messages in order on every topic,
 * no personal data anywhere, and exactly the public messages the customers' histories map to.
 */
describeWithServers('public integrator topics on Kafka (set KAFKA_BROKERS and MONGODB_URI)', () => {
  const runId = randomUUID().slice(0, 8);
  const prefix = `it-${runId}.`;
  const topicOf = (topic: string) => `${prefix}${topic}`;
  const env = {
    EVENT_BUS: 'kafka',
    KAFKA_BROKERS: brokers ?? '',
    KAFKA_TOPIC: topicOf('crm.customer-events.v1'),
    KAFKA_DEAD_LETTER_TOPIC: topicOf('crm.customer-events.dlq.v1'),
    KAFKA_PARTITIONS: '3',
    KAFKA_PUBLIC_TOPIC_PREFIX: prefix,
    KAFKA_PUBLIC_PARTITIONS: '2',
    KAFKA_CLIENT_ID: `crm-integrator-${runId}`,
    READ_STORE: 'mongo',
    MONGODB_URI: mongoUri ?? '',
    MONGODB_DATABASE: `crm_integrator_${runId}`,
    READ_YOUR_WRITES_TIMEOUT_MS: '15000',
  };
  const kafka = new Kafka({ clientId: `integrator-${runId}`, brokers: (brokers ?? '').split(','), logLevel: logLevel.NOTHING });
  const schemas = loadIntegrationSchemas();
  const customers = [
    { name: `Ada Integrator ${runId}`, email: `ada.${runId}@integrator.example`, complaint: `the router of ${runId} caught fire` },
    { name: `Brunel Integrator ${runId}`, email: `brunel.${runId}@integrator.example`, complaint: `the bridge of ${runId} wobbles` },
    { name: `Curie Integrator ${runId}`, email: `curie.${runId}@integrator.example`, complaint: `the lamp of ${runId} glows` },
  ];
  const personal = customers.flatMap(({ name, email, complaint }) => [name, email, complaint]);
  const received: Received[] = [];
  let crm: CrmProcess;
  let integrator: Consumer;
  let customerIds: string[];
  let expected: Map<string, AnyPublicMessage>;
  let topicsOnceHealthy: string[];

  const post = async (path: string, body?: unknown) => {
    const response = await crm.request('POST', path, body);
    if (response.status !== 201) throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };

  /** A customer's life: registration, purchases, a complaint and its resolution, a profile change. */
  async function live({ name, email, complaint }: (typeof customers)[number], index: number): Promise<string> {
    const { customerId } = await post('/customers', { name, email, kind: 'organization', role: 'end-customer', relation: 'direct' });
    for (const order of [1, 2]) {
      await post(`/customers/${customerId}/purchases`, {
        orderId: `${runId}-${index}-${order}`,
        occurredAt: `2026-02-0${order}T09:00:00.000Z`,
        channel: 'web',
        lines: [{ product: 'Router', category: 'network', quantity: order, revenue: 120 * order, cost: 70 * order }],
      });
    }
    const filed = await post(`/customers/${customerId}/complaints`, { occurredAt: '2026-02-03T09:00:00.000Z', category: 'poor-quality', severity: 'high', description: complaint });
    await post(`/customers/${customerId}/complaints/${filed.complaintId}/resolution`, { occurredAt: '2026-02-04T09:00:00.000Z', outcome: `${complaint}, replaced`, customerSatisfied: true });
    const profile = await crm.request('PATCH', `/customers/${customerId}/profile`, { occurredAt: '2026-02-05T09:00:00.000Z', email: `new.${email}`, role: 'distributor', segment: 'retail' });
    if (profile.status >= 300) throw new Error(`PATCH profile: ${profile.status} ${JSON.stringify(profile.body)}`);
    return customerId;
  }

  /** What the customers' histories say integrators get, by message id. */
  async function expectedMessages(): Promise<Map<string, AnyPublicMessage>> {
    const messages = new Map<string, AnyPublicMessage>();
    for (const customerId of customerIds) {
      const history = (await crm.request('GET', `/customers/${customerId}/history?limit=1000`)).body.items as RecordedEvent[];
      for (const { message } of history.flatMap(toIntegrationMessages)) messages.set(message.messageId, message);
    }
    return messages;
  }

  async function listTopics(): Promise<string[]> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      return await admin.listTopics();
    } finally {
      await admin.disconnect();
    }
  }

  const firstDeliveries = (): Received[] => {
    const seen = new Set<string>();
    return received.filter(({ message }) => !seen.has(message.messageId) && seen.add(message.messageId));
  };

  beforeAll(async () => {
    crm = await CrmProcess.start({ env });
    topicsOnceHealthy = await listTopics();
    customerIds = await Promise.all(customers.map(live));
    await post(`/customers/${customerIds[2]}/erasure`);
    integrator = kafka.consumer({ groupId: `integrator-${runId}` });
    await integrator.connect();
    await integrator.subscribe({ topics: INTEGRATION_TOPICS.map(topicOf), fromBeginning: true });
    await integrator.run({
      eachMessage: async ({ topic, message }) => {
        const value = String(message.value);
        received.push({ topic, key: String(message.key), value, message: JSON.parse(value) });
      },
    });
    expected = await expectedMessages();
    await until(() => new Set(received.map(({ message }) => message.messageId)).size >= expected.size);
  }, 180_000);

  afterAll(async () => {
    await integrator?.disconnect();
    await crm?.stop();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [...INTEGRATION_TOPICS, 'crm.customer-events.v1', 'crm.customer-events.dlq.v1'].map(topicOf) });
    await admin.disconnect();
  }, 60_000);

  it('finds every public topic in place once the crm reports healthy, before its first event', () => {
    expect(topicsOnceHealthy).toEqual(expect.arrayContaining(INTEGRATION_TOPICS.map(topicOf)));
  });

  it('receives exactly the public messages of the customers’ histories, including the erasure', () => {
    expect(new Map(firstDeliveries().map(({ message }) => [message.messageId, message]))).toEqual(expected);
    expect(firstDeliveries().filter(({ message }) => message.messageType === 'CustomerErased').map(({ message }) => message.customerId)).toEqual([customerIds[2]]);
    expect(new Set(firstDeliveries().map(({ message }) => message.messageType))).toEqual(
      new Set(['CustomerRegistered', 'CustomerProfileChanged', 'CustomerStatusChanged', 'CustomerErased', 'PurchaseRecorded', 'ComplaintFiled', 'ComplaintResolved', 'RelationshipStatusChanged', 'LifecycleStageChanged', 'CustomerValueAssessed']),
    );
  });

  it('validates every message against its JSON Schema, on its topic, keyed by its customer', () => {
    for (const { topic, key, message } of received) {
      expect(schemas.problemsOf(message)).toEqual([]);
      expect(topic).toBe(topicOf(PUBLIC_MESSAGE_TYPES[message.messageType].topic));
      expect(key).toBe(message.customerId);
    }
  });

  it("keeps each customer's messages in order on every topic", () => {
    const revisions = new Map<string, number[]>();
    for (const { topic, message } of firstDeliveries()) {
      const lane = `${topic} ${message.customerId}`;
      revisions.set(lane, [...(revisions.get(lane) ?? []), message.customerRevision]);
    }
    expect(revisions.size).toBeGreaterThanOrEqual(customerIds.length * 3);
    for (const [lane, inArrivalOrder] of revisions) {
      expect({ lane, revisions: inArrivalOrder }).toEqual({ lane, revisions: [...inArrivalOrder].sort((a, b) => a - b) });
    }
  });

  it('carries no name, email or complaint text of any customer', () => {
    const everything = received.map(({ value }) => value).join('\n');
    for (const value of personal) expect(everything).not.toContain(value);
  });

  it('is consumed by the sample consumer, each message once', async () => {
    let output = '';
    let errors = '';
    const sample: ChildProcess = spawn(process.execPath, [join(ROOT, 'docs/samples/integrator-consumer.js')], {
      env: { PATH: process.env.PATH ?? '', KAFKA_BROKERS: brokers, GROUP_ID: `sample-${runId}`, TOPIC_PREFIX: prefix, SCHEMA_DIR: INTEGRATION_SCHEMA_DIR },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    sample.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    sample.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const handled = () => output.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { message: AnyPublicMessage });
    try {
      await until(() => handled().length >= expected.size || sample.exitCode !== null);
    } finally {
      sample.kill('SIGTERM');
    }

    expect(errors).toBe('');
    expect(handled().map(({ message }) => message.messageId).sort()).toEqual([...expected.keys()].sort());
  }, 120_000);
});
