import Database from 'better-sqlite3';
import { customerStreamId } from '@crm/contracts';
import { createSqliteEventStore } from '@crm/event-store';
import { benchCustomerId, purchaseEvent } from './event-fixtures';
import { summarize, type LatencySummary } from './percentiles';
import { nowMs, perSecond } from './timing';

export interface AppendWorkload {
  appends: number;
  callers: number;
  streams: number;
}

export interface AppendFigures extends LatencySummary {
  /** Accepted appends per second. */
  eventsPerSecond: number;
  /** Rejected appends by error code: counted here, never timed as throughput. */
  rejected: Map<string, number>;
}

/** Appends `event n` to its stream, expecting the stream to hold `eventsBefore` events. */
export type AppendOne = (streamId: string, n: number, eventsBefore: number) => Promise<void>;

/** Event n of every workload goes to the same stream, whichever store receives it. */
export const streamOf = (n: number, streams: number): string => customerStreamId(benchCustomerId(n % streams));

/**
 * The command path's write pattern: `callers` concurrent loops, each appending one event per
 * call with the stream's exact expected revision, spread over `streams` streams. A rejected
 * append leaves its stream's expected revision unchanged and is counted, not timed.
 */
export async function appendConcurrently(append: AppendOne, workload: AppendWorkload): Promise<AppendFigures> {
  const eventsInStream = new Map<string, number>();
  const latencies: number[] = [];
  const rejected = new Map<string, number>();
  let next = 0;
  const caller = async () => {
    while (next < workload.appends) {
      const n = next++;
      const streamId = streamOf(n, workload.streams);
      const sentAt = nowMs();
      try {
        await append(streamId, n, eventsInStream.get(streamId) ?? 0);
      } catch (error) {
        const code = (error as { code?: string }).code ?? (error as Error).name;
        rejected.set(code, (rejected.get(code) ?? 0) + 1);
        continue;
      }
      latencies.push(nowMs() - sentAt);
      eventsInStream.set(streamId, (eventsInStream.get(streamId) ?? 0) + 1);
    }
  };
  const startedAt = nowMs();
  await Promise.all(Array.from({ length: workload.callers }, caller));
  if (latencies.length === 0) throw new Error(`Every append was rejected: ${describeRejections(rejected)}`);
  return { eventsPerSecond: perSecond(latencies.length, nowMs() - startedAt), ...summarize(latencies), rejected };
}

export const describeRejections = (rejected: Map<string, number>): string =>
  [...rejected].map(([code, count]) => `${count} × ${code}`).join(', ');

/** A note for the report when a side had appends rejected; none when all were accepted. */
export const rejectionNotes = (side: string, figures: AppendFigures, appends: number): string[] =>
  figures.rejected.size === 0 ? [] : [`${side}: ${describeRejections(figures.rejected)} of ${appends} appends rejected in the median run`];

/** Our path: `createSqliteEventStore` with synchronous=FULL, through the EventStore port. */
export async function appendThroughOurStore(filename: string, workload: AppendWorkload): Promise<AppendFigures> {
  const store = createSqliteEventStore({ filename, synchronous: 'FULL' });
  try {
    return await appendConcurrently(async (streamId, n, eventsBefore) => {
      const expectedRevision = eventsBefore === 0 ? 'no_stream' : eventsBefore - 1;
      await store.appendToStream(streamId, [purchaseEvent(n, benchCustomerId(n % workload.streams))], { expectedRevision });
    }, workload);
  } finally {
    await store.close();
  }
}

/** Creates an empty event store file: the raw baselines then write into exactly our schema and indexes. */
export async function createEventStoreFile(filename: string): Promise<void> {
  await createSqliteEventStore({ filename, synchronous: 'FULL' }).close();
}

/**
 * The raw baseline: one connection, the same pragmas (WAL, synchronous=FULL), the same rows
 * and JSON serialization, `rowsPerTransaction` inserts per transaction (1: autocommit).
 * `filename` must come from `createEventStoreFile`.
 */
export function rawInserts(filename: string, workload: AppendWorkload, rowsPerTransaction: number): number {
  const db = new Database(filename);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  const insert = db.prepare(`INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const insertRow = (n: number) => {
    const event = purchaseEvent(n, benchCustomerId(n % workload.streams));
    const revision = Math.floor(n / workload.streams);
    const data = JSON.stringify(event.data);
    const metadata = JSON.stringify(event.metadata);
    insert.run(streamOf(n, workload.streams), revision, event.eventId, event.type, data, metadata, event.metadata.recordedAt);
  };
  const insertRange = db.transaction((from: number, to: number) => {
    for (let n = from; n < to; n++) insertRow(n);
  });
  try {
    const startedAt = nowMs();
    for (let n = 0; n < workload.appends; n += rowsPerTransaction) {
      if (rowsPerTransaction === 1) insertRow(n);
      else insertRange(n, Math.min(n + rowsPerTransaction, workload.appends));
    }
    return perSecond(workload.appends, nowMs() - startedAt);
  } finally {
    db.close();
  }
}
