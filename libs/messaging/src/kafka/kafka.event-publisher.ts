import type { Kafka } from 'kafkajs';
import type { RecordedEvent } from '@crm/contracts';
import type { EventPublisher } from '../event-bus.port';
import { toMessage } from './event-message.codec';
import { createIdempotentProducer } from './idempotent.producer';

export interface KafkaPublisherOptions {
  topic: string;
  /** Events per produce request; bounds a request's size. */
  maxEventsPerRequest: number;
  ensureTopics(): Promise<void>;
}

/** Publishes in produce requests of many messages; each resolves once every replica in sync has it (acks=-1). */
export function createKafkaEventPublisher(kafka: Kafka, options: KafkaPublisherOptions): EventPublisher {
  const producer = createIdempotentProducer(kafka);
  let connected: Promise<void> | undefined;

  const connect = (): Promise<void> =>
    (connected ??= (async () => {
      await options.ensureTopics();
      await producer.connect();
    })().catch((error: unknown) => {
      connected = undefined;
      throw error;
    }));

  return {
    async publish(events: RecordedEvent[]): Promise<void> {
      if (events.length === 0) return;
      await connect();
      for (let start = 0; start < events.length; start += options.maxEventsPerRequest) {
        const chunk = events.slice(start, start + options.maxEventsPerRequest);
        await producer.send({ topic: options.topic, acks: -1, messages: chunk.map(toMessage) });
      }
    },
    async close(): Promise<void> {
      if (connected === undefined) return;
      connected = undefined;
      await producer.disconnect();
    },
  };
}
