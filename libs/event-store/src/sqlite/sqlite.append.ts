import type { AppendResult, ExpectedRevision } from '../event-store.port';
import { ConcurrencyError, EventStoreError } from '../event-store.errors';
import type { EventRow } from './sqlite.rows';
import type { Statements } from './sqlite.statements';

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

/**
 * Runs one append inside the batch's transaction. Every check happens before the first insert,
 * so a rejected append leaves nothing behind and the rest of the batch can still commit. Reads
 * see the batch's earlier inserts, so appends to one stream in one batch behave as sequential.
 */
export function appendInTransaction(statements: Statements, request: AppendRequest): AppendResult {
  const { streamId, expectedRevision, events } = request;
  const state = statements.appendState.get({ streamId, eventId: events[0].eventId });
  const lastRevision = state?.lastRevision ?? -1;
  const deleted = state?.deleted === 1;

  // Idempotency comes first, as in EventStoreDB: a retry succeeds even when its expected revision is stale.
  const earlier = findEarlierAppend(statements, request, state?.knownRevision ?? null);
  if (earlier) return earlier;
  if (!satisfiesExpectedRevision(expectedRevision, lastRevision, deleted)) {
    throw new ConcurrencyError(streamId, expectedRevision, lastRevision);
  }

  let position = -1;
  events.forEach((event, index) => {
    const revision = lastRevision + 1 + index;
    const { eventId, type, data, metadata, recordedAt } = event;
    const inserted = statements.insertEvent.run(streamId, revision, eventId, type, data, metadata, recordedAt);
    position = Number(inserted.lastInsertRowid);
  });
  if (deleted) statements.undeleteStream.run({ streamId });
  return { nextRevision: lastRevision + events.length, position };
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
function findEarlierAppend(
  statements: Statements,
  request: AppendRequest,
  firstIdRevision: number | null,
): AppendResult | undefined {
  const { streamId, expectedRevision, events } = request;
  if (firstIdRevision === null) {
    const reused = events.slice(1).find((event) => statements.eventIdKnown.get({ streamId, eventId: event.eventId }));
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
