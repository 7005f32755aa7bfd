import type { RecordedEvent } from '@crm/contracts';

/** A read-model document. Adapters add their own bookkeeping (the applied stream revision). */
export interface ReadModelDocument {
  id: string;
}

/**
 * A pure projection: `(document, event) → document`. Every document a projection keeps is fed
 * by one customer stream, so the adapter can guard each document with the stream revision it
 * last applied and skip redeliveries.
 */
export interface Projection<Doc extends ReadModelDocument> {
  /** Collection / table name. */
  readonly name: string;
  canHandle(event: RecordedEvent): boolean;
  /**
   * The event types `canHandle` accepts, for a projection that accepts by type alone and not
   * every customer event: a rebuild asks the store for only these, so the rest are never parsed.
   */
  readonly eventTypes?: readonly string[];
  /**
   * Ids of the documents the event updates: usually one, but a fact about the customer may
   * touch several (a tier change re-prioritises each of the customer's open complaints).
   */
  documentIds(event: RecordedEvent): string[];
  /**
   * Returns the new document, or null to delete it, leaving `doc` as it was. A caller that owns
   * `doc` (no one else holds it or any part of it, as with a document a batch parsed or created
   * itself) passes `inPlace` to let the projection change it and return it instead of copying
   * it; a projection may ignore the flag.
   */
  evolve(doc: Doc | null, event: RecordedEvent, inPlace?: boolean): Doc | null;
}
