import type { Message } from 'kafkajs';
import type { IntegrationMessage } from '@crm/contracts';

/** Headers that let integrators route and deduplicate without parsing the value. */
export const INTEGRATION_HEADERS = {
  messageId: 'message-id',
  messageType: 'message-type',
  schemaVersion: 'schema-version',
  correlationId: 'correlation-id',
} as const;

/** Keyed by customer, as the internal events are, so each customer's messages stay in order on a partition. */
export function toIntegrationKafkaMessage({ message }: IntegrationMessage): Message {
  return {
    key: message.customerId,
    value: JSON.stringify(message),
    headers: {
      [INTEGRATION_HEADERS.messageId]: message.messageId,
      [INTEGRATION_HEADERS.messageType]: message.messageType,
      [INTEGRATION_HEADERS.schemaVersion]: String(message.schemaVersion),
      [INTEGRATION_HEADERS.correlationId]: message.correlationId,
    },
  };
}
