import type { Kafka, TopicMessages } from 'kafkajs';
import type { IntegrationMessage, IntegrationTopic, RecordedEvent } from '@crm/contracts';
import type { EventPublisher } from '../event-bus.port';
import { toMessage } from './event-message.codec';
import { toIntegrationKafkaMessage } from './integration-message.codec';
import { createIdempotentProducer } from './idempotent.producer';

export interface KafkaPublisherOptions {
  topic: string;
  /** Events per produce request; bounds a request's size. */
  maxEventsPerRequest: number;
  ensureTopics(): Promise<void>;
  /** The deployed name of each public topic. */
  publicTopicName(topic: IntegrationTopic): string;
  /** Creates the public topics; called by the relay's publisher only (prepare, or its first public publish), so other users of the bus never create them. */
  ensurePublicTopics(): Promise<void>;
}

/** Messages grouped by topic for one produce request, each topic's in their original order. */
function byTopic(messages: IntegrationMessage[], topicName: (topic: IntegrationTopic) => string): TopicMessages[] {
  const grouped = new Map<string, TopicMessages>();
  for (const message of messages) {
    const topic = topicName(message.topic);
    const group = grouped.get(topic) ?? { topic, messages: [] };
    group.messages.push(toIntegrationKafkaMessage(message));
    grouped.set(topic, group);
  }
  return [...grouped.values()];
}

/** Publishes in produce requests of many messages; each resolves once every replica in sync has it (acks=-1). */
export function createKafkaEventPublisher(kafka: Kafka, options: KafkaPublisherOptions): EventPublisher {
  const producer = createIdempotentProducer(kafka);
  let connected: Promise<void> | undefined;

  // Not onceUntilFailure (as the topics are): close() forgets the connection, so a later publish connects again.
  const connect = (): Promise<void> =>
    (connected ??= (async () => {
      await options.ensureTopics();
      await producer.connect();
    })().catch((error: unknown) => {
      connected = undefined;
      throw error;
    }));

  return {
    async prepare(): Promise<void> {
      await connect();
      await options.ensurePublicTopics();
    },
    async publish(events: RecordedEvent[]): Promise<void> {
      if (events.length === 0) return;
      await connect();
      for (let start = 0; start < events.length; start += options.maxEventsPerRequest) {
        const chunk = events.slice(start, start + options.maxEventsPerRequest);
        await producer.send({ topic: options.topic, acks: -1, messages: chunk.map(toMessage) });
      }
    },
    async publishIntegration(messages: IntegrationMessage[]): Promise<void> {
      if (messages.length === 0) return;
      await connect();
      await options.ensurePublicTopics();
      for (let start = 0; start < messages.length; start += options.maxEventsPerRequest) {
        const chunk = messages.slice(start, start + options.maxEventsPerRequest);
        await producer.sendBatch({ acks: -1, topicMessages: byTopic(chunk, options.publicTopicName) });
      }
    },
    async close(): Promise<void> {
      if (connected === undefined) return;
      connected = undefined;
      await producer.disconnect();
    },
  };
}
