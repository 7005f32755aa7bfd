import { join } from 'node:path';
import { alternate } from '../support/alternate';
import { appendThroughOurStore, createEventStoreFile, rawInserts, rejectionNotes, type AppendWorkload } from '../support/append-workload';
import type { BenchContext, BenchRow } from '../support/scenario';

/**
 * What durability costs without group commit. Each autocommit insert is its own
 * fsync'd transaction, the naive way to make every acknowledged write survive a power loss.
 */
export async function run(context: BenchContext): Promise<BenchRow[]> {
  const workload: AppendWorkload = { appends: context.quick ? 3_000 : 40_000, callers: 64, streams: 10_000 };
  const autocommitWorkload: AppendWorkload = { ...workload, appends: context.quick ? 300 : 5_000 };
  const rounds = context.quick ? 1 : 3;
  const file = (name: string) => join(context.workDir, `${name}.sqlite`);

  await createEventStoreFile(file('warmup-raw'));
  rawInserts(file('warmup-raw'), { ...autocommitWorkload, appends: 200 }, 1);
  await appendThroughOurStore(file('warmup-ours'), { ...workload, appends: 2_000 });

  const { autocommit, ours } = await alternate(
    rounds,
    {
      autocommit: async (round) => {
        await createEventStoreFile(file(`raw-${round}`));
        return { eventsPerSecond: rawInserts(file(`raw-${round}`), autocommitWorkload, 1) };
      },
      ours: (round) => appendThroughOurStore(file(`ours-${round}`), workload),
    },
    (result) => result.eventsPerSecond,
  );

  return [
    {
      kind: 'measured',
      name: 'Durable append vs autocommit',
      ours: {
        value: ours.eventsPerSecond,
        unit: 'events/s',
        label: `createSqliteEventStore (synchronous=FULL): ${workload.callers} concurrent callers, 1 event per append`,
        p50Ms: ours.p50Ms,
        p99Ms: ours.p99Ms,
      },
      baseline: {
        value: autocommit.eventsPerSecond,
        unit: 'events/s',
        label: 'raw better-sqlite3 autocommit INSERTs (one transaction and one fsync per event), same schema, pragmas and payloads',
      },
      target: { minRatio: 10 },
      notes: [
        `per run: ours ${workload.appends.toLocaleString('en-US')} appends, baseline ${autocommitWorkload.appends.toLocaleString('en-US')} inserts (fewer: each waits for its own fsync); median of ${rounds} alternating runs per side`,
        ...rejectionNotes('ours', ours, workload.appends),
      ],
    },
  ];
}
