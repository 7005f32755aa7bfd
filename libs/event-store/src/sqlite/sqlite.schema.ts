import Database from 'better-sqlite3';

export type SqliteSynchronous = 'FULL' | 'NORMAL';

/**
 * Opens (creating if needed) the event store file. WAL lets readers in other processes (the
 * audit CLI) read while this process writes; `synchronous=FULL` fsyncs the WAL on every commit,
 * so an acknowledged append survives power loss. NORMAL only survives a process crash.
 */
export function openEventStoreDatabase(filename: string, synchronous: SqliteSynchronous): Database.Database {
  const db = new Database(filename);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('busy_timeout = 5000');
  db.exec(`
    CREATE TABLE IF NOT EXISTS events (
      position    INTEGER PRIMARY KEY,
      stream_id   TEXT    NOT NULL,
      revision    INTEGER NOT NULL,
      event_id    TEXT    NOT NULL,
      type        TEXT    NOT NULL,
      data        TEXT    NOT NULL,
      metadata    TEXT    NOT NULL,
      recorded_at TEXT    NOT NULL,
      UNIQUE (stream_id, revision)
    );
    -- Idempotent appends look an event id up within its stream.
    CREATE UNIQUE INDEX IF NOT EXISTS events_stream_event_id ON events (stream_id, event_id);
    -- Only streams with metadata or a soft delete have a row; the last revision lives in events.
    CREATE TABLE IF NOT EXISTS streams (
      stream_id TEXT    PRIMARY KEY,
      deleted   INTEGER NOT NULL DEFAULT 0,
      metadata  TEXT    NOT NULL DEFAULT '{}'
    ) WITHOUT ROWID;
  `);
  return db;
}
