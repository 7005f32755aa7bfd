/**
 * The envelope every stored event travels in, from the event store through the bus to the
 * read models. `data` is the domain event's payload; everything about the recording (who,
 * when, why, which schema) is metadata, so the domain's events stay plain facts.
 */
export interface EventMetadata {
  /** Version of the event's data schema; upcasters lift older versions on read. */
  schemaVersion: number;
  /** When the event was appended (server time). Business time is `data.occurredAt`. */
  recordedAt: string;
  /** The request or process that caused the whole chain of events. */
  correlationId: string;
  /** The command (or event) that directly caused this event. */
  causationId: string;
  /** The acting user or service. */
  actor: string;
  /** The department the actor acted for. */
  department: string;
  /** The client's Idempotency-Key and a hash of its request, kept with the events they produced. */
  idempotencyKey?: string;
  requestHash?: string;
}

/** An event about to be appended. `eventId` makes the append idempotent. */
export interface NewEvent<Data = Record<string, unknown>> {
  eventId: string;
  type: string;
  data: Data;
  metadata: EventMetadata;
}

/** An event as the store holds it. */
export interface RecordedEvent<Data = Record<string, unknown>> extends NewEvent<Data> {
  streamId: string;
  /** Zero-based position of the event within its stream. */
  revision: number;
  /** Position in the store's global log; strictly increasing, may have gaps. */
  globalPosition: number;
}
