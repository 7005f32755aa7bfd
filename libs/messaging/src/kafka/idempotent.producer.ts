import { Partitioners, type Kafka, type Producer } from 'kafkajs';

/**
 * The broker de-duplicates a retried send (producer id + sequence numbers), and one request in
 * flight keeps a retry from overtaking later messages, so per-partition order survives
 * failures. kafkajs then retries without limit: a send waits out a broker restart.
 */
export function createIdempotentProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    // Murmur2 on the key, as the Java client does, so other clients agree on a customer's partition.
    createPartitioner: Partitioners.DefaultPartitioner,
  });
}
