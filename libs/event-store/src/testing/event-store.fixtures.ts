import type { NewEvent, RecordedEvent } from '@crm/contracts';
import type { AllSubscription } from '../event-store.port';

export const FIXED_NOW = '2024-05-01T09:00:00.000Z';

/** A fixed, valid UUID per number, so EventStoreDB accepts it and every run uses the same ids. */
export const eventIdOf = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export function newEvent(n: number, type = 'CustomerNoted', data: Record<string, unknown> = { note: `note ${n}` }): NewEvent {
  return {
    eventId: eventIdOf(n),
    type,
    data,
    metadata: {
      schemaVersion: 1,
      recordedAt: FIXED_NOW,
      correlationId: 'correlation-1',
      causationId: 'command-1',
      actor: 'user-1',
      department: 'sales',
    },
  };
}

export const newEvents = (...ns: number[]): NewEvent[] => ns.map((n) => newEvent(n));

export const idsOf = (events: RecordedEvent[]): string[] => events.map((event) => event.eventId);

/** Pulls batches until `count` events arrived, keeping the batches as delivered. */
export async function takeEvents(
  subscription: AllSubscription,
  count: number,
  onBatch: (batch: RecordedEvent[]) => Promise<void> | void = () => undefined,
): Promise<RecordedEvent[]> {
  const received: RecordedEvent[] = [];
  for await (const batch of subscription) {
    received.push(...batch);
    await onBatch(batch);
    if (received.length >= count) break;
  }
  return received;
}

export function deferred(): { promise: Promise<void>; resolve(): void } {
  let resolve!: () => void;
  const promise = new Promise<void>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}
