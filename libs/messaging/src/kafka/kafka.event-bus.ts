import { Kafka, logLevel as kafkaLogLevel, type logLevel } from 'kafkajs';
import { INTEGRATION_TOPICS, type IntegrationTopic } from '@crm/contracts';
import type { EventBus, EventPublisher } from '../event-bus.port';
import { createKafkaEventConsumer } from './kafka.event-consumer';
import { createKafkaEventPublisher } from './kafka.event-publisher';
import { ensureTopics } from './kafka.topics';
import { onceUntilFailure } from './once-until-failure';

export interface KafkaEventBusOptions {
  brokers: string[];
  clientId: string;
  topic: string;
  deadLetterTopic: string;
  /** Partitions of the event topic when this bus creates it: the most consumers one group can use. */
  partitions: number;
  replicationFactor: number;
  /** retention.ms of the event topic when created; the broker default otherwise. */
  retentionMs?: number;
  /** Partitions of the dead-letter topic when created; 1 by default (it is read by people). */
  deadLetterPartitions?: number;
  /** retention.ms of the dead-letter topic when created; the broker default otherwise. */
  deadLetterRetentionMs?: number;
  /** Prepended to the public integrator topics' names (`crm.customers.v1`, …); none by default. */
  publicTopicPrefix?: string;
  /** Partitions of the public topics when created; as many as the event topic by default. */
  publicPartitions?: number;
  /** retention.ms of the public topics when created; the broker default otherwise. */
  publicRetentionMs?: number;
  /** Events per produce request; 500 by default. */
  maxEventsPerRequest?: number;
  /** Partitions whose batches one consumer handles at once; 1 by default (handler calls never overlap). */
  partitionsConsumedConcurrently?: number;
  /**
   * How long a fetch waits on the broker for new events; 1000 ms by default. Events arrive as
   * soon as they exist either way; this bounds idle polling and how long a stop waits.
   */
  fetchMaxWaitMs?: number;
  /**
   * How long the group waits for a silent member before handing its partitions on; 10 s by
   * default (kafkajs: 30 s). It bounds how long a restarted instance waits for its crashed
   * predecessor to be evicted before it can join.
   */
  sessionTimeoutMs?: number;
  /** kafkajs logging; WARN by default. KAFKAJS_LOG_LEVEL overrides it. */
  logLevel?: logLevel;
}

/**
 * Kafka transport: one topic of recorded events keyed by customer, one consumer group per read
 * model, a dead-letter topic for what cannot be applied, and the public integrator topics the
 * relay publishes to. Topics are created on first use.
 */
export function createKafkaEventBus(options: KafkaEventBusOptions): EventBus {
  const kafka = new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    logLevel: options.logLevel ?? kafkaLogLevel.WARN,
  });

  const ensureBusTopics = onceUntilFailure(() =>
    ensureTopics(kafka, [
      {
        topic: options.topic,
        partitions: options.partitions,
        replicationFactor: options.replicationFactor,
        retentionMs: options.retentionMs,
      },
      {
        topic: options.deadLetterTopic,
        partitions: options.deadLetterPartitions ?? 1,
        replicationFactor: options.replicationFactor,
        retentionMs: options.deadLetterRetentionMs,
      },
    ]),
  );

  const publicTopicName = (topic: IntegrationTopic): string => `${options.publicTopicPrefix ?? ''}${topic}`;
  const ensurePublicTopics = onceUntilFailure(() =>
    ensureTopics(
      kafka,
      INTEGRATION_TOPICS.map((topic) => ({
        topic: publicTopicName(topic),
        partitions: options.publicPartitions ?? options.partitions,
        replicationFactor: options.replicationFactor,
        retentionMs: options.publicRetentionMs,
      })),
    ),
  );

  let publisher: EventPublisher | undefined;
  return {
    publisher: () =>
      (publisher ??= createKafkaEventPublisher(kafka, {
        topic: options.topic,
        maxEventsPerRequest: options.maxEventsPerRequest ?? 500,
        ensureTopics: ensureBusTopics,
        publicTopicName,
        ensurePublicTopics,
      })),
    consumer: () =>
      createKafkaEventConsumer(kafka, {
        topic: options.topic,
        deadLetterTopic: options.deadLetterTopic,
        partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 1,
        fetchMaxWaitMs: options.fetchMaxWaitMs ?? 1000,
        sessionTimeoutMs: options.sessionTimeoutMs ?? 10_000,
        ensureTopics: ensureBusTopics,
      }),
  };
}
