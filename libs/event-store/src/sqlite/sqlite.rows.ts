import type { EventMetadata, RecordedEvent } from '@crm/contracts';

/** An `events` row as the prepared statements select it. */
export interface EventRow {
  position: number;
  streamId: string;
  revision: number;
  eventId: string;
  type: string;
  data: string;
  metadata: string;
}

export const EVENT_COLUMNS =
  'position, stream_id AS streamId, revision, event_id AS eventId, type, data, metadata';

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    eventId: row.eventId,
    type: row.type,
    data: JSON.parse(row.data) as Record<string, unknown>,
    metadata: JSON.parse(row.metadata) as EventMetadata,
    streamId: row.streamId,
    revision: row.revision,
    globalPosition: row.position,
  };
}
