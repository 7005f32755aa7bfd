import { execFile } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CrmProcess, bearer } from '../support/crm-process';

const run = promisify(execFile);
const ROOT = join(__dirname, '../..');

/**
 * Crypto-shredding end to end: personal data recorded, projected and then erased must be
 * unreadable in every file the process keeps, while the facts and the audit stay consistent.
 */
describe('erasing a customer by crypto-shredding', () => {
  let crm: CrmProcess;
  const secrets = ['Zelda Quintanilla', 'zelda.q@shred.example', '+44 7700 900123', 'the courier kicked the parcel'];
  const sales = bearer('bob', 'sales');
  const service = bearer('carol', 'service');

  afterAll(async () => {
    await crm?.stop();
  });

  const eventually = async <T>(read: () => Promise<T>, accept: (value: T) => boolean): Promise<T> => {
    for (let attempt = 0; ; attempt++) {
      const value = await read();
      if (accept(value) || attempt === 200) return value;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };

  it('leaves no plaintext in the stores, keeps the facts, and the audit still verifies', async () => {
    crm = await CrmProcess.start();
    const registered = await crm.request('POST', '/customers', { name: secrets[0], email: secrets[1], phone: secrets[2], kind: 'individual', role: 'end-customer', relation: 'direct' }, sales);
    const customerId: string = registered.body.customerId;
    const bought = await crm.request('POST', `/customers/${customerId}/purchases`, { orderId: 'po-1', occurredAt: '2026-01-10T08:00:00.000Z', channel: 'web', lines: [{ product: 'Lamp', category: 'home', quantity: 1, revenue: 300, cost: 100 }] }, sales);
    const complaint = await crm.request('POST', `/customers/${customerId}/complaints`, { occurredAt: '2026-01-11T08:00:00.000Z', category: 'poor-quality', severity: 'high', description: secrets[3] }, service);
    expect([registered.status, bought.status, complaint.status]).toEqual([201, 201, 201]);
    const before = (await crm.request('GET', `/customers/${customerId}?minRevision=${complaint.body.revision}`)).body;
    expect(before).toMatchObject({ name: secrets[0], profile: { email: secrets[1], phone: secrets[2] } });

    expect((await crm.request('POST', `/customers/${customerId}/erasure`, undefined, sales)).status).toBe(403);
    const erased = await crm.request('POST', `/customers/${customerId}/erasure`);
    expect(erased.status).toBe(201);
    expect((await crm.request('POST', `/customers/${customerId}/erasure`)).status).toBe(201);

    const after = (await crm.request('GET', `/customers/${customerId}?minRevision=${erased.body.revision}`)).body;
    expect(after).toMatchObject({ name: '[erased]', profile: { email: null, phone: null }, sales: before.sales, clp: before.clp, status: before.status });
    const queue = await eventually(
      () => crm.request('GET', '/service-queues/complaints'),
      (response) => response.body.items.some((item: { customerId: string; customerName: string }) => item.customerId === customerId && item.customerName === '[erased]'),
    );
    expect(queue.body.items.find((item: { customerId: string }) => item.customerId === customerId)).toMatchObject({ severity: 'high', customerName: '[erased]' });

    const history = (await crm.request('GET', `/customers/${customerId}/history`)).body.items as Array<{ type: string; data: { personal?: unknown } }>;
    expect(history.find((event) => event.type === 'CustomerRegistered')?.data.personal).toEqual({ erased: true });
    expect(history.map((event) => event.type)).toContain('CustomerErased');
    const state = (await crm.request('GET', `/customers/${customerId}/state?atRevision=${bought.body.revision}`)).body;
    expect(state.state).toMatchObject({ status: 'active' });
    expect((await crm.request('POST', `/customers/${customerId}/contacts`, { occurredAt: '2026-01-12T08:00:00.000Z', channel: 'phone', direction: 'inbound', purpose: 'new personal text' }, sales)).status).toBe(409);

    const rebuild = await crm.request('POST', '/admin/read-models/customer_view/rebuild');
    expect(rebuild.status).toBe(202);
    await eventually(() => crm.request('GET', '/admin/read-models/customer_view/rebuild'), (response) => response.body.state !== 'running');
    expect((await crm.request('GET', `/customers/${customerId}`)).body).toMatchObject({ name: '[erased]', sales: before.sales });

    await crm.stop();
    for (const file of readdirSync(crm.dataDir)) {
      const bytes = readFileSync(join(crm.dataDir, file));
      for (const secret of secrets) expect({ file, secret, found: bytes.includes(Buffer.from(secret)) }).toEqual({ file, secret, found: false });
    }
    const verify = await run(process.execPath, [join(ROOT, 'dist/apps/audit-cli/src/main.js'), 'verify'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', CRM_DATA_DIR: crm.dataDir } });
    expect(verify.stdout).toContain('0 difference(s)');
  }, 90_000);
});
