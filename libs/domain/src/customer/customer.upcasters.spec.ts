import { CUSTOMER_EVENT_SCHEMA_VERSIONS, CUSTOMER_EVENT_TYPES } from './customer.events';
import { UnsupportedEventSchemaError, upcastCustomerEvent } from './customer.upcasters';

describe('event schemas', () => {
  it('lists every event type once, all at schema version 1', () => {
    expect(new Set(CUSTOMER_EVENT_TYPES).size).toBe(CUSTOMER_EVENT_TYPES.length);
    expect(CUSTOMER_EVENT_TYPES).toHaveLength(23);
    expect(CUSTOMER_EVENT_TYPES.map((type) => CUSTOMER_EVENT_SCHEMA_VERSIONS[type])).toEqual(CUSTOMER_EVENT_TYPES.map(() => 1));
  });

  it('reads version 1 data as it is', () => {
    const data = { customerId: 'cust-1', occurredAt: '2024-01-01T09:00:00.000Z', score: 7 };
    expect(upcastCustomerEvent('SatisfactionSurveyed', 1, data)).toBe(data);
  });

  it.each([
    ['an unknown type', 'CustomerTeleported', 1],
    ['a version from the future', 'SatisfactionSurveyed', 2],
    ['version 0', 'SatisfactionSurveyed', 0],
  ])('refuses %s', (_case, type, version) => {
    expect(() => upcastCustomerEvent(type, version, {})).toThrow(UnsupportedEventSchemaError);
  });
});
