import type { Batch, Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import type { RecordedEvent } from '@crm/contracts';
import type { BatchHandler, ConsumerOptions, EventConsumer } from '../event-bus.port';
import { toDeadLetter } from './dead-letter.message';
import { decodeEvent } from './event-message.codec';
import { EventRejectedError } from '../event-rejected.error';
import { createIdempotentProducer, type IdempotentProducer } from './idempotent.producer';

export interface KafkaConsumerOptions {
  topic: string;
  deadLetterTopic: string;
  /** How many partitions' batches one consumer hands its handler at the same time. */
  partitionsConsumedConcurrently: number;
  fetchMaxWaitMs: number;
  sessionTimeoutMs: number;
  ensureTopics(): Promise<void>;
}

interface PendingEvent {
  event: RecordedEvent;
  message: KafkaMessage;
}

/**
 * One member of a consumer group. A batch's offsets are resolved (and then committed) only after
 * the handler resolved for it, so a crash or a failing handler means redelivery from the last
 * commit. Failures that retrying cannot cure (an undecodable message, an event the handler
 * rejects) go to the dead-letter topic, so the rest of the partition keeps flowing.
 */
export function createKafkaEventConsumer(kafka: Kafka, options: KafkaConsumerOptions): EventConsumer {
  let running: { groupId: string; consumer: Consumer; deadLetters: IdempotentProducer } | undefined;

  return {
    async start({ groupId }: ConsumerOptions, handler: BatchHandler): Promise<void> {
      if (running !== undefined) throw new Error(`This consumer already runs in group ${running.groupId}`);
      await options.ensureTopics();
      const deadLetters = createIdempotentProducer(kafka);
      const consumer = kafka.consumer({
        groupId,
        allowAutoTopicCreation: false,
        maxWaitTimeInMs: options.fetchMaxWaitMs,
        sessionTimeout: options.sessionTimeoutMs,
        heartbeatInterval: Math.max(500, Math.floor(options.sessionTimeoutMs / 10)),
      });
      try {
        await deadLetters.connect();
        await consumer.connect();
        // A new read model starts from the beginning of the retained log.
        await consumer.subscribe({ topics: [options.topic], fromBeginning: true });
        const deadLetter = async (batch: Batch, message: KafkaMessage, reason: string): Promise<void> => {
          await deadLetters.send({
            topic: options.deadLetterTopic,
            acks: -1,
            messages: [toDeadLetter(message, { topic: batch.topic, partition: batch.partition, groupId }, reason)],
          });
        };
        await consumer.run({
          eachBatchAutoResolve: false,
          partitionsConsumedConcurrently: options.partitionsConsumedConcurrently,
          eachBatch: (payload) => consumeBatch(payload, handler, deadLetter),
        });
      } catch (error) {
        await Promise.allSettled([consumer.disconnect(), deadLetters.disconnect()]);
        throw error;
      }
      running = { groupId, consumer, deadLetters };
    },

    async stop(): Promise<void> {
      if (running === undefined) return;
      const { consumer, deadLetters } = running;
      running = undefined;
      // Waits for the batch in hand; kafkajs commits only offsets resolved before.
      await consumer.disconnect();
      await deadLetters.disconnect();
    },
  };
}

async function consumeBatch(
  { batch, resolveOffset, heartbeat }: EachBatchPayload,
  handler: BatchHandler,
  deadLetter: (batch: Batch, message: KafkaMessage, reason: string) => Promise<void>,
): Promise<void> {
  let pending: PendingEvent[] = [];
  for (const message of batch.messages) {
    const decoded = decodeEvent(message.value);
    if (decoded.ok) pending.push({ event: decoded.event, message });
    else await deadLetter(batch, message, decoded.reason);
  }

  while (pending.length > 0) {
    try {
      await handler(pending.map(({ event }) => event));
      break;
    } catch (error) {
      // Anything else is transient as far as we know: kafkajs retries the batch, then restarts
      // the consumer, which resumes from the last commit.
      if (!(error instanceof EventRejectedError)) throw error;
      const rejected = pending.find(({ event }) => event.eventId === error.eventId);
      if (rejected === undefined) throw error;
      await deadLetter(batch, rejected.message, error.message);
      // Handlers apply idempotently, so the events before the rejected one may come again.
      pending = pending.filter((candidate) => candidate !== rejected);
    }
  }

  // The batch's last offset, not its last message's: skips control records too.
  resolveOffset(batch.lastOffset());
  await heartbeat();
}
