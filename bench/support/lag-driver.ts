import type { Agent } from 'node:http';
import { join } from 'node:path';
import { purchaseBody, registerCustomers, startCrmServer, type CrmServer } from './crm-server';
import { httpRequest, keepAliveAgent } from './http-client';
import { summarize } from './percentiles';
import type { BenchContext, MeasuredRow } from './scenario';
import { nowMs, sleep } from './timing';

const TICK_MS = 5;
const MAX_IN_FLIGHT = 512;
/** Completed commands per second, as a share of the offered rate, that count as keeping up. */
const SUSTAINED_SHARE = 0.95;

interface LagRun {
  commandMs: number[];
  lagMs: number[];
  sent: number;
  /** Ticks that found MAX_IN_FLIGHT commands still open and sent nothing. */
  skipped: number;
  /** Failed commands by what failed: `POST 500`, `GET 409`, an error code. */
  failures: Map<string, number>;
  /** From the first send until the last command sent was answered. */
  elapsedMs: number;
}

const countFailure = (run: LagRun, what: string): void => {
  run.failures.set(what, (run.failures.get(what) ?? 0) + 1);
};
const describeFailures = (failures: Map<string, number>) =>
  failures.size === 0 ? '0 failed' : `failed: ${[...failures].map(([what, count]) => `${count} × ${what}`).join(', ')}`;
const VISIBLE_TIMEOUT_MS = 60_000;
const READ_YOUR_WRITES_TIMEOUT_MS = 60_000;

/** Waits until the read side shows a customer: a broker's consumer group may take seconds to form. */
async function awaitVisible(crm: CrmServer, agent: Agent, customerId: string): Promise<void> {
  const deadline = nowMs() + VISIBLE_TIMEOUT_MS;
  for (;;) {
    const view = await httpRequest(agent, `${crm.url}/customers/${customerId}?minRevision=0`, { headers: crm.headers });
    if (view.status === 200) return;
    if (nowMs() > deadline) throw new Error(`Customer ${customerId} not visible after ${VISIBLE_TIMEOUT_MS} ms (HTTP ${view.status})`);
    await sleep(250);
  }
}

/**
 * Open loop at `rate` commands per second: each command is a purchase; once acknowledged with
 * its revision N, `GET /customers/{id}?minRevision=N` waits until the unified view shows it.
 * Command latency: sent → acknowledged. Lag: acknowledged → visible.
 */
async function driveAtRate(crm: CrmServer, agent: Agent, ids: string[], rate: number, seconds: number, firstOrder: number): Promise<LagRun> {
  const run: LagRun = { commandMs: [], lagMs: [], sent: 0, skipped: 0, failures: new Map(), elapsedMs: 0 };
  const open = new Set<Promise<void>>();
  const one = async (n: number) => {
    const customerId = ids[n % ids.length];
    const sentAt = nowMs();
    const ack = await httpRequest(agent, `${crm.url}/customers/${customerId}/purchases`, { method: 'POST', headers: crm.headers, body: purchaseBody(n) });
    const acknowledgedAt = nowMs();
    if (ack.status !== 201) {
      countFailure(run, `POST ${ack.status}`);
      return;
    }
    const { revision } = JSON.parse(ack.body) as { revision: number };
    const view = await httpRequest(agent, `${crm.url}/customers/${customerId}?minRevision=${revision}`, { headers: crm.headers });
    if (view.status !== 200) {
      countFailure(run, `GET ${view.status}`);
      return;
    }
    run.commandMs.push(acknowledgedAt - sentAt);
    run.lagMs.push(nowMs() - acknowledgedAt);
  };
  const startedAt = nowMs();
  while (nowMs() - startedAt < seconds * 1000) {
    const due = Math.floor(((nowMs() - startedAt) / 1000) * rate);
    if (open.size >= MAX_IN_FLIGHT) run.skipped += 1;
    while (run.sent < due && open.size < MAX_IN_FLIGHT) {
      const command = one(firstOrder + run.sent++).catch((error: unknown) => countFailure(run, (error as { code?: string }).code ?? String(error)));
      open.add(command);
      void command.finally(() => open.delete(command));
    }
    await sleep(TICK_MS);
  }
  await Promise.all(open);
  run.elapsedMs = nowMs() - startedAt;
  return run;
}

