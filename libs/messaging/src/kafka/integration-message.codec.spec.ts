import type { IntegrationMessage } from '@crm/contracts';
import { toIntegrationKafkaMessage } from './integration-message.codec';

describe('integration message codec', () => {
  const published: IntegrationMessage = {
    topic: 'crm.purchases.v1',
    message: {
      messageId: '00000000-0000-4000-8000-000000000017',
      messageType: 'DeliveryRecorded',
      schemaVersion: 1,
      occurredAt: '2026-03-02T10:00:00.000Z',
      recordedAt: '2026-03-02T10:00:01.000Z',
      customerId: '42',
      customerRevision: 3,
      correlationId: 'correlation-17',
      payload: { orderId: 'o-1', status: 'delivered', delayDays: 0 },
    },
  };

  it('keys the message by customer, carries the public message as its value and labels it for deduplication', () => {
    const message = toIntegrationKafkaMessage(published);

    expect(message.key).toBe('42');
    expect(JSON.parse(message.value as string)).toEqual(published.message);
    expect(message.headers).toEqual({
      'message-id': '00000000-0000-4000-8000-000000000017',
      'message-type': 'DeliveryRecorded',
      'schema-version': '1',
      'correlation-id': 'correlation-17',
    });
  });
});
