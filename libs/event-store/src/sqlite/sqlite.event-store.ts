import type { NewEvent } from '@crm/contracts';
import type {
  AllFilter,
  AllSubscription,
  AppendResult,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  StreamMetadata,
} from '../event-store.port';
import { assertAppendable } from '../append-validation';
import { ConcurrencyError, EventStoreError } from '../event-store.errors';
import { prepareAppend, type AppendRequest, type SerializedEvent } from './sqlite.append';
import { CommitSignal } from './commit-signal';
import { GroupCommitQueue, type JobOutcome } from './group-commit.queue';
import { parseRecordedEvent } from './sqlite.rows';
import { openEventStoreDatabase, type SqliteSynchronous } from './sqlite.schema';
import { prepareReadAll, prepareStatements, type ReadAllParams, type StreamStateRow } from './sqlite.statements';
import { createCatchUpSubscription, type LogPage } from './sqlite.subscription';
import { StreamHeadCache } from './stream-head.cache';

export interface SqliteEventStoreOptions {
  filename: string;
  /** FULL (default): an acknowledged append survives power loss. NORMAL: only a process crash. */
  synchronous?: SqliteSynchronous;
  /** Most appends committed in one transaction. */
  maxBatchSize?: number;
  /** Most streams whose head (last revision, soft delete) is kept in memory, at least 1. */
  cachedStreamHeads?: number;
}

export interface GroupCommitStats {
  /** Append calls settled by a committed batch (accepted or rejected). */
  appends: number;
  /** Batches committed, one transaction (and one fsync) each. */
  transactions: number;
}

export interface SqliteEventStore extends EventStore {
  stats(): GroupCommitStats;
}

const DEFAULT_MAX_BATCH_SIZE = 500;
/** About 15 MB of heads. */
const DEFAULT_CACHED_STREAM_HEADS = 100_000;
const DEFAULT_SUBSCRIPTION_BATCH_SIZE = 500;
const NO_LIMIT = -1;

/**
 * The embedded event store. One process owns the file: its appends go through a group-commit
 * queue and its subscribers are woken by that queue's commits.
 */
