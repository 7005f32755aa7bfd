import type { KafkaMessage } from 'kafkajs';
import { toDeadLetter } from './dead-letter.message';

describe('dead letter', () => {
  const original: KafkaMessage = {
    key: Buffer.from('42'),
    value: Buffer.from('{"eventId":'),
    timestamp: '1714554000000',
    attributes: 0,
    offset: '1207',
    headers: { 'event-id': Buffer.from('00000000-0000-4000-8000-000000000017') },
  };

  it('keeps the key, value and headers, and adds why it failed and where it came from', () => {
    const deadLetter = toDeadLetter(original, { topic: 'crm.customer-events.v1', partition: 5, groupId: 'projector.customer-view' }, 'value is not JSON');

    expect(deadLetter).toEqual({
      key: original.key,
      value: original.value,
      headers: {
        'event-id': Buffer.from('00000000-0000-4000-8000-000000000017'),
        'dead-letter-reason': 'value is not JSON',
        'dead-letter-consumer-group': 'projector.customer-view',
        'original-topic': 'crm.customer-events.v1',
        'original-partition': '5',
        'original-offset': '1207',
      },
    });
  });
});
