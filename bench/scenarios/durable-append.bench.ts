import { join } from 'node:path';
import { alternate } from '../support/alternate';
import { appendThroughOurStore, createEventStoreFile, rawInserts, rejectionNotes, type AppendWorkload } from '../support/append-workload';
import type { BenchContext, BenchRow } from '../support/scenario';

const ROWS_PER_TRANSACTION = 100;

/** Group commit under 64 concurrent callers vs raw inserts batched 100 per transaction. */
export async function run(context: BenchContext): Promise<BenchRow[]> {
  const workload: AppendWorkload = { appends: context.quick ? 3_000 : 40_000, callers: 64, streams: 10_000 };
  const rounds = context.quick ? 1 : 3;
  const file = (name: string) => join(context.workDir, `${name}.sqlite`);

  // Warm both paths up on throwaway files so neither pays the JIT and page-cache start alone.
  const warmup = { ...workload, appends: Math.min(workload.appends, 5_000) };
  await createEventStoreFile(file('warmup-raw'));
  rawInserts(file('warmup-raw'), warmup, ROWS_PER_TRANSACTION);
  await appendThroughOurStore(file('warmup-ours'), warmup);

  const { raw, ours } = await alternate(
    rounds,
    {
      raw: async (round) => {
        await createEventStoreFile(file(`raw-${round}`));
        return { eventsPerSecond: rawInserts(file(`raw-${round}`), workload, ROWS_PER_TRANSACTION) };
      },
      ours: (round) => appendThroughOurStore(file(`ours-${round}`), workload),
    },
    (result) => result.eventsPerSecond,
  );

  return [
    {
      kind: 'measured',
      name: 'Durable append, group commit',
      ours: {
        value: ours.eventsPerSecond,
        unit: 'events/s',
        label: `createSqliteEventStore (synchronous=FULL): ${workload.callers} concurrent callers, 1 event per append with the exact expected revision`,
        p50Ms: ours.p50Ms,
        p99Ms: ours.p99Ms,
      },
      baseline: {
        value: raw.eventsPerSecond,
        unit: 'events/s',
        label: `raw better-sqlite3 INSERTs into the same schema and pragmas, ${ROWS_PER_TRANSACTION} rows per transaction (better-sqlite3 is synchronous, so batching is how it expresses concurrency)`,
      },
      target: { minRatio: 0.5 },
      notes: [
        `${workload.appends.toLocaleString('en-US')} appends of a 2-line PurchaseRecorded over ${workload.streams.toLocaleString('en-US')} customer streams per run, fresh file each; median of ${rounds} alternating runs per side`,
        'p50/p99: latency of one append call, queueing for its group commit included',
        ...rejectionNotes('ours', ours, workload.appends),
      ],
    },
  ];
}
