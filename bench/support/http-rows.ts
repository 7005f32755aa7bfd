import type { ChildServer } from './child-server';
import { BARE_ENDPOINT_PREFIX } from './bare-endpoint.module';
import { purchaseBody, type CrmServer } from './crm-server';
import { alternate } from './alternate';
import { drive, type LoadFigures, type LoadOptions } from './load';
import type { BenchContext, Measurement } from './scenario';

const CONNECTIONS = 64;

/** The HTTP rows' sizes: the same for the command and the query row. */
export function httpSizes(context: BenchContext) {
  const sizes = {
    customers: context.quick ? 100 : 1_000,
    durationSeconds: context.quick ? 2 : 4,
    warmupSeconds: context.quick ? 1 : 2,
    rounds: context.quick ? 1 : 3,
  };
  const description = `${CONNECTIONS} connections, pipelining 1; per side a ${sizes.warmupSeconds} s warm-up, then ${sizes.rounds} runs of ${sizes.durationSeconds} s in turns with the other side, the median run kept; server and autocannon share the machine`;
  return { ...sizes, description };
}

/** Where a side's requests go: the app's own routes, or the bare endpoints added to the same app. */
export type HttpSide = 'ours' | 'bare';
const prefix = (side: HttpSide) => (side === 'bare' ? BARE_ENDPOINT_PREFIX : '');

const load = (server: CrmServer, durationSeconds: number, next: LoadOptions['next']): LoadOptions => ({ url: server.url, connections: CONNECTIONS, durationSeconds, next });

/** Counts every purchase this process sends, so no two loads on one app repeat an order id. */
let order = 0;

/** POST /customers/{id}/purchases round-robin over `ids`, each with a unique order id. */
export function purchaseRequests(server: CrmServer, ids: string[], side: HttpSide, durationSeconds: number): LoadOptions {
  return load(server, durationSeconds, () => {
    const n = order++;
    return {
      method: 'POST',
      path: `${prefix(side)}/customers/${ids[n % ids.length]}/purchases`,
      headers: { ...server.headers, 'content-type': 'application/json' },
      body: JSON.stringify(purchaseBody(n)),
    };
  });
}

/** GET /customers/{id} round-robin over `ids`. */
export function viewRequests(server: CrmServer, ids: string[], side: HttpSide, durationSeconds: number): LoadOptions {
  let read = 0;
  return load(server, durationSeconds, () => ({ method: 'GET', path: `${prefix(side)}/customers/${ids[read++ % ids.length]}`, headers: server.headers }));
}

/**
 * Warms each side (JIT, caches) with a short run, then drives them in turns and keeps each
 * side's median run: a burst of load from a neighbour on the shared machine hits both alike.
 */
export async function warmThenAlternate(sides: Record<HttpSide, LoadOptions>, warmupSeconds: number, rounds: number) {
  for (const options of [sides.ours, sides.bare]) await drive({ ...options, durationSeconds: warmupSeconds });
  return alternate(rounds, { ours: () => drive(sides.ours), bare: () => drive(sides.bare) }, (figures) => figures.requestsPerSecond);
}

export function httpMeasurement(figures: LoadFigures, label: string, server: ChildServer): Measurement {
  return {
    value: figures.requestsPerSecond,
    unit: 'req/s',
    label: figures.failures === 0 ? label : `${label} (${figures.failures} of ${figures.total} responses failed)`,
    p50Ms: figures.p50Ms,
    p99Ms: figures.p99Ms,
    serverPeakRssMb: server.peakRssMb(),
  };
}

/** What the baseline is, for both rows. */
export const BARE_ENDPOINT_NOTE = `the baseline's endpoints are added to the measured app itself (bench/support/bare-endpoint.module.ts, under ${BARE_ENDPOINT_PREFIX}), so both sides pass the same Nest + Fastify pipeline (security headers, API key check and access matrix, global validation pipe, metrics) and differ only in what the handler does`;
