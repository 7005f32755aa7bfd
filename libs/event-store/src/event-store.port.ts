import type { NewEvent, RecordedEvent } from '@crm/contracts';

/** What the caller expects the stream's last revision to be before the append. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

export interface AppendOptions {
  /** Defaults to 'any'. */
  expectedRevision?: ExpectedRevision;
}

export interface AppendResult {
  /** Revision of the last event now in the stream. */
  nextRevision: number;
  /** Global position of the last appended event. */
  position: number;
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** Inclusive. Forwards defaults to 0, backwards to the end. */
  fromRevision?: number;
  maxCount?: number;
}

/** Every given criterion must match; an absent or empty list places no constraint. */
export interface AllFilter {
  streamPrefixes?: string[];
  eventTypes?: string[];
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Omit to start at the beginning. */
  after?: number;
  maxCount?: number;
  filter?: AllFilter;
}

export interface SubscribeToAllOptions {
  /** Exclusive checkpoint: the subscription delivers events strictly after it. */
  after?: number;
  filter?: AllFilter;
  /** Upper bound of events in one delivered batch. */
  maxBatchSize?: number;
}

/**
 * A catch-up subscription to the global log. It yields batches in global order: first the
 * history after the checkpoint, then live events as they are committed, with no gap and no
 * duplicate at the switch. The consumer pulls the next batch only when done with the last,
 * so a checkpoint stored after a batch never passes unfinished work.
 */
export interface AllSubscription extends AsyncIterable<RecordedEvent[]> {
  /** Ends the iteration; pending `next()` calls resolve as done. */
  stop(): Promise<void>;
}

/** Retention and erasure settings, as EventStoreDB stream metadata models them. */
export interface StreamMetadata {
  /** Events before this revision are no longer readable. */
  truncateBefore?: number;
  /** Seconds. */
  maxAge?: number;
  /** Only the newest maxCount events stay readable. */
  maxCount?: number;
  /** Free-form metadata (e.g. erasure markers). */
  custom?: Record<string, unknown>;
}

export interface EventStore {
  appendToStream(streamId: string, events: NewEvent[], options?: AppendOptions): Promise<AppendResult>;
  /** An unknown (or soft-deleted) stream reads as empty. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribeToAll(options?: SubscribeToAllOptions): AllSubscription;
  getStreamMetadata(streamId: string): Promise<StreamMetadata>;
  setStreamMetadata(streamId: string, metadata: StreamMetadata): Promise<void>;
  /** Soft delete: the stream reads as empty; appending again continues after its last revision. */
  deleteStream(streamId: string): Promise<void>;
  /** The global position of the newest event, or -1 for an empty store. */
  headPosition(): Promise<number>;
  close(): Promise<void>;
}
