import type { EventMetadata, NewEvent } from '@crm/contracts';

/** Every bench event is recorded at this fixed time, so runs store byte-identical payloads. */
export const BENCH_TIME = '2024-05-01T09:00:00.000Z';

/** A deterministic UUID (version 4 layout) per counter value and namespace digit. */
export const benchUuid = (n: number, namespace = 0): string =>
  `0000000${namespace}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

export const benchCustomerId = (n: number): string => benchUuid(n, 1);

export const benchMetadata = (commandNumber: number): EventMetadata => ({
  schemaVersion: 1,
  recordedAt: BENCH_TIME,
  correlationId: benchUuid(commandNumber, 2),
  causationId: benchUuid(commandNumber, 3),
  actor: 'bench',
  department: 'sales',
});

/**
 * A purchase of two lines, the most common and one of the largest touchpoints, shaped like
 * the domain's PurchaseRecorded: the append benchmarks store it, they never fold it.
 */
export function purchaseEvent(n: number, customerId: string): NewEvent {
  const lines = [
    { product: 'Espresso machine EM-400', category: 'appliances', quantity: 1, revenue: 349, cost: 211, profit: 138 },
    { product: 'Descaling kit', category: 'consumables', quantity: 3, revenue: 27, cost: 9, profit: 18 },
  ];
  return {
    eventId: benchUuid(n),
    type: 'PurchaseRecorded',
    data: {
      customerId,
      occurredAt: BENCH_TIME,
      orderId: `order-${n}`,
      channel: 'web',
      lines,
      totals: { quantity: 4, revenue: 376, cost: 220, profit: 156 },
    },
    metadata: benchMetadata(n),
  };
}
