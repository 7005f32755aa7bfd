import type { RecordedEvent } from '@crm/contracts';
import { isCustomerEventType, upcastCustomerEvent, type CustomerEvent } from '@crm/domain';

/** The domain event inside a stored envelope, lifted to the current schema of its type. */
export function customerEventOf(recorded: RecordedEvent): CustomerEvent {
  return { type: recorded.type, data: upcastCustomerEvent(recorded.type, recorded.metadata.schemaVersion, recorded.data) } as CustomerEvent;
}

export const isCustomerEvent = (recorded: RecordedEvent): boolean => isCustomerEventType(recorded.type);
