import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startChildServer, type ChildServer } from '../support/child-server';
import { awaitReadSideSettled, purchaseBody, registerCustomers, startCrmServer, type CrmServer } from '../support/crm-server';
import { expectJson, httpRequest, keepAliveAgent } from '../support/http-client';
import { alternate } from '../support/alternate';
import { drive, type LoadFigures, type LoadOptions } from '../support/load';
import type { BenchContext, BenchRow, Measurement } from '../support/scenario';

const CONNECTIONS = 64;

/**
 * Warms each side (JIT, caches) with a short run, then drives them in turns and keeps each
 * side's median run: a burst of load from a neighbour on the shared machine hits both alike.
 */
async function warmThenAlternate(sides: { ours: LoadOptions; bare: LoadOptions }, warmupSeconds: number, rounds: number) {
  for (const options of [sides.ours, sides.bare]) await drive({ ...options, durationSeconds: warmupSeconds });
  return alternate(rounds, { ours: () => drive(sides.ours), bare: () => drive(sides.bare) }, (figures) => figures.requestsPerSecond);
}

function measurement(figures: LoadFigures, label: string, server: ChildServer): Measurement {
  return {
    value: figures.requestsPerSecond,
    unit: 'req/s',
    label: figures.failures === 0 ? label : `${label} (${figures.failures} of ${figures.total} responses failed)`,
    p50Ms: figures.p50Ms,
    p99Ms: figures.p99Ms,
    serverPeakRssMb: server.peakRssMb(),
  };
}

/** Scenario 4: POST a purchase and GET the unified view on the real app vs a bare Nest + Fastify endpoint. */
export async function run(context: BenchContext): Promise<BenchRow[]> {
  const customers = context.quick ? 100 : 1_000;
  const durationSeconds = context.quick ? 2 : 5;
  const warmupSeconds = context.quick ? 1 : 3;
  const rounds = context.quick ? 1 : 3;
  const agent = keepAliveAgent(16);
  const servers: ChildServer[] = [];
  try {
    let order = 0;
    const post = (ids: string[], headers: Record<string, string>) => () => {
      const n = order++;
      return {
        method: 'POST',
        path: `/customers/${ids[n % ids.length]}/purchases`,
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(purchaseBody(n)),
      };
    };
    let read = 0;
    const get = (ids: string[], headers: Record<string, string>) => () => ({ method: 'GET', path: `/customers/${ids[read++ % ids.length]}`, headers });
    const load = (server: ChildServer, next: LoadOptions['next']): LoadOptions => ({ url: server.url, connections: CONNECTIONS, durationSeconds, next });

    // The single-process app, where every purchase is also relayed and projected by the same process.
    const crm: CrmServer = await startCrmServer(join(context.workDir, 'crm'));
    servers.push(crm);
    const ids = await registerCustomers(crm, agent, customers, 16);
    await drive({ ...load(crm, post(ids, crm.headers)), durationSeconds: warmupSeconds });
    const allInOnePost = await drive(load(crm, post(ids, crm.headers)));
    // The same process still relays and projects the purchases' backlog: nothing else runs until it is done.
    await awaitReadSideSettled(crm, agent, ids, 16);
    const document = await expectJson<unknown>(httpRequest(agent, `${crm.url}/customers/${ids[0]}`, { headers: crm.headers }));
    const documentFile = join(context.workDir, 'document.json');
    writeFileSync(documentFile, JSON.stringify(document));
    const bare = await startChildServer(join(__dirname, '..', 'support', 'bare-http.main.js'), { BARE_DOCUMENT_FILE: documentFile }, `/customers/${ids[0]}`);
    servers.push(bare);

    // The write side as deployed on its own (the relay and projector run apart): the row's own path.
    const commandApi: CrmServer = await startCrmServer(join(context.workDir, 'command-api'), {}, 'command-api');
    servers.push(commandApi);
    const commandApiIds = await registerCustomers(commandApi, agent, customers, 16);
    const posts = await warmThenAlternate(
      { ours: load(commandApi, post(commandApiIds, commandApi.headers)), bare: load(bare, post(ids, {})) },
      warmupSeconds,
      rounds,
    );
    await commandApi.stop();
    const gets = await warmThenAlternate({ ours: load(crm, get(ids, crm.headers)), bare: load(bare, get(ids, {})) }, warmupSeconds, rounds);
    const sizes = `${CONNECTIONS} connections, pipelining 1; per side a ${warmupSeconds} s warm-up, then ${rounds} runs of ${durationSeconds} s in turns with the other side, the median run kept; server and autocannon share the machine`;
    return [
      {
        kind: 'measured',
        name: 'HTTP command: POST purchase',
        ours: measurement(
          posts.ours,
          'the command-api app (node dist/apps/command-api/src/main.js, embedded event store): API key check, validation, decide on the folded stream, durable append (synchronous=FULL, group commit), 201',
          commandApi,
        ),
        baseline: measurement(posts.bare, 'bare Nest + Fastify endpoint in its own process: the same body validated by a class-validator DTO of the same shape, 201', bare),
        target: { minRatio: 0.5 },
        notes: [
          sizes,
          `purchases spread round-robin over ${customers.toLocaleString('en-US')} registered customers, unique order ids`,
          `the same load on the single-process crm app, which also relays and projects every purchase in that process: ${Math.round(allInOnePost.requestsPerSecond).toLocaleString('en-US')} req/s (p50 ${allInOnePost.p50Ms} / p99 ${allInOnePost.p99Ms} ms), ratio ${(allInOnePost.requestsPerSecond / posts.bare.requestsPerSecond).toFixed(3)} (one ${durationSeconds} s run after its warm-up)`,
        ],
      },
      {
        kind: 'measured',
        name: 'HTTP query: GET customer view',
        ours: measurement(gets.ours, 'the crm app: API key check, the customer_view document from the SQLite read store, ETag', crm),
        baseline: measurement(gets.bare, 'the bare endpoint answering the same document from memory', bare),
        target: { minRatio: 0.75 },
        notes: [
          sizes,
          `reads spread round-robin over the same ${customers.toLocaleString('en-US')} customers`,
          "measured once the crm app's read side has settled after its own POST run (every view at its stream's latest revision, and no change over a quiet pass), so neither side shares the machine with the relaying and projecting of that backlog",
        ],
      },
    ];
  } finally {
    agent.destroy();
    for (const server of servers) await server.stop();
  }
}
