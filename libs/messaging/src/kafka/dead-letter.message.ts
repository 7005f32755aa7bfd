import type { KafkaMessage, Message } from 'kafkajs';

/** Headers a dead letter carries besides the original ones: why it was parked and where from. */
export const DEAD_LETTER_HEADERS = {
  reason: 'dead-letter-reason',
  consumerGroup: 'dead-letter-consumer-group',
  topic: 'original-topic',
  partition: 'original-partition',
  offset: 'original-offset',
} as const;

export interface DeadLetterOrigin {
  topic: string;
  partition: number;
  /** Several read models share one dead-letter topic; this says which one gave up. */
  groupId: string;
}

/** The original message, byte for byte and with the same key, plus why and where it failed. */
export function toDeadLetter(message: KafkaMessage, origin: DeadLetterOrigin, reason: string): Message {
  return {
    key: message.key,
    value: message.value,
    headers: {
      ...message.headers,
      [DEAD_LETTER_HEADERS.reason]: reason,
      [DEAD_LETTER_HEADERS.consumerGroup]: origin.groupId,
      [DEAD_LETTER_HEADERS.topic]: origin.topic,
      [DEAD_LETTER_HEADERS.partition]: String(origin.partition),
      [DEAD_LETTER_HEADERS.offset]: message.offset,
    },
  };
}
