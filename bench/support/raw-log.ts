import Database from 'better-sqlite3';
import type { RecordedEvent } from '@crm/contracts';
// The store's own column list and row shape, so the baselines read exactly its schema.
import { EVENT_COLUMNS, type EventRow } from '../../libs/event-store/src/sqlite/sqlite.rows';

const toRecorded = (row: EventRow): RecordedEvent => ({
  eventId: row.eventId,
  type: row.type,
  data: JSON.parse(row.data) as Record<string, unknown>,
  metadata: JSON.parse(row.metadata) as RecordedEvent['metadata'],
  streamId: row.streamId,
  revision: row.revision,
  globalPosition: row.position,
});

/**
 * Reads an event store file's log a page at a time, as the raw baselines do: plain
 * better-sqlite3 `.all()` and two JSON.parse per row. The file is closed when the pages run out
 * or the caller stops early (`return()`, or leaving a `for … of`).
 */
export function* logPages(eventsFile: string, pageSize: number): Generator<RecordedEvent[], void, undefined> {
  const db = new Database(eventsFile, { readonly: true });
  try {
    const page = db.prepare<[number, number], EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`);
    for (let after = -1; ; ) {
      const rows = page.all(after, pageSize);
      if (rows.length === 0) return;
      yield rows.map(toRecorded);
      after = rows[rows.length - 1].position;
    }
  } finally {
    db.close();
  }
}
