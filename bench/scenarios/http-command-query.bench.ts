import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startChildServer, type ChildServer } from '../support/child-server';
import { awaitReadSideSettled, purchaseBody, registerCustomers, startCrmServer, type CrmServer } from '../support/crm-server';
import { expectJson, httpRequest, keepAliveAgent } from '../support/http-client';
import { drive, type LoadFigures, type LoadOptions } from '../support/load';
import type { BenchContext, BenchRow, Measurement } from '../support/scenario';

const CONNECTIONS = 64;

/** Warms the server (JIT, caches) with a short run, then measures. */
async function warmThenDrive(options: LoadOptions, warmupSeconds: number): Promise<LoadFigures> {
  await drive({ ...options, durationSeconds: warmupSeconds });
  return drive(options);
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
  const durationSeconds = context.quick ? 2 : 10;
  const warmupSeconds = context.quick ? 1 : 3;
  const agent = keepAliveAgent(16);
  const servers: ChildServer[] = [];
  try {
    let order = 0;
    const post = (headers: Record<string, string>) => () => {
      const n = order++;
      return {
        method: 'POST',
        path: `/customers/${ids[n % ids.length]}/purchases`,
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(purchaseBody(n)),
      };
    };
    let read = 0;
    const get = (headers: Record<string, string>) => () => ({ method: 'GET', path: `/customers/${ids[read++ % ids.length]}`, headers });
    const load = (server: ChildServer, next: LoadOptions['next']): LoadOptions => ({ url: server.url, connections: CONNECTIONS, durationSeconds, next });

    // The write side as deployed on its own (the relay and projector run apart): the row's own path.
    const commandApi: CrmServer = await startCrmServer(join(context.workDir, 'command-api'), {}, 'command-api');
    servers.push(commandApi);
    let ids = await registerCustomers(commandApi, agent, customers, 16);
    const oursPost = await warmThenDrive(load(commandApi, post(commandApi.headers)), warmupSeconds);
    await commandApi.stop();

    // The single-process app, where every purchase is also relayed and projected by the same process.
    const crm: CrmServer = await startCrmServer(join(context.workDir, 'crm'));
    servers.push(crm);
    ids = await registerCustomers(crm, agent, customers, 16);
    const allInOnePost = await warmThenDrive(load(crm, post(crm.headers)), warmupSeconds);
    // The same process still relays and projects the purchases' backlog: nothing else runs until it is done.
    await awaitReadSideSettled(crm, agent, ids, 16);
    const document = await expectJson<unknown>(httpRequest(agent, `${crm.url}/customers/${ids[0]}`, { headers: crm.headers }));
    const documentFile = join(context.workDir, 'document.json');
    writeFileSync(documentFile, JSON.stringify(document));
    const bare = await startChildServer(join(__dirname, '..', 'support', 'bare-http.main.js'), { BARE_DOCUMENT_FILE: documentFile }, `/customers/${ids[0]}`);
    servers.push(bare);
    const barePost = await warmThenDrive(load(bare, post({})), warmupSeconds);
    const bareGet = await warmThenDrive(load(bare, get({})), warmupSeconds);
    const oursGet = await warmThenDrive(load(crm, get(crm.headers)), warmupSeconds);

    const sizes = `${CONNECTIONS} connections, pipelining 1, ${durationSeconds} s per side after a ${warmupSeconds} s warm-up; server and autocannon share the machine`;
    return [
      {
        kind: 'measured',
        name: 'HTTP command: POST purchase',
        ours: measurement(
          oursPost,
          'the command-api app (node dist/apps/command-api/src/main.js, embedded event store): API key check, validation, decide on the folded stream, durable append (synchronous=FULL, group commit), 201',
          commandApi,
        ),
        baseline: measurement(barePost, 'bare Nest + Fastify endpoint in its own process: the same body validated by a class-validator DTO of the same shape, 201', bare),
        target: { minRatio: 0.5 },
        notes: [
          sizes,
          `purchases spread round-robin over ${customers.toLocaleString('en-US')} registered customers, unique order ids`,
          `the same load on the single-process crm app, which also relays and projects every purchase in that process: ${Math.round(allInOnePost.requestsPerSecond).toLocaleString('en-US')} req/s (p50 ${allInOnePost.p50Ms} / p99 ${allInOnePost.p99Ms} ms), ratio ${(allInOnePost.requestsPerSecond / barePost.requestsPerSecond).toFixed(3)}`,
        ],
      },
      {
        kind: 'measured',
        name: 'HTTP query: GET customer view',
        ours: measurement(oursGet, 'the crm app: API key check, the customer_view document from the SQLite read store, ETag', crm),
        baseline: measurement(bareGet, 'the bare endpoint answering the same document from memory', bare),
        target: { minRatio: 0.75 },
        notes: [
          sizes,
          `reads spread round-robin over the same ${customers.toLocaleString('en-US')} customers`,
          "measured once the read side has settled after the POST row (every view at its stream's latest revision, and no change over a quiet pass), so neither side shares the machine with the crm app's relaying and projecting of the POST backlog",
        ],
      },
    ];
  } finally {
    agent.destroy();
    for (const server of servers) await server.stop();
  }
}
