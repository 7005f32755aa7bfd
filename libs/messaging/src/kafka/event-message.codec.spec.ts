import { eventIdAt, recordedEvent } from '../testing';
import { decodeEvent, toMessage } from './event-message.codec';

describe('event message codec', () => {
  it("keys a customer's event by customer id and labels it with the event's identity", () => {
    const message = toMessage(recordedEvent('customer-42', 3, 17));

    expect(message.key).toBe('42');
    expect(message.headers).toEqual({
      'event-id': eventIdAt(17),
      'event-type': 'CustomerNoted',
      'schema-version': '1',
      'global-position': '17',
      'correlation-id': 'correlation-17',
    });
  });

  it('keys an event of any other stream by its stream id', () => {
    expect(toMessage(recordedEvent('relationship-review-7', 0, 1)).key).toBe('relationship-review-7');
  });

  it('leaves the timestamp to the producer, so retention counts from publication', () => {
    expect(toMessage(recordedEvent('customer-42', 0, 1)).timestamp).toBeUndefined();
  });

  it('decodes what it encodes', () => {
    const event = recordedEvent('customer-42', 3, 17);

    expect(decodeEvent(Buffer.from(toMessage(event).value as string))).toEqual({ ok: true, event });
  });

  it.each([
    ['no value', null, 'message has no value'],
    ['text that is not JSON', Buffer.from('customer 42 noted'), 'value is not JSON'],
    ['a JSON array', Buffer.from('[1, 2]'), 'value is not a JSON object'],
    ['an object without the envelope', Buffer.from('{"eventId":"e-1","revision":-1}'), 'missing or invalid type, streamId, revision, globalPosition, data, metadata'],
  ])('refuses %s and says why', (_case, value, reason) => {
    const decoded = decodeEvent(value);

    expect(decoded.ok).toBe(false);
    expect(decoded.ok === false && decoded.reason).toContain(reason);
  });
});
