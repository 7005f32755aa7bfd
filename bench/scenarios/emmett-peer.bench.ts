import { join } from 'node:path';
import { STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { getSQLiteEventStore, sqliteConnection, type SQLiteEventStore } from '@event-driven-io/emmett-sqlite';
import { customerStreamId } from '@crm/contracts';
import { createSqliteEventStore, type EventStore } from '@crm/event-store';
import { alternate } from '../support/alternate';
import { appendConcurrently, describeRejections, rejectionNotes, type AppendWorkload } from '../support/append-workload';
import { benchCustomerId, purchaseEvent } from '../support/event-fixtures';
import { summarize } from '../support/percentiles';
import type { BenchContext, BenchRow } from '../support/scenario';
import { nowMs, perSecond } from '../support/timing';

const EMMETT_VERSION = '0.38.5';
const SEED_BATCH = 100;
const SEED_ATTEMPTS = 3;

interface ReadFigures {
  eventsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/** The two stores behind one shape, so both run the very same workload. */
interface Contender {
  append(streamId: string, n: number, eventsBefore: number): Promise<void>;
  appendBatch(streamId: string, from: number, count: number, eventsBefore: number): Promise<void>;
  readStreamLength(streamId: string): Promise<number>;
  close(): Promise<void>;
}

const eventsFor = (from: number, count: number, streams: number) =>
  Array.from({ length: count }, (_, i) => purchaseEvent(from + i, benchCustomerId((from + i) % streams)));

function ours(filename: string, streams: number): Contender {
  const store: EventStore = createSqliteEventStore({ filename, synchronous: 'FULL' });
  const expected = (eventsBefore: number) => (eventsBefore === 0 ? 'no_stream' : eventsBefore - 1);
  return {
    async append(streamId, n, eventsBefore) {
      await store.appendToStream(streamId, eventsFor(n, 1, streams), { expectedRevision: expected(eventsBefore) });
    },
    async appendBatch(streamId, from, count, eventsBefore) {
      await store.appendToStream(streamId, eventsFor(from, count, streams), { expectedRevision: expected(eventsBefore) });
    },
    readStreamLength: async (streamId) => (await store.readStream(streamId)).length,
    close: () => store.close(),
  };
}

function emmett(fileName: string, streams: number): Contender {
  const store: SQLiteEventStore = getSQLiteEventStore({ fileName });
  const expected = (eventsBefore: number) => (eventsBefore === 0 ? STREAM_DOES_NOT_EXIST : BigInt(eventsBefore));
  const append = async (streamId: string, from: number, count: number, eventsBefore: number) => {
    await store.appendToStream(streamId, eventsFor(from, count, streams), { expectedStreamVersion: expected(eventsBefore) });
  };
  return {
    append: (streamId, n, eventsBefore) => append(streamId, n, 1, eventsBefore),
    appendBatch: append,
    readStreamLength: async (streamId) => (await store.readStream(streamId)).events.length,
    // Emmett's file-backed store opens and closes its connection around every call.
    close: async () => undefined,
  };
}

async function readRepeatedly(contender: Contender, streamId: string, expectedLength: number, reads: number): Promise<ReadFigures> {
  const latencies: number[] = [];
  const startedAt = nowMs();
  for (let i = 0; i < reads; i++) {
    const sentAt = nowMs();
    const length = await contender.readStreamLength(streamId);
    latencies.push(nowMs() - sentAt);
    if (length !== expectedLength) throw new Error(`Read ${length} events, expected ${expectedLength}`);
  }
  return { eventsPerSecond: perSecond(reads * expectedLength, nowMs() - startedAt), ...summarize(latencies) };
}

/** Appends `length` events in batches; a batch that failed (Emmett, now and then: SQLITE_BUSY) is tried again. */
async function seedStream(contender: Contender, streamId: string, length: number): Promise<void> {
  for (let from = 0; from < length; from += SEED_BATCH) {
    for (let attempt = 1; ; attempt++) {
      try {
        await contender.appendBatch(streamId, from, SEED_BATCH, from);
        break;
      } catch (error) {
        if (attempt === SEED_ATTEMPTS || (await contender.readStreamLength(streamId)) !== from) throw error;
      }
    }
  }
}

/** What Emmett does with the append workload of scenario 1 (64 concurrent callers): the reason both sides run with 1. */
async function emmettUnderConcurrency(fileName: string, workload: AppendWorkload): Promise<string> {
  const contender = emmett(fileName, workload.streams);
  // Emmett console.logs every failed transaction; the count below says the same in one line.
  const log = console.log;
  console.log = () => undefined;
  try {
    const { rejected } = await appendConcurrently((...args) => contender.append(...args), workload);
    return rejected.size === 0
      ? `at ${workload.callers} concurrent callers Emmett accepted all ${workload.appends} appends`
      : `at ${workload.callers} concurrent callers (scenario 1's workload) Emmett ${EMMETT_VERSION} rejected ${describeRejections(rejected)} of ${workload.appends} appends: its file-backed store opens and closes one shared connection around every call, so concurrent calls collide; both sides therefore run with 1 caller`;
  } catch (error) {
    return `at ${workload.callers} concurrent callers Emmett ${EMMETT_VERSION} rejected every append (${(error as Error).message}); both sides therefore run with 1 caller`;
  } finally {
    console.log = log;
  }
}

async function emmettSynchronousPragma(fileName: string): Promise<string> {
  const connection = sqliteConnection({ fileName });
  try {
    const row = await connection.querySingle<{ synchronous: number }>('PRAGMA synchronous');
    return ['OFF', 'NORMAL', 'FULL', 'EXTRA'][row?.synchronous ?? -1] ?? 'unknown';
  } finally {
    connection.close();
  }
}

/** The same append and stream-read workload on Emmett's SQLite event store and on ours. */
export async function run(context: BenchContext): Promise<BenchRow[]> {
  const workload: AppendWorkload = { appends: context.quick ? 100 : 500, callers: 1, streams: 10_000 };
  const streamLength = context.quick ? 200 : 1_000;
  const reads = context.quick ? 5 : 30;
  const rounds = context.quick ? 1 : 3;
  const file = (name: string) => join(context.workDir, `${name}.sqlite`);
  const sequential = (contender: Contender) => appendConcurrently((...args) => contender.append(...args), workload);

  const withContender = async <T>(contender: Contender, use: (contender: Contender) => Promise<T>): Promise<T> => {
    try {
      return await use(contender);
    } finally {
      await contender.close();
    }
  };
  await withContender(ours(file('warmup-ours'), workload.streams), sequential);
  await withContender(emmett(file('warmup-emmett'), workload.streams), sequential);

  const appends = await alternate(
    rounds,
    {
      emmett: (round) => withContender(emmett(file(`emmett-${round}`), workload.streams), sequential),
      ours: (round) => withContender(ours(file(`ours-${round}`), workload.streams), sequential),
    },
    (result) => result.eventsPerSecond,
  );

  // A stream the append runs never touched.
  const readStream = customerStreamId(benchCustomerId(workload.streams));
  const oursReader = ours(file('ours-0'), workload.streams);
  const emmettReader = emmett(file('emmett-0'), workload.streams);
  await seedStream(oursReader, readStream, streamLength);
  await seedStream(emmettReader, readStream, streamLength);
  const readFigures = await alternate(
    rounds,
    {
      emmett: () => readRepeatedly(emmettReader, readStream, streamLength, reads),
      ours: () => readRepeatedly(oursReader, readStream, streamLength, reads),
    },
    (result) => result.eventsPerSecond,
  );
  await oursReader.close();

  const synchronous = await emmettSynchronousPragma(file('emmett-0'));
  const concurrency = context.quick
    ? 'the 64-caller probe runs in full mode only'
    : await emmettUnderConcurrency(file('emmett-concurrent'), { appends: 128, callers: 64, streams: workload.streams });

  return [
    {
      kind: 'measured',
      name: 'Append vs Emmett SQLite',
      ours: {
        value: appends.ours.eventsPerSecond,
        unit: 'events/s',
        label: 'createSqliteEventStore (synchronous=FULL), 1 caller, 1 event per append with the expected revision',
        p50Ms: appends.ours.p50Ms,
        p99Ms: appends.ours.p99Ms,
      },
      baseline: {
        value: appends.emmett.eventsPerSecond,
        unit: 'events/s',
        label: `@event-driven-io/emmett-sqlite ${EMMETT_VERSION} getSQLiteEventStore (node-sqlite3, WAL, synchronous=${synchronous}), the same events and expected versions`,
        p50Ms: appends.emmett.p50Ms,
        p99Ms: appends.emmett.p99Ms,
      },
      target: { minRatio: 2 },
      notes: [
        `${workload.appends} appends over ${workload.streams.toLocaleString('en-US')} streams per run; median of ${rounds} alternating runs per side`,
        ...rejectionNotes('ours', appends.ours, workload.appends),
        ...rejectionNotes('Emmett', appends.emmett, workload.appends),
        concurrency,
      ],
    },
    {
      kind: 'measured',
      name: 'Stream read vs Emmett SQLite',
      ours: {
        value: readFigures.ours.eventsPerSecond,
        unit: 'events/s',
        label: `readStream of one ${streamLength}-event stream (rows parsed to events)`,
        p50Ms: readFigures.ours.p50Ms,
        p99Ms: readFigures.ours.p99Ms,
      },
      baseline: {
        value: readFigures.emmett.eventsPerSecond,
        unit: 'events/s',
        label: `Emmett readStream of the same ${streamLength}-event stream`,
        p50Ms: readFigures.emmett.p50Ms,
        p99Ms: readFigures.emmett.p99Ms,
      },
      target: { minRatio: 2 },
      notes: [`${reads} reads per run, median of ${rounds} alternating runs; p50/p99: one whole-stream read`],
    },
  ];
}
