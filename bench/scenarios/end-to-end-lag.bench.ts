import { measureLag } from '../support/lag-driver';
import type { BenchContext, BenchRow } from '../support/scenario';

/** How long after the acknowledgement a command shows in the unified view, at a steady rate, embedded. */
export async function run(context: BenchContext): Promise<BenchRow[]> {
  return [
    await measureLag(context, {
      name: 'End-to-end lag (embedded)',
      rate: context.quick ? 100 : 1_000,
      seconds: context.quick ? 2 : 15,
      customers: context.quick ? 100 : 1_000,
      env: {},
      path: 'SQLite stores, in-process bus; relay, projector and query API in the same crm process',
    }),
  ];
}
