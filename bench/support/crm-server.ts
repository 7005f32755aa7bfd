import { join } from 'node:path';
import type { Agent } from 'node:http';
import { startChildServer, type ChildServer } from './child-server';
import { BENCH_TIME } from './event-fixtures';
import { expectJson, httpRequest } from './http-client';

export interface CrmServer extends ChildServer {
  /** Headers that authenticate as the bootstrap admin API key. */
  headers: Record<string, string>;
}

/** The built single-process app (`npm start`). */
const CRM_MAIN = join(__dirname, '..', '..', 'apps', 'crm', 'src', 'main.js');
const BOOTSTRAP_KEY = /API key \(shown once, store it now\): (\S+)/;

/**
 * Starts the whole app (commands, relay, projector, queries) on a fresh data directory, by
 * default as deployed embedded (SQLite stores, synchronous=FULL; `env` may name others). The
 * per-key rate limit is off (the bench drives one key far past any sensible limit) and so is
 * the periodic review.
 */
export async function startCrmServer(dataDir: string, env: Record<string, string> = {}): Promise<CrmServer> {
  const server = await startChildServer(
    CRM_MAIN,
    { CRM_DATA_DIR: dataDir, LOG_LEVEL: 'warn', REVIEW_INTERVAL_MS: '0', RATE_LIMIT_PER_MINUTE: '0', ...env },
    '/health',
  );
  const key = BOOTSTRAP_KEY.exec(server.stderr())?.[1];
  if (!key) {
    await server.stop();
    throw new Error(`The crm app printed no bootstrap API key:\n${server.stderr().slice(-1000)}`);
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

/** Registers `count` customers, `concurrency` at a time; returns their ids. */
export async function registerCustomers(server: CrmServer, agent: Agent, count: number, concurrency: number): Promise<string[]> {
  const ids: string[] = new Array<string>(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const n = next++;
      const body = { name: `Bench Customer ${n}`, kind: 'organization', role: 'end-customer', relation: 'direct', occurredAt: BENCH_TIME };
      const created = await expectJson<{ customerId: string }>(
        httpRequest(agent, `${server.url}/customers`, { method: 'POST', headers: server.headers, body }),
      );
      ids[n] = created.customerId;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return ids;
}
