import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CrmProcess } from '../support/crm-process';

const run = promisify(execFile);
const ROOT = join(__dirname, '../..');

/**
 * Kill -9 in the middle of a burst of concurrent commands: every acknowledged command must be
 * there after the restart, nothing half-written, revisions contiguous, and the read models must
 * catch up to exactly what a full replay gives.
 */
describe('crm survives SIGKILL during concurrent appends', () => {
  let crm: CrmProcess;

  afterAll(async () => {
    await crm?.stop('SIGKILL');
  });

  it('keeps every acknowledged command and converges to the replay', async () => {
    crm = await CrmProcess.start();
    const customers: string[] = [];
    for (let index = 0; index < 12; index++) {
      const response = await crm.request('POST', '/customers', { name: `Burst ${index}`, kind: 'individual', role: 'end-customer', relation: 'direct' });
      customers.push(response.body.customerId);
    }

    const acknowledged: Array<{ customerId: string; orderId: string; revision: number }> = [];
    let sent = 0;
    let killed = false;
    const worker = async () => {
      while (!killed) {
        const customerId = customers[sent % customers.length];
        const orderId = `order-${sent++}`;
        try {
          const response = await crm.request('POST', `/customers/${customerId}/purchases`, {
            orderId,
            occurredAt: '2026-02-01T09:00:00.000Z',
            channel: 'store',
            lines: [{ product: 'Kettle', category: 'kitchen', quantity: 1, revenue: 40, cost: 25 }],
          });
          if (response.status === 201) acknowledged.push({ customerId, orderId, revision: response.body.revision });
        } catch {
          return; // the connection died with the process
        }
      }
    };
    const workers = Array.from({ length: 32 }, worker);
    while (acknowledged.length < 150) await new Promise((resolve) => setTimeout(resolve, 5));
    killed = true;
    await crm.stop('SIGKILL');
    await Promise.all(workers);

    await crm.launch();
    for (const customerId of customers) {
      const history = await crm.request('GET', `/customers/${customerId}/history?limit=1000`);
      const items: Array<{ revision: number; type: string; data: { orderId?: string } }> = history.body.items;
      expect(items.map((event) => event.revision)).toEqual(items.map((_, index) => index));
      const orders = new Set(items.filter((event) => event.type === 'PurchaseRecorded').map((event) => event.data.orderId));
      for (const ack of acknowledged.filter((entry) => entry.customerId === customerId)) {
        expect(orders.has(ack.orderId)).toBe(true);
        expect(items.length).toBeGreaterThan(ack.revision);
      }
      const last = items[items.length - 1].revision;
      const view = await crm.request('GET', `/customers/${customerId}?minRevision=${last}`);
      expect(view.status).toBe(200);
      expect(view.body.sales.purchaseCount).toBe(orders.size);
    }

    const verify = await run(process.execPath, [join(ROOT, 'dist/apps/audit-cli/src/main.js'), 'verify'], {
      env: { PATH: process.env.PATH ?? '', CRM_DATA_DIR: crm.dataDir },
    });
    expect(verify.stdout).toMatch(/ 0 difference\(s\)/);
  }, 120_000);
});
