import { join } from 'node:path';
import { registerCustomers, startCrmServer } from '../support/crm-server';
import { keepAliveAgent } from '../support/http-client';
import { BARE_ENDPOINT_NOTE, httpMeasurement, httpSizes, purchaseRequests, warmThenAlternate } from '../support/http-rows';
import type { BenchContext, BenchRow } from '../support/scenario';

/** POST a purchase on the command-api app vs a bare endpoint on the same app. */
export async function run(context: BenchContext): Promise<BenchRow[]> {
  const sizes = httpSizes(context);
  const agent = keepAliveAgent(16);
  // The write side as deployed on its own (the relay and projector run apart): the row's own path.
  const commandApi = await startCrmServer(join(context.workDir, 'command-api'), {}, { app: 'command-api', withBareEndpoint: true });
  try {
    const ids = await registerCustomers(commandApi, agent, sizes.customers, 16);
    const posts = await warmThenAlternate(
      {
        ours: purchaseRequests(commandApi, ids, 'ours', sizes.durationSeconds),
        bare: purchaseRequests(commandApi, ids, 'bare', sizes.durationSeconds),
      },
      sizes.warmupSeconds,
      sizes.rounds,
    );
    return [
      {
        kind: 'measured',
        name: 'HTTP command: POST purchase',
        ours: httpMeasurement(
          posts.ours,
          'the command-api app (dist/apps/command-api, embedded event store): API key check, validation, decide on the folded stream, durable append (synchronous=FULL, group commit), 201',
          commandApi,
        ),
        baseline: httpMeasurement(posts.bare, 'a bare endpoint on the same app: the same body validated by the same request class, 201', commandApi),
        target: { minRatio: 0.5 },
        notes: [
          sizes.description,
          BARE_ENDPOINT_NOTE,
          `purchases spread round-robin over ${sizes.customers.toLocaleString('en-US')} registered customers, unique order ids`,
        ],
      },
    ];
  } finally {
    agent.destroy();
    await commandApi.stop();
  }
}
