import { CrmProcess, bearer } from '../support/crm-process';

/**
 * The whole loop through a real `crm` process on a temporary data directory: HTTP command →
 * embedded event store → relay → in-process bus → projection → HTTP query, then a restart.
 */
describe('crm, embedded, end to end', () => {
  let crm: CrmProcess;
  const occurredAt = '2026-01-15T10:00:00.000Z';
  const actor = bearer('alice', 'sales');

  beforeAll(async () => {
    crm = await CrmProcess.start();
  }, 60_000);

  afterAll(async () => {
    await crm?.stop();
  });

  const register = async (name = 'Acme Trading') => {
    const response = await crm.request('POST', '/customers', { name, kind: 'organization', role: 'distributor', relation: 'direct' }, actor);
    expect(response.status).toBe(201);
    return response.body as { customerId: string; revision: number };
  };

  const purchase = (customerId: string, orderId: string, headers: Record<string, string> = {}) =>
    crm.request(
      'POST',
      `/customers/${customerId}/purchases`,
      { orderId, occurredAt, channel: 'web', lines: [{ product: 'Widget', category: 'hardware', quantity: 2, revenue: 200, cost: 120 }] },
      { ...actor, ...headers },
    );

  const historyLength = async (customerId: string) => (await crm.request('GET', `/customers/${customerId}/history?limit=1000`)).body.items.length;

  it('answers /health, /metrics and /docs, each with the security headers', async () => {
    const health = await crm.request('GET', '/health');
    expect(health.status).toBe(200);
    const metrics = await crm.request('GET', '/metrics');
    expect(metrics.status).toBe(200);
    expect(String(metrics.body)).toMatch(/crm_http_requests_total\{method="GET",route="\/health",status="200"\} [1-9]/);
    expect(String(metrics.body)).toMatch(/crm_http_request_duration_seconds_count\{method="GET",route="\/health"\} [1-9]/);
    const docs = await crm.request('GET', '/docs');
    expect(docs.status).toBeLessThan(400);
    for (const response of [health, metrics, docs]) {
      expect(response.headers.get('content-security-policy')).toContain("style-src 'self' 'unsafe-inline'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('strict-transport-security')).toContain('max-age=');
    }
  });

  it('registers a customer, records touchpoints, and serves the unified view at the revision asked for', async () => {
    const { customerId, revision } = await register();
    const contact = await crm.request(
      'POST',
      `/customers/${customerId}/contacts`,
      { occurredAt, channel: 'phone', direction: 'inbound', purpose: 'pricing question' },
      actor,
    );
    expect(contact.status).toBe(201);
    expect(contact.body.revision).toBeGreaterThan(revision);
    const bought = await purchase(customerId, 'order-1');
    expect(bought.status).toBe(201);
    expect(bought.headers.get('etag')).toBe(`"${bought.body.revision}"`);

    const view = await crm.request('GET', `/customers/${customerId}?minRevision=${bought.body.revision}`);
    expect(view.status).toBe(200);
    expect(view.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(view.headers.get('etag')).toBe(`"${view.body.revision}"`);
    expect(view.headers.get('x-content-type-options')).toBe('nosniff');
    expect(view.body).toMatchObject({ id: customerId, name: 'Acme Trading', status: 'active', lifecycleStage: 'exploration', revision: bought.body.revision });
    expect(view.body.sales).toMatchObject({ purchaseCount: 1, revenue: 200, profit: 80 });

    const history = await crm.request('GET', `/customers/${customerId}/history`);
    expect(history.body.items.map((event: { type: string }) => event.type)).toEqual(expect.arrayContaining(['CustomerRegistered', 'ContactRecorded', 'PurchaseRecorded']));
    expect(history.body.items[0].metadata).toMatchObject({ actor: 'alice', department: 'sales', schemaVersion: 1 });
  });

  it('answers 409 when the view cannot reach minRevision in time', async () => {
    const { customerId, revision } = await register('Waiting Co');
    const response = await crm.request('GET', `/customers/${customerId}?minRevision=${revision + 50}`);
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ minRevision: revision + 50 });
  }, 20_000);

  it('rejects bad input with the field and the reason, and appends nothing', async () => {
    const { customerId } = await register('Strict Ltd');
    const before = await historyLength(customerId);

    const invalid = await crm.request('POST', `/customers/${customerId}/purchases`, { orderId: '', occurredAt: 'yesterday', channel: 'web', lines: [{ product: 'x', category: 'y', quantity: 0, revenue: -1, cost: 0 }] }, actor);
    expect(invalid.status).toBe(400);
    const fields = invalid.body.details.map((problem: { field: string }) => problem.field);
    expect(fields).toEqual(expect.arrayContaining(['orderId', 'occurredAt', 'lines.0.quantity', 'lines.0.revenue']));

    const unknownField = await crm.request('POST', `/customers/${customerId}/contacts`, { occurredAt, channel: 'phone', direction: 'inbound', purpose: 'x', mood: 'happy' }, actor);
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'mood' })]));

    const future = await crm.request('POST', `/customers/${customerId}/contacts`, { occurredAt: '2999-01-01T00:00:00.000Z', channel: 'phone', direction: 'inbound', purpose: 'x' }, actor);
    expect(future.status).toBe(400);
    expect(future.body.details).toEqual([expect.objectContaining({ field: 'occurredAt' })]);

    expect((await crm.request('POST', '/customers/not-a-uuid/contacts', { occurredAt, channel: 'phone', direction: 'inbound', purpose: 'x' })).status).toBe(400);
    expect((await crm.request('GET', '/customers/not-a-uuid')).status).toBe(400);
    const unknown = await crm.request('POST', '/customers/00000000-0000-4000-8000-000000000000/contacts', { occurredAt, channel: 'phone', direction: 'inbound', purpose: 'x' }, actor);
    expect(unknown.status).toBe(404);
    expect((await crm.request('GET', '/customers/00000000-0000-4000-8000-000000000000')).status).toBe(404);

    expect(await historyLength(customerId)).toBe(before);
  });

  it('replays an Idempotency-Key with the same body and refuses it with another', async () => {
    const { customerId } = await register('Retry Inc');
    const first = await purchase(customerId, 'order-7', { 'idempotency-key': 'purchase-order-7' });
    const length = await historyLength(customerId);
    const again = await purchase(customerId, 'order-7', { 'idempotency-key': 'purchase-order-7' });
    expect(again.status).toBe(first.status);
    expect(again.body).toEqual(first.body);
    expect(await historyLength(customerId)).toBe(length);

    const other = await purchase(customerId, 'order-8', { 'idempotency-key': 'purchase-order-7' });
    expect(other.status).toBe(422);
    expect(await historyLength(customerId)).toBe(length);
  });

  it('registers once when the registration is retried with the same Idempotency-Key', async () => {
    const body = { name: 'Once Only', kind: 'individual', role: 'end-customer', relation: 'direct' };
    const first = await crm.request('POST', '/customers', body, { ...actor, 'idempotency-key': 'signup-42' });
    const again = await crm.request('POST', '/customers', body, { ...actor, 'idempotency-key': 'signup-42' });
    expect(first.status).toBe(201);
    expect(again.body).toEqual(first.body);
  });

  it('refuses a stale If-Match with the current revision', async () => {
    const { customerId, revision } = await register('Careful GmbH');
    await crm.request('POST', `/customers/${customerId}/contacts`, { occurredAt, channel: 'email', direction: 'outbound', purpose: 'welcome' }, actor);
    const before = await historyLength(customerId);
    const stale = await crm.request('POST', `/customers/${customerId}/contacts`, { occurredAt, channel: 'email', direction: 'outbound', purpose: 'again' }, { ...actor, 'if-match': `"${revision}"` });
    expect(stale.status).toBe(409);
    expect(stale.body.currentRevision).toBeGreaterThan(revision);
    expect(await historyLength(customerId)).toBe(before);
  });

  it('keeps everything across a restart and resumes projecting without re-applying or skipping', async () => {
    const { customerId } = await register('Durable plc');
    const first = await purchase(customerId, 'order-a');
    await crm.request('GET', `/customers/${customerId}?minRevision=${first.body.revision}`);
    const historyBefore = await historyLength(customerId);

    await crm.restart();

    const after = await crm.request('GET', `/customers/${customerId}`);
    expect(after.status).toBe(200);
    expect(after.body.sales.purchaseCount).toBe(1);
    expect(await historyLength(customerId)).toBe(historyBefore);

    const second = await purchase(customerId, 'order-b');
    expect(second.status).toBe(201);
    const caughtUp = await crm.request('GET', `/customers/${customerId}?minRevision=${second.body.revision}`);
    expect(caughtUp.status).toBe(200);
    expect(caughtUp.body.sales).toMatchObject({ purchaseCount: 2, revenue: 400 });
  }, 60_000);
});
