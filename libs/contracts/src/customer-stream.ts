/** One stream per customer: `customer-<id>`. */
export const CUSTOMER_STREAM_PREFIX = 'customer-';

export const customerStreamId = (customerId: string): string => `${CUSTOMER_STREAM_PREFIX}${customerId}`;

export const customerIdOfStream = (streamId: string): string | null =>
  streamId.startsWith(CUSTOMER_STREAM_PREFIX) ? streamId.slice(CUSTOMER_STREAM_PREFIX.length) : null;