export function createSqliteEventStore(options: SqliteEventStoreOptions): SqliteEventStore {
  const db = openEventStoreDatabase(options.filename, options.synchronous ?? 'FULL');
  const statements = prepareStatements(db);
  const signal = new CommitSignal();
  const subscriptions = new Set<AllSubscription>();
  const counters: GroupCommitStats = { appends: 0, transactions: 0 };
  let closed = false;

  const streamState = (streamId: string) => {
    const row: StreamStateRow | undefined = statements.streamState.get({ streamId });
    return {
      lastRevision: row?.lastRevision ?? -1,
      deleted: row?.deleted === 1,
      metadata: row?.metadata ? (JSON.parse(row.metadata) as StreamMetadata) : {},
    };
  };

  const append = prepareAppend(db, statements);
  // A stream not cached is read as readStream reads it; only its head is kept.
  const heads = new StreamHeadCache(Math.max(1, options.cachedStreamHeads ?? DEFAULT_CACHED_STREAM_HEADS), (streamId) => {
    const { lastRevision, deleted } = streamState(streamId);
    return { lastRevision, deleted };
  });
  // IMMEDIATE takes the write lock at BEGIN, so the data_version read next covers every other commit until ours.
  const commitInTransaction = db.transaction((requests: AppendRequest[]) => {
    const batchHeads = heads.beginBatch(statements.dataVersion.get() as number);
    const outcomes = requests.map((request) => outcomeOf(() => append(request, batchHeads)));
    return { outcomes, batchHeads };
  }).immediate;
  const queue = new GroupCommitQueue<AppendRequest, AppendResult>({
    maxBatchSize: options.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE,
    commitBatch(requests) {
      try {
        const { outcomes, batchHeads } = commitInTransaction(requests);
        batchHeads.commit();
        counters.transactions += 1;
        counters.appends += requests.length;
        return outcomes;
      } catch (error) {
        // A batch fails on a fault, perhaps a stale head: the next one reads every head afresh.
        heads.clear();
        throw new EventStoreError('The append batch could not be committed', { cause: error });
      }
    },
    onCommitted: () => signal.notify(),
  });

  // Filters come from code (projections, subscribers), so there are only a few shapes to keep.
  const readAllStatements = new Map<string, ReturnType<typeof prepareReadAll>>();
  const readLog = (after: number, limit: number, filter: AllFilter | undefined) => {
    const prefixes = filter?.streamPrefixes ?? [];
    const types = filter?.eventTypes ?? [];
    const shape = `${prefixes.length}/${types.length}`;
    let statement = readAllStatements.get(shape);
    if (!statement) {
      statement = prepareReadAll(db, prefixes.length, types.length);
      readAllStatements.set(shape, statement);
    }
    const params: ReadAllParams = { after, limit };
    prefixes.forEach((prefix, i) => (params[`p${i}`] = prefix));
    types.forEach((type, i) => (params[`t${i}`] = type));
    return statement.all(params).map(parseRecordedEvent);
  };

  const readPage = (filter: AllFilter | undefined) => (after: number, limit: number): LogPage => {
    const events = readLog(after, limit, filter);
    // A short page means the log was read to its head, so the next read can start there.
    const scannedTo = events.length < limit ? headPosition() : events[events.length - 1].globalPosition;
    return { events, scannedTo };
  };

  const headPosition = () => statements.headPosition.get()?.head ?? -1;

  return {
    async appendToStream(streamId, events, appendOptions = {}) {
      if (closed) throw new EventStoreError('The event store is closed');
      return queue.submit({
        streamId,
        expectedRevision: appendOptions.expectedRevision ?? 'any',
        events: serializeEvents(streamId, events),
      });
    },

    async readStream(streamId, readOptions: ReadStreamOptions = {}) {
      const { lastRevision, metadata } = streamState(streamId);
      // Soft delete is a truncation at the last revision, so it needs no case of its own here.
      const floor = Math.max(
        metadata.truncateBefore ?? 0,
        metadata.maxCount === undefined ? 0 : lastRevision - metadata.maxCount + 1,
      );
      const limit = readOptions.maxCount ?? NO_LIMIT;
      const rows =
        readOptions.direction === 'backwards'
          ? statements.readBackwards.all({ streamId, from: readOptions.fromRevision ?? lastRevision, floor, limit })
          : statements.readForwards.all({ streamId, from: readOptions.fromRevision ?? 0, floor, limit });
      return rows.map(parseRecordedEvent);
    },

    async readAll(readOptions: ReadAllOptions = {}) {
      return readLog(readOptions.after ?? -1, readOptions.maxCount ?? NO_LIMIT, readOptions.filter);
    },

    subscribeToAll(subscribeOptions = {}) {
      const subscription: AllSubscription = createCatchUpSubscription({
        after: subscribeOptions.after ?? -1,
        maxBatchSize: Math.max(1, subscribeOptions.maxBatchSize ?? DEFAULT_SUBSCRIPTION_BATCH_SIZE),
        readPage: readPage(subscribeOptions.filter),
        signal,
        onEnd: () => subscriptions.delete(subscription),
      });
      subscriptions.add(subscription);
      return subscription;
    },

    async getStreamMetadata(streamId) {
      return streamState(streamId).metadata;
    },

    async setStreamMetadata(streamId, metadata) {
      const { lastRevision, deleted } = streamState(streamId);
      // Metadata written to a soft-deleted stream must not make its old events readable again.
      const truncateBefore = deleted ? Math.max(metadata.truncateBefore ?? 0, lastRevision + 1) : metadata.truncateBefore;
      const stored: StreamMetadata = truncateBefore === undefined ? metadata : { ...metadata, truncateBefore };
      statements.upsertStream.run({ streamId, deleted: deleted ? 1 : 0, metadata: JSON.stringify(stored) });
    },

    async deleteStream(streamId) {
      const { lastRevision, metadata } = streamState(streamId);
      const truncated: StreamMetadata = { ...metadata, truncateBefore: lastRevision + 1 };
      statements.upsertStream.run({ streamId, deleted: 1, metadata: JSON.stringify(truncated) });
      heads.forget(streamId);
    },

    async headPosition() {
      return headPosition();
    },

    async close() {
      if (closed) return;
      closed = true;
      queue.flush();
      await Promise.all([...subscriptions].map((subscription) => subscription.stop()));
      db.close();
    },

    stats: () => ({ ...counters }),
  };
}

/** Expected failures belong to one caller; anything else aborts the batch's transaction. */
function outcomeOf<R>(append: () => R): JobOutcome<R> {
  try {
    return { ok: true, value: append() };
  } catch (error) {
    if (error instanceof ConcurrencyError || error instanceof EventStoreError) return { ok: false, error };
    throw error;
  }
}

function serializeEvents(streamId: string, events: NewEvent[]): SerializedEvent[] {
  assertAppendable(streamId, events);
  try {
    return events.map((event) => ({
      eventId: event.eventId,
      type: event.type,
      data: JSON.stringify(event.data),
      metadata: JSON.stringify(event.metadata),
      recordedAt: event.metadata.recordedAt,
    }));
  } catch (error) {
    throw new EventStoreError(`Stream ${streamId}: an event is not serializable to JSON`, { cause: error });
  }
}
