/**
 * Group-commit throughput, measured against raw better-sqlite3 inserts in the same process and
 * with the same schema and pragmas (synchronous=FULL). A script, not a test: timings are not
 * asserted anywhere. Run after `npm run build`:
 *   node dist/libs/event-store/src/sqlite/group-commit.bench.js [appends per round] [rounds]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewEvent } from '@crm/contracts';
import { createSqliteEventStore } from './sqlite.event-store';
import { openEventStoreDatabase } from './sqlite.schema';

const CALLERS = 64;
const STREAMS = 10_000;
const ROWS_PER_TRANSACTION = 100;
const AUTOCOMMIT_ROWS = 1_000;
const WARM_UP_APPENDS = 2_000;

const eventNumber = (n: number): NewEvent => ({
  eventId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  type: 'CustomerNoted',
  data: { customerId: `customer-${n % STREAMS}`, note: 'Called about the renewal; wants a quote by Friday.', occurredAt: '2024-05-01T09:00:00.000Z' },
  metadata: {
    schemaVersion: 1,
    recordedAt: '2024-05-01T09:00:00.000Z',
    correlationId: 'bench-correlation',
    causationId: 'bench-command',
    actor: 'bench',
    department: 'sales',
  },
});

const perSecond = (count: number, startedAt: bigint) => count / (Number(process.hrtime.bigint() - startedAt) / 1e9);

function rawInserts(filename: string, count: number, rowsPerTransaction: number): number {
  const db = openEventStoreDatabase(filename, 'FULL');
  const insert = db.prepare(`INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const insertRow = (n: number) => {
    const event = eventNumber(n);
    const data = JSON.stringify(event.data);
    const metadata = JSON.stringify(event.metadata);
    insert.run(`customer-${n % STREAMS}`, Math.floor(n / STREAMS), event.eventId, event.type, data, metadata, event.metadata.recordedAt);
  };
  const insertMany = db.transaction((from: number, to: number) => {
    for (let n = from; n < to; n++) insertRow(n);
  });
  const startedAt = process.hrtime.bigint();
  for (let n = 0; n < count; n += rowsPerTransaction) {
    if (rowsPerTransaction === 1) insertRow(n);
    else insertMany(n, Math.min(n + rowsPerTransaction, count));
  }
  const rate = perSecond(count, startedAt);
  db.close();
  return rate;
}

async function groupCommit(filename: string, count: number): Promise<{ rate: number; transactions: number }> {
  const store = createSqliteEventStore({ filename });
  let next = 0;
  const revisions = new Map<string, number>();
  // Each caller appends one event per request with the exact expected revision, as the command API does.
  const caller = async () => {
    while (next < count) {
      const n = next++;
      const streamId = `customer-${n % STREAMS}`;
      const expectedRevision = revisions.get(streamId) ?? 'no_stream';
      const result = await store.appendToStream(streamId, [eventNumber(n)], { expectedRevision });
      revisions.set(streamId, result.nextRevision);
    }
  };
  const startedAt = process.hrtime.bigint();
  await Promise.all(Array.from({ length: CALLERS }, caller));
  const rate = perSecond(count, startedAt);
  const { transactions } = store.stats();
  await store.close();
  return { rate, transactions };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Rounds alternate raw and group commit, so a noisy neighbour on the disk skews both alike. */
async function main(): Promise<void> {
  const appends = Number(process.argv[2] ?? 20_000);
  const rounds = Number(process.argv[3] ?? 3);
  const directory = mkdtempSync(join(tmpdir(), 'crm-group-commit-bench-'));
  try {
    const batched: number[] = [];
    const grouped: number[] = [];
    const ratios: number[] = [];
    let transactions = 0;
    // A small uncounted round first, so neither side pays for JIT warm-up.
    rawInserts(join(directory, 'warm-up-raw.sqlite'), WARM_UP_APPENDS, ROWS_PER_TRANSACTION);
    await groupCommit(join(directory, 'warm-up-store.sqlite'), WARM_UP_APPENDS);
    for (let round = 0; round < rounds; round++) {
      batched.push(rawInserts(join(directory, `raw-batched-${round}.sqlite`), appends, ROWS_PER_TRANSACTION));
      const store = await groupCommit(join(directory, `store-${round}.sqlite`), appends);
      grouped.push(store.rate);
      ratios.push(store.rate / batched[round]);
      transactions = store.transactions;
    }
    const autocommit = rawInserts(join(directory, 'raw-autocommit.sqlite'), AUTOCOMMIT_ROWS, 1);
    const report = {
      appends,
      rounds,
      callers: CALLERS,
      streams: STREAMS,
      rawInsertsPerSecondAt100PerTransaction: batched.map(Math.round),
      groupCommitAppendsPerSecond: grouped.map(Math.round),
      rawAutocommitInsertsPerSecond: Math.round(autocommit),
      appendsPerTransaction: Number((appends / transactions).toFixed(1)),
      medianRatioToRawBatched: Number(median(ratios).toFixed(2)),
      medianRatioToRawAutocommit: Number((median(grouped) / autocommit).toFixed(1)),
    };
    console.log(JSON.stringify(report, null, 2));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

void main();
