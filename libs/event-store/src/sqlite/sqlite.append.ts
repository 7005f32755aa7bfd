import type { Database } from 'better-sqlite3';
import type { AppendResult, ExpectedRevision } from '../event-store.port';
import { ConcurrencyError, EventStoreError } from '../event-store.errors';
import type { EventRow } from './sqlite.rows';
import type { Statements } from './sqlite.statements';
import type { BatchHeads } from './stream-head.cache';

export interface SerializedEvent {
  eventId: string;
  type: string;
  data: string;
  metadata: string;
  recordedAt: string;
}

/** An append with its events already serialized, so a bad payload fails before it joins a batch. */
export interface AppendRequest {
  streamId: string;
  expectedRevision: ExpectedRevision;
  events: SerializedEvent[];
}

/** Runs one append inside its batch's transaction, against the heads that batch sees. */
export type AppendInTransaction = (request: AppendRequest, heads: BatchHeads) => AppendResult;

/**
 * The append. The expected revision is checked against the stream's head before anything is
 * written, and the events are inserted right away: the insert's own unique index on (stream,
 * event id) is the idempotency check, so a new event costs no lookup of its id. Only a conflict
 * (a stale expected revision, an id already there) reads the stream to tell a retry, answered
 * with the earlier result, from a mistake. A rejected append leaves nothing behind, so the rest
 * of the batch can still commit; appends to one stream in one batch behave as sequential.
 */
export function prepareAppend(db: Database, statements: Statements): AppendInTransaction {
  const insertEvent = (streamId: string, revision: number, event: SerializedEvent): number => {
    const { eventId, type, data, metadata, recordedAt } = event;
    return Number(statements.insertEvent.run(streamId, revision, eventId, type, data, metadata, recordedAt).lastInsertRowid);
  };
  // One insert is atomic by itself; several go in under a savepoint, so a repeated id among them undoes the ones before it.
  const insertSeveral = db.transaction((streamId: string, lastRevision: number, events: SerializedEvent[]) =>
    events.reduce((_, event, index) => insertEvent(streamId, lastRevision + 1 + index, event), -1),
  );
  const insertEvents = (streamId: string, lastRevision: number, events: SerializedEvent[]): number =>
    events.length === 1 ? insertEvent(streamId, lastRevision + 1, events[0]) : insertSeveral(streamId, lastRevision, events);

  return (request, heads) => {
    const { streamId, expectedRevision, events } = request;
    const { lastRevision, deleted } = heads.get(streamId);
    // Idempotency comes first, as in EventStoreDB: a retry succeeds even when its expected revision is stale.
    if (!satisfiesExpectedRevision(expectedRevision, lastRevision, deleted)) {
      const earlier = findEarlierAppend(statements, request);
      if (earlier) return earlier;
      throw new ConcurrencyError(streamId, expectedRevision, lastRevision);
    }
    let position: number;
    try {
      position = insertEvents(streamId, lastRevision, events);
    } catch (error) {
      // Without a known id, the conflict was on the revision: the head was stale, and the batch must fail.
      if ((error as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw error;
      const earlier = findEarlierAppend(statements, request);
      if (earlier) return earlier;
      throw error;
    }
    if (deleted) statements.undeleteStream.run({ streamId });
    const nextRevision = lastRevision + events.length;
    heads.set(streamId, { lastRevision: nextRevision, deleted: false });
    return { nextRevision, position };
  };
}

/** A soft-deleted stream can be recreated with 'no_stream' (EventStoreDB's rule), but it does not "exist". */
function satisfiesExpectedRevision(expected: ExpectedRevision, lastRevision: number, deleted: boolean): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return lastRevision === -1 || deleted;
    case 'stream_exists':
      return lastRevision !== -1 && !deleted;
    default:
      return expected === lastRevision;
  }
}

/**
 * The result of an earlier append of exactly these events, or undefined when none of their ids
 * is in the stream yet. Known ids anywhere else (another position, other content, only some of
 * them) are a client bug, not a retry.
 */
function findEarlierAppend(statements: Statements, request: AppendRequest): AppendResult | undefined {
  const { streamId, expectedRevision, events } = request;
  const firstIdRevision = statements.eventRevision.get({ streamId, eventId: events[0].eventId })?.revision;
  if (firstIdRevision === undefined) {
    const reused = events.slice(1).find((event) => statements.eventRevision.get({ streamId, eventId: event.eventId }));
    if (reused) throw new EventStoreError(`Stream ${streamId}: event id ${reused.eventId} was already appended`);
    return undefined;
  }
  const stored = statements.eventsFromRevision.all({ streamId, from: firstIdRevision, count: events.length });
  const samePositions = typeof expectedRevision !== 'number' || firstIdRevision === expectedRevision + 1;
  if (!samePositions || stored.length !== events.length || !stored.every((row, i) => sameEvent(row, events[i]))) {
    throw new EventStoreError(`Stream ${streamId}: event ids already appended with other content or at other positions`);
  }
  const last = stored[stored.length - 1];
  return { nextRevision: last.revision, position: last.position };
}

/** The recording metadata (time, correlation) may differ on a retry; the fact itself may not. */
function sameEvent(row: EventRow, event: SerializedEvent): boolean {
  return row.eventId === event.eventId && row.type === event.type && row.data === event.data;
}
