import type { RecordedEvent } from '@crm/contracts';

/** A read-model document. Adapters add their own bookkeeping (the applied stream revision). */
export interface ReadModelDocument {
  id: string;
}

/**
 * A pure projection: `(document, event) → document`. Every event a projection handles comes
 * from one customer stream, so the adapter can guard each document with the stream revision
 * it last applied and skip redeliveries.
 */
export interface Projection<Doc extends ReadModelDocument> {
  /** Collection / table name. */
  readonly name: string;
  canHandle(event: RecordedEvent): boolean;
  /** Id of the document the event updates. */
  documentId(event: RecordedEvent): string;
  /** Returns the new document, or null to delete it. */
  evolve(doc: Doc | null, event: RecordedEvent): Doc | null;
}
