import type { RecordedEvent } from '@crm/contracts';
import { isCustomerEventType, upcastCustomerEvent, type CustomerEvent } from '@crm/domain';
import type { Projection, ReadModelDocument } from '../projection';

/** The domain event inside a stored envelope, lifted to the current schema of its type. */
export function customerEventOf(recorded: RecordedEvent): CustomerEvent {
  return { type: recorded.type, data: upcastCustomerEvent(recorded.type, recorded.metadata.schemaVersion, recorded.data) } as CustomerEvent;
}

export const isCustomerEvent = (recorded: RecordedEvent): boolean => isCustomerEventType(recorded.type);

/** `canHandle` and `eventTypes` of a projection that handles exactly these event types. */
export function handling(types: readonly string[]): Pick<Projection<ReadModelDocument>, 'canHandle' | 'eventTypes'> {
  const handled = new Set(types);
  return { eventTypes: types, canHandle: (recorded) => handled.has(recorded.type) };
}
