import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { awaitReadSideSettled, registerCustomers, startCrmServer } from '../support/crm-server';
import { expectJson, httpRequest, keepAliveAgent } from '../support/http-client';
import { BARE_ENDPOINT_NOTE, httpMeasurement, httpSizes, purchaseRequests, viewRequests, warmThenAlternate } from '../support/http-rows';
import { drive } from '../support/load';
import type { BenchContext, BenchRow } from '../support/scenario';

/** GET the unified view on the single-process crm app vs a bare endpoint on the same app. */
export async function run(context: BenchContext): Promise<BenchRow[]> {
  const sizes = httpSizes(context);
  const agent = keepAliveAgent(16);
  const documentFile = join(context.workDir, 'document.json');
  const crm = await startCrmServer(join(context.workDir, 'crm'), { BARE_DOCUMENT_FILE: documentFile }, { withBareEndpoint: true });
  try {
    const ids = await registerCustomers(crm, agent, sizes.customers, 16);
    // Purchases give the views their real size; on this app each is also relayed and projected in the same process.
    await drive(purchaseRequests(crm, ids, 'ours', sizes.warmupSeconds));
    const allInOnePost = await drive(purchaseRequests(crm, ids, 'ours', sizes.durationSeconds));
    // Nothing is measured until the process has relayed and projected that backlog.
    await awaitReadSideSettled(crm, agent, ids, 16);
    writeFileSync(documentFile, JSON.stringify(await expectJson<unknown>(httpRequest(agent, `${crm.url}/customers/${ids[0]}`, { headers: crm.headers }))));
    const gets = await warmThenAlternate(
      { ours: viewRequests(crm, ids, 'ours', sizes.durationSeconds), bare: viewRequests(crm, ids, 'bare', sizes.durationSeconds) },
      sizes.warmupSeconds,
      sizes.rounds,
    );
    return [
      {
        kind: 'measured',
        name: 'HTTP query: GET customer view',
        ours: httpMeasurement(gets.ours, 'the crm app: API key check, the customer_view document from the SQLite read store, ETag', crm),
        baseline: httpMeasurement(gets.bare, 'a bare endpoint on the same app answering the same document from memory', crm),
        target: { minRatio: 0.75 },
        notes: [
          sizes.description,
          BARE_ENDPOINT_NOTE,
          `reads spread round-robin over ${sizes.customers.toLocaleString('en-US')} customers whose views hold the purchases of the run below`,
          `the views were filled by ${sizes.durationSeconds} s of POST /customers/{id}/purchases on this single-process app, which also relays and projects every purchase: ${Math.round(allInOnePost.requestsPerSecond).toLocaleString('en-US')} req/s (p50 ${allInOnePost.p50Ms} / p99 ${allInOnePost.p99Ms} ms, ${allInOnePost.failures} of ${allInOnePost.total} failed)`,
          "measured once the read side has settled (every view at its stream's latest revision, and no change over a quiet pass), so neither side shares the machine with the relaying and projecting of that backlog",
        ],
      },
    ];
  } finally {
    agent.destroy();
    await crm.stop();
  }
}