export interface LagSettings {
  name: string;
  rate: number;
  seconds: number;
  customers: number;
  /** Extra environment of the crm app: which bus and read store it runs on. */
  env: Record<string, string>;
  /** Where events travel between the write and the read side, for the label. */
  path: string;
}

/** Starts the crm app, registers customers, warms up, drives `rate` commands/s and reports lag vs command latency. */
export async function measureLag(context: BenchContext, settings: LagSettings): Promise<MeasuredRow> {
  const { rate, seconds, customers } = settings;
  const agent = keepAliveAgent(MAX_IN_FLIGHT);
  // The longest read-your-writes wait the app allows, so a slow read side shows as lag, not as failures.
  const crm = await startCrmServer(join(context.workDir, 'crm'), { READ_YOUR_WRITES_TIMEOUT_MS: String(READ_YOUR_WRITES_TIMEOUT_MS), ...settings.env });
  try {
    const ids = await registerCustomers(crm, agent, customers, 16);
    await awaitVisible(crm, agent, ids[ids.length - 1]);
    await driveAtRate(crm, agent, ids, rate, context.quick ? 1 : 3, 0);
    const measured = await driveAtRate(crm, agent, ids, rate, seconds, 1_000_000);
    if (measured.lagMs.length === 0) {
      // Only the structured log lines: the start-up banner carries the API key.
      const log = crm.stderr().split('\n').filter((line) => line.startsWith('{')).join('\n');
      throw new Error(`No command completed (${describeFailures(measured.failures)})${log ? `; the server's log ends:\n${log.slice(-1500)}` : ''}`);
    }
    const command = summarize(measured.commandMs);
    const lag = summarize(measured.lagMs);
    // Over the time the commands took to be answered, not the time spent sending them: a server
    // that falls behind answers its backlog after the sending stops.
    const achieved = measured.lagMs.length / (measured.elapsedMs / 1000);
    // The target is stated at a steady rate: a server that fell behind has not met it, whatever the ratio.
    const sustained = achieved >= SUSTAINED_SHARE * rate;
    return {
      kind: 'measured',
      name: settings.name,
      ours: {
        value: lag.p99Ms,
        unit: 'ms p99',
        label: `acknowledged → visible: GET /customers/{id}?minRevision=N after the 201 carrying revision N (${settings.path})`,
        ...lag,
        serverPeakRssMb: crm.peakRssMb(),
      },
      baseline: { value: command.p99Ms, unit: 'ms p99', label: 'the command itself: POST /customers/{id}/purchases sent → 201', ...command },
      target: { maxRatio: 1.5 },
      unmet: sustained ? [] : [`${Math.round(achieved).toLocaleString('en-US')} of ${rate.toLocaleString('en-US')} commands/s sustained`],
      notes: [
        `offered ${rate.toLocaleString('en-US')} commands/s for ${seconds} s (open loop, at most ${MAX_IN_FLIGHT} in flight) over ${customers.toLocaleString('en-US')} customers; completed ${Math.round(achieved).toLocaleString('en-US')} commands/s (the last answered ${((measured.elapsedMs / 1000) - seconds).toFixed(1)} s after sending stopped)`,
        `${describeFailures(measured.failures)}; ${measured.skipped} ticks of ${TICK_MS} ms skipped because ${MAX_IN_FLIGHT} commands were still open`,
        'the server ends each wait when its own projector applies a batch (and polls, 2 → 100 ms back-off, for projectors elsewhere)',
      ],
    };
  } finally {
    agent.destroy();
    await crm.stop();
  }
}
