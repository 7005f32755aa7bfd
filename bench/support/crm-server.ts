import { join } from 'node:path';
import type { Agent } from 'node:http';
import { startChildServer, type ChildServer } from './child-server';
import { BENCH_TIME } from './event-fixtures';
import { expectJson, httpRequest } from './http-client';
import { nowMs, sleep } from './timing';

export interface CrmServer extends ChildServer {
  /** Headers that authenticate as the bootstrap admin API key. */
  headers: Record<string, string>;
}

/** A built app: `crm` is the single-process one (`npm start`), `command-api` the write side alone. */
export type CrmApp = 'crm' | 'command-api';

export interface CrmServerOptions {
  /** Which app (default `crm`). */
  app?: CrmApp;
  /** Start it with BareEndpointModule added: the HTTP rows' baseline, under BARE_ENDPOINT_PREFIX. */
  withBareEndpoint?: boolean;
}

const appMain = ({ app = 'crm', withBareEndpoint = false }: CrmServerOptions) =>
  withBareEndpoint ? join(__dirname, 'app-with-bare-endpoint.main.js') : join(__dirname, '..', '..', 'apps', app, 'src', 'main.js');
const BOOTSTRAP_KEY = /API key \(shown once, store it now\): (\S+)/;

/**
 * Starts an app (by default the whole one: commands, relay, projector, queries) on a fresh data
 * directory, as deployed embedded (SQLite stores; `env` may name others). The per-key rate limit
 * is off (the bench drives one key far past any sensible limit) and so is the periodic review.
 */
export async function startCrmServer(dataDir: string, env: Record<string, string> = {}, options: CrmServerOptions = {}): Promise<CrmServer> {
  const app = options.app ?? 'crm';
  const server = await startChildServer(
    appMain(options),
    { CRM_DATA_DIR: dataDir, LOG_LEVEL: 'warn', REVIEW_INTERVAL_MS: '0', RATE_LIMIT_PER_MINUTE: '0', BENCH_APP: app, ...env },
    '/health',
  );
  const key = BOOTSTRAP_KEY.exec(server.stderr())?.[1];
  if (!key) {
    await server.stop();
    throw new Error(`The ${app} app printed no bootstrap API key:\n${server.stderr().slice(-1000)}`);
  }
  return { ...server, headers: { 'x-api-key': key } };
}

/** A two-line purchase, the body of POST /customers/{id}/purchases; `n` keeps order ids unique. */
export const purchaseBody = (n: number) => ({
  orderId: `order-${n}`,
  occurredAt: BENCH_TIME,
  channel: 'web',
  lines: [
    { product: 'Espresso machine EM-400', category: 'appliances', quantity: 1, revenue: 349, cost: 211 },
    { product: 'Descaling kit', category: 'consumables', quantity: 3, revenue: 27, cost: 9 },
  ],
});

/** Runs `work` for each index below `count`, `concurrency` at a time. */
async function forEachConcurrently(count: number, concurrency: number, work: (n: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await work(next++);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** Registers `count` customers, `concurrency` at a time; returns their ids. */
export async function registerCustomers(server: CrmServer, agent: Agent, count: number, concurrency: number): Promise<string[]> {
  const ids: string[] = new Array<string>(count);
  await forEachConcurrently(count, concurrency, async (n) => {
    const body = { name: `Bench Customer ${n}`, kind: 'organization', role: 'end-customer', relation: 'direct', occurredAt: BENCH_TIME };
    const created = await expectJson<{ customerId: string }>(
      httpRequest(agent, `${server.url}/customers`, { method: 'POST', headers: server.headers, body }),
    );
    ids[n] = created.customerId;
  });
  return ids;
}

/** Longer than the value-tier policy's default debounce (TIER_RANKING_DELAY_MS, 2 s), so a pass after it sees the re-ranking it triggers. */
const QUIET_MS = 3_000;
const SETTLE_TIMEOUT_MS = 120_000;

/**
 * Waits until the read side has caught up with the write side: every customer's view shows the
 * latest revision of its stream (`/state` reports it, `?minRevision=` waits for it), and two
 * such passes QUIET_MS apart find the same revisions, so the relay, the projections and the
 * policies the last writes triggered have all finished. A measurement started before that
 * would share the process with the backlog's relaying and projecting.
 */
export async function awaitReadSideSettled(server: CrmServer, agent: Agent, ids: string[], concurrency: number): Promise<void> {
  const deadline = nowMs() + SETTLE_TIMEOUT_MS;
  let previous: number[] | undefined;
  for (;;) {
    const latest = new Array<number>(ids.length);
    await forEachConcurrently(ids.length, concurrency, async (n) => {
      const state = await expectJson<{ latestRevision: number }>(httpRequest(agent, `${server.url}/customers/${ids[n]}/state`, { headers: server.headers }));
      latest[n] = state.latestRevision;
    });
    await forEachConcurrently(ids.length, concurrency, async (n) => {
      for (;;) {
        const view = await httpRequest(agent, `${server.url}/customers/${ids[n]}?minRevision=${latest[n]}`, { headers: server.headers });
        if (view.status === 200) return;
        if (view.status !== 409 || nowMs() > deadline) throw new Error(`The view of ${ids[n]} did not reach revision ${latest[n]}: HTTP ${view.status} ${view.body.slice(0, 300)}`);
      }
    });
    if (previous?.every((revision, n) => revision === latest[n])) return;
    if (nowMs() > deadline) throw new Error(`The read side did not settle within ${SETTLE_TIMEOUT_MS} ms`);
    previous = latest;
    await sleep(QUIET_MS);
  }
}
