import type { IntegrationMessage, RecordedEvent } from '@crm/contracts';

/**
 * The relay's transport: Kafka in production, in-process when embedded. Messages are
 * recorded events keyed by customer; per-customer order is kept; delivery is at least once.
 */
export interface EventPublisher {
  /**
   * Sets up what publishing needs (Kafka: the connection, the bus topics and the public topics),
   * so integrators can subscribe as soon as the relay is live, before its first event.
   */
  prepare(): Promise<void>;
  /** Resolves once the transport has durably accepted every event (Kafka: acks=all). */
  publish(events: RecordedEvent[]): Promise<void>;
  /**
   * Publishes public messages to their integrator topics, resolving once durably accepted.
   * Transports without integrators (the in-process bus) accept and drop them.
   */
  publishIntegration(messages: IntegrationMessage[]): Promise<void>;
  close(): Promise<void>;
}

export interface ConsumerOptions {
  /** One consumer group per read model: each gets every event. */
  groupId: string;
}

/**
 * Handles one batch. The transport marks the batch consumed (commits offsets) only after the
 * handler resolves, so a crash mid-batch redelivers it; handlers must apply idempotently.
 */
export type BatchHandler = (events: RecordedEvent[]) => Promise<void>;

export interface EventConsumer {
  start(options: ConsumerOptions, handler: BatchHandler): Promise<void>;
  stop(): Promise<void>;
}

export interface EventBus {
  publisher(): EventPublisher;
  consumer(): EventConsumer;
}
