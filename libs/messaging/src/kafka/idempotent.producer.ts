import { KafkaJSProtocolError, Partitioners, type Kafka, type Producer, type ProducerConfig } from 'kafkajs';

/** What the bus asks of a producer. */
export type IdempotentProducer = Pick<Producer, 'connect' | 'disconnect' | 'send' | 'sendBatch'>;

/**
 * Errors that mean the broker no longer knows this producer's id or sequence numbers (a broker
 * restart that lost its last unflushed writes, an expired producer id): kafkajs keeps both for
 * good, so every later send of that producer fails the same way.
 */
const PRODUCER_STATE_LOST = new Set(['OUT_OF_ORDER_SEQUENCE_NUMBER', 'UNKNOWN_PRODUCER_ID', 'INVALID_PRODUCER_EPOCH']);

function lostProducerState(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if (cause instanceof KafkaJSProtocolError && PRODUCER_STATE_LOST.has(cause.type)) return true;
  }
  return false;
}

/**
 * The bus's producer settings. The broker de-duplicates a retried send (producer id + sequence
 * numbers), and one request in flight keeps a retry from overtaking later messages, so
 * per-partition order survives failures. kafkajs then retries without limit: a send waits out a
 * broker restart. Exported so the relay benchmark's bare baseline sends with exactly these.
 */
export const IDEMPOTENT_PRODUCER_CONFIG: ProducerConfig = {
  idempotent: true,
  maxInFlightRequests: 1,
  allowAutoTopicCreation: false,
  // Murmur2 on the key, as the Java client does, so other clients agree on a customer's partition.
  createPartitioner: Partitioners.DefaultPartitioner,
};

const newProducer = (kafka: Kafka): Producer => kafka.producer(IDEMPOTENT_PRODUCER_CONFIG);

/**
 * An idempotent producer that replaces itself once the broker has lost its state: the send that
 * found out still fails (its caller sends again, at least once as always), and the next one goes
 * through a new producer with a new id. Without this a relay stalls for good after such a restart.
 */
export function createIdempotentProducer(kafka: Kafka): IdempotentProducer {
  let producer = newProducer(kafka);
  let retired: Producer | undefined;
  let renewal: Promise<void> | undefined;

  const renew = (): Promise<void> =>
    (renewal ??= (async () => {
      await retired?.disconnect().catch(() => undefined);
      await producer.connect();
      retired = undefined;
    })().finally(() => {
      renewal = undefined;
    }));

  const sending = async <T>(send: (current: Producer) => Promise<T>): Promise<T> => {
    if (retired) await renew();
    const used = producer;
    try {
      return await send(used);
    } catch (error) {
      if (used === producer && lostProducerState(error)) {
        retired = used;
        producer = newProducer(kafka);
      }
      throw error;
    }
  };

  return {
    connect: () => producer.connect(),
    disconnect: async () => {
      await retired?.disconnect().catch(() => undefined);
      await producer.disconnect();
    },
    send: (record) => sending((current) => current.send(record)),
    sendBatch: (batch) => sending((current) => current.sendBatch(batch)),
  };
}
