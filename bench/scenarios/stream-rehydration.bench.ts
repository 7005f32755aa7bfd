import Database from 'better-sqlite3';
import { join } from 'node:path';
import { loadCustomer } from '@crm/application';
import { customerStreamId } from '@crm/contracts';
import { createCustomerDecider, defaultDomainRules } from '@crm/domain';
import { createSqliteEventStore } from '@crm/event-store';
import { alternate } from '../support/alternate';
import { decideHistory } from '../support/customer-history';
import { benchCustomerId } from '../support/event-fixtures';
import { summarize, type LatencySummary } from '../support/percentiles';
import type { BenchContext, BenchRow } from '../support/scenario';
import { nowMs, perSecond } from '../support/timing';

const SEED_BATCH = 500;

interface LoadFigures extends LatencySummary {
  eventsPerSecond: number;
}

async function loadRepeatedly(load: () => Promise<number> | number, eventCount: number, loads: number): Promise<LoadFigures> {
  const latencies: number[] = [];
  const startedAt = nowMs();
  for (let i = 0; i < loads; i++) {
    const sentAt = nowMs();
    const loaded = await load();
    latencies.push(nowMs() - sentAt);
    if (loaded !== eventCount) throw new Error(`Loaded ${loaded} events, expected ${eventCount}`);
  }
  return { eventsPerSecond: perSecond(eventCount * loads, nowMs() - startedAt), ...summarize(latencies) };
}

/** Load and fold one long customer stream vs reading and parsing its rows. */
export async function run(context: BenchContext): Promise<BenchRow[]> {
  const eventCount = context.quick ? 2_000 : 10_000;
  const loadsPerRound = context.quick ? 3 : 10;
  const rounds = context.quick ? 1 : 3;
  const filename = join(context.workDir, 'events.sqlite');
  const customerId = benchCustomerId(1);
  const streamId = customerStreamId(customerId);

  const history = decideHistory(customerId, eventCount);
  const store = createSqliteEventStore({ filename, synchronous: 'FULL' });
  for (let from = 0; from < history.length; from += SEED_BATCH) {
    await store.appendToStream(streamId, history.slice(from, from + SEED_BATCH), { expectedRevision: from === 0 ? 'no_stream' : from - 1 });
  }

  const decider = createCustomerDecider(defaultDomainRules);
  const raw = new Database(filename, { readonly: true });
  const selectStream = raw.prepare<[string], { data: string; metadata: string }>(
    `SELECT position, stream_id, revision, event_id, type, data, metadata FROM events WHERE stream_id = ? ORDER BY revision`,
  );
  const rawLoad = () =>
    selectStream.all(streamId).map((row) => ({ ...row, data: JSON.parse(row.data) as unknown, metadata: JSON.parse(row.metadata) as unknown })).length;
  const ourLoad = async () => (await loadCustomer(store, decider, customerId)).events.length;

  await loadRepeatedly(rawLoad, eventCount, 2);
  await loadRepeatedly(ourLoad, eventCount, 2);
  const figures = await alternate(
    rounds,
    { raw: () => loadRepeatedly(rawLoad, eventCount, loadsPerRound), ours: () => loadRepeatedly(ourLoad, eventCount, loadsPerRound) },
    (result) => result.eventsPerSecond,
  );
  raw.close();
  await store.close();

  return [
    {
      kind: 'measured',
      name: 'Stream rehydration',
      ours: {
        value: figures.ours.eventsPerSecond,
        unit: 'events/s',
        label: `loadCustomer (@crm/application): readStream + upcast + the customer decider's evolve over one ${eventCount.toLocaleString('en-US')}-event stream`,
        p50Ms: figures.ours.p50Ms,
        p99Ms: figures.ours.p99Ms,
      },
      baseline: {
        value: figures.raw.eventsPerSecond,
        unit: 'events/s',
        label: 'raw better-sqlite3 .all() of the same rows (same columns and index) + JSON.parse of data and metadata',
        p50Ms: figures.raw.p50Ms,
        p99Ms: figures.raw.p99Ms,
      },
      target: { minRatio: 0.6 },
      notes: [
        'the stream is a realistic history decided by the real decider (purchases, contacts, surveys, deliveries, complaints and the derived events they trigger)',
        `${loadsPerRound} loads per run, median of ${rounds} alternating runs per side; p50/p99: one whole load`,
      ],
    },
  ];
}
