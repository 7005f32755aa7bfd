import type Database from 'better-sqlite3';
import { EVENT_COLUMNS, type EventRow } from './sqlite.rows';

/** What the store knows about one stream: its last revision (-1: none) and its `streams` row. */
export interface StreamStateRow {
  lastRevision: number | null;
  deleted: number | null;
  metadata: string | null;
}

/** The stream's last revision and deleted flag, and the revision holding the append's first event id, if any. */
export interface AppendStateRow {
  lastRevision: number | null;
  deleted: number | null;
  knownRevision: number | null;
}

/** stream_id, revision, event_id, type, data, metadata, recorded_at */
export type InsertEventParams = [string, number, string, string, string, string, string];

/** Every statement the store runs, prepared once when the store opens. */
export function prepareStatements(db: Database.Database) {
  return {
    streamState: db.prepare<{ streamId: string }, StreamStateRow>(`
      SELECT (SELECT MAX(revision) FROM events WHERE stream_id = @streamId) AS lastRevision,
             (SELECT deleted FROM streams WHERE stream_id = @streamId) AS deleted,
             (SELECT metadata FROM streams WHERE stream_id = @streamId) AS metadata`),
    // What an append must know, in one statement: it runs once per append inside the batch.
    appendState: db.prepare<{ streamId: string; eventId: string }, AppendStateRow>(`
      SELECT (SELECT MAX(revision) FROM events WHERE stream_id = @streamId) AS lastRevision,
             (SELECT deleted FROM streams WHERE stream_id = @streamId) AS deleted,
             (SELECT revision FROM events WHERE stream_id = @streamId AND event_id = @eventId) AS knownRevision`),
    eventIdKnown: db.prepare<{ streamId: string; eventId: string }, { known: number }>(`
      SELECT 1 AS known FROM events WHERE stream_id = @streamId AND event_id = @eventId`),
    eventsFromRevision: db.prepare<{ streamId: string; from: number; count: number }, EventRow>(`
      SELECT ${EVENT_COLUMNS} FROM events
      WHERE stream_id = @streamId AND revision >= @from
      ORDER BY revision LIMIT @count`),
    // Positional on the hottest path: binding seven parameters by name costs about a microsecond more per event.
    insertEvent: db.prepare<InsertEventParams>(`
      INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)`),
    upsertStream: db.prepare<{ streamId: string; deleted: number; metadata: string }>(`
      INSERT INTO streams (stream_id, deleted, metadata) VALUES (@streamId, @deleted, @metadata)
      ON CONFLICT (stream_id) DO UPDATE SET deleted = excluded.deleted, metadata = excluded.metadata`),
    undeleteStream: db.prepare<{ streamId: string }>(`UPDATE streams SET deleted = 0 WHERE stream_id = @streamId`),
    readForwards: db.prepare<{ streamId: string; from: number; floor: number; limit: number }, EventRow>(`
      SELECT ${EVENT_COLUMNS} FROM events
      WHERE stream_id = @streamId AND revision >= MAX(@from, @floor)
      ORDER BY revision LIMIT @limit`),
    readBackwards: db.prepare<{ streamId: string; from: number; floor: number; limit: number }, EventRow>(`
      SELECT ${EVENT_COLUMNS} FROM events
      WHERE stream_id = @streamId AND revision <= @from AND revision >= @floor
      ORDER BY revision DESC LIMIT @limit`),
    // The filter travels as JSON arrays (NULL: no constraint) so one statement serves every filter.
    readAll: db.prepare<{ after: number; prefixes: string | null; types: string | null; limit: number }, EventRow>(`
      SELECT ${EVENT_COLUMNS} FROM events
      WHERE position > @after
        AND (@prefixes IS NULL OR EXISTS (
              SELECT 1 FROM json_each(@prefixes) p WHERE substr(events.stream_id, 1, length(p.value)) = p.value))
        AND (@types IS NULL OR type IN (SELECT value FROM json_each(@types)))
      ORDER BY position LIMIT @limit`),
    headPosition: db.prepare<[], { head: number | null }>(`SELECT MAX(position) AS head FROM events`),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;
