import type { NewEvent } from '@crm/contracts';
import { EventStoreError } from './event-store.errors';

/** Requests no adapter can honour: refused before they reach the store. */
export function assertAppendable(streamId: string, events: NewEvent[]): void {
  if (events.length === 0) throw new EventStoreError(`Stream ${streamId}: an append needs at least one event`);
  if (new Set(events.map((event) => event.eventId)).size !== events.length) {
    throw new EventStoreError(`Stream ${streamId}: an append repeats an event id`);
  }
}
