import { customerStreamId, type RecordedEvent } from '@crm/contracts';
import { CUSTOMER_EVENT_SCHEMA_VERSIONS, type CustomerEvent } from '@crm/domain';
import type { Projection, ReadModelDocument } from '../../projection';

export interface EnvelopeOptions {
  revision: number;
  department?: string;
  /** Recording time; defaults to the event's business time. */
  recordedAt?: string;
}

/** A domain event in the envelope the store gives it, with fixed ids. */
export function envelope(event: CustomerEvent, { revision, department = 'sales', recordedAt }: EnvelopeOptions): RecordedEvent {
  return {
    eventId: `event-${event.data.customerId}-${revision}`,
    type: event.type,
    data: event.data as unknown as Record<string, unknown>,
    metadata: {
      schemaVersion: CUSTOMER_EVENT_SCHEMA_VERSIONS[event.type],
      recordedAt: recordedAt ?? event.data.occurredAt,
      correlationId: 'correlation-1',
      causationId: 'command-1',
      actor: 'user-1',
      department,
    },
    streamId: customerStreamId(event.data.customerId),
    revision,
    globalPosition: revision + 1,
  };
}

/** A customer's events as its stream holds them, revisions from 0. */
export const streamOf = (events: readonly CustomerEvent[]): RecordedEvent[] => events.map((event, revision) => envelope(event, { revision }));

/** Applies events the way the adapters do: only those the projection handles, each to its document. */
export function project<Doc extends ReadModelDocument>(
  projection: Projection<Doc>,
  events: readonly RecordedEvent[],
  documents: ReadonlyMap<string, Doc> = new Map(),
): Map<string, Doc> {
  const result = new Map(documents);
  for (const event of events) {
    if (!projection.canHandle(event)) continue;
    for (const id of projection.documentIds(event)) {
      const next = projection.evolve(result.get(id) ?? null, event);
      if (next === null) result.delete(id);
      else result.set(id, next);
    }
  }
  return result;
}
