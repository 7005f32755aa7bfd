import { eventTypeFilter, excludeSystemEvents, streamNameFilter, type Filter } from '@eventstore/db-client';
import type { RecordedEvent } from '@crm/contracts';
import type { AllFilter } from '../event-store.port';

/** EventStoreDB's own bookkeeping ($metadata, $streams, $stats…) never reaches the port. */
const isSystemEvent = (event: RecordedEvent): boolean => event.streamId.startsWith('$') || event.type.startsWith('$');

/** Whether an event of $all belongs in a read or subscription with this filter: every given criterion must match. */
export function matchesAllFilter(event: RecordedEvent, filter: AllFilter | undefined): boolean {
  if (isSystemEvent(event)) return false;
  const { streamPrefixes = [], eventTypes = [] } = filter ?? {};
  if (streamPrefixes.length > 0 && !streamPrefixes.some((prefix) => event.streamId.startsWith(prefix))) return false;
  return eventTypes.length === 0 || eventTypes.includes(event.type);
}

/**
 * The server-side filter that narrows a $all subscription. The server takes one criterion only,
 * so with both the stream prefixes go to the server and `matchesAllFilter` checks the types.
 */
export function toServerFilter(filter: AllFilter | undefined): Filter {
  if (filter?.streamPrefixes?.length) return streamNameFilter({ prefixes: filter.streamPrefixes });
  if (filter?.eventTypes?.length) return eventTypeFilter({ regex: `^(?:${filter.eventTypes.map(escapeRegex).join('|')})$` });
  return excludeSystemEvents();
}

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
