import type { RecordedEvent } from '@crm/contracts';
import type { Projection, ReadModelDocument } from './projection';

/** A field path inside the document, dot-separated (`clp.total`). */
export type FieldPath = string;

export type Condition =
  | { field: FieldPath; op: 'eq'; value: string | number | boolean | null }
  | { field: FieldPath; op: 'in'; values: Array<string | number | boolean> }
  | { field: FieldPath; op: 'lt' | 'lte' | 'gt' | 'gte'; value: string | number }
  /** Case-insensitive prefix match, the only text match both SQLite and MongoDB index. */
  | { field: FieldPath; op: 'startsWith'; value: string };

export interface SortKey {
  field: FieldPath;
  direction: 'asc' | 'desc';
}

export interface DocumentQuery {
  where?: Condition[];
  /** The adapter appends the id, in the last key's direction, as the final tie-breaker so keyset cursors are stable. */
  sort?: SortKey[];
  limit: number;
  /** Opaque cursor from a previous page; one the collection did not issue raises InvalidCursorError. */
  cursor?: string;
}

export interface DocumentPage<Doc> {
  items: Doc[];
  nextCursor: string | null;
}

/** An index column: a field ascending, or a field in the given direction (for sorts mixing directions). */
export type IndexKey = FieldPath | SortKey;

/** An index column as the sort key it serves. */
export const indexColumn = (key: IndexKey): SortKey => (typeof key === 'string' ? { field: key, direction: 'asc' } : key);

/** The index's name part for its columns, the same in every adapter. */
export const indexKeyName = (keys: IndexKey[]): string =>
  keys.map(indexColumn).map(({ field, direction }) => (direction === 'desc' ? `${field}-desc` : field)).join('__');

/** Declares which field combinations get an index, created at start-up. */
export interface CollectionDefinition {
  name: string;
  indexes: IndexKey[][];
}

/**
 * One read-model collection. Writes go only through `applyBatch`, which runs the projection
 * over a batch of events and stores the results in one durable write, skipping every event
 * whose stream revision the target document has already applied (idempotent redelivery).
 */
export interface DocumentCollection<Doc extends ReadModelDocument> {
  applyBatch(projection: Projection<Doc>, events: RecordedEvent[]): Promise<void>;
  get(id: string): Promise<Doc | null>;
  /** The document as JSON text with the stream revision it last applied, for answering it without a parse and re-serialisation. */
  getJson(id: string): Promise<{ json: string; revision: number } | null>;
  /** The stream revision the document last applied, or -1 when absent. */
  appliedRevision(id: string): Promise<number>;
  /**
   * Calls `listener` after each batch this process applies that writes document `id` (other
   * processes' writes are not seen); returns what stops it.
   */
  onApplied(id: string, listener: () => void): () => void;
  find(query: DocumentQuery): Promise<DocumentPage<Doc>>;
  /** Streams every document, for audits and aggregates over the whole base. */
  scan(batchSize?: number): AsyncIterable<Doc>;
  count(where?: Condition[]): Promise<number>;
}

export interface DocumentStore {
  collection<Doc extends ReadModelDocument>(definition: CollectionDefinition): Promise<DocumentCollection<Doc>>;
  /** Builds into a fresh collection and swaps it in atomically for rebuilds. */
  rebuildInto<Doc extends ReadModelDocument>(
    definition: CollectionDefinition,
    build: (fresh: DocumentCollection<Doc>) => Promise<void>,
  ): Promise<void>;
  /** Durable named positions (relay and projector checkpoints). */
  loadCheckpoint(name: string): Promise<number | undefined>;
  saveCheckpoint(name: string, position: number): Promise<void>;
  close(): Promise<void>;
}

/** A cursor that this collection did not issue (or that no longer matches the query). */
export class InvalidCursorError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidCursorError';
  }
}
