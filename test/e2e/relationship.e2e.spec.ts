import { randomUUID } from 'node:crypto';
import { CrmProcess, bearer } from '../support/crm-process';

/** The relationship's touchpoints and the facts the domain derives from them, through the HTTP API. */
describe('crm relationship endpoints, end to end', () => {
  let crm: CrmProcess;
  const sales = bearer('bob', 'sales');
  const service = bearer('carol', 'service');
  const logistics = bearer('erin', 'logistics');
  const marketing = bearer('fay', 'marketing');
  const management = bearer('gil', 'management');

  beforeAll(async () => {
    crm = await CrmProcess.start();
  }, 60_000);

  afterAll(async () => {
    await crm?.stop();
  });

  /** Polls a read until it satisfies the expectation (read models are eventually consistent). */
  const eventually = async <T>(read: () => Promise<T>, accept: (value: T) => boolean): Promise<T> => {
    for (let attempt = 0; ; attempt++) {
      const value = await read();
      if (accept(value) || attempt === 100) return value;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  const postTo = (target: CrmProcess, path: string, body: unknown, headers = sales) => target.request('POST', path, body, headers);

  const post = (path: string, body: unknown, headers = sales) => postTo(crm, path, body, headers);

  const view = async (customerId: string, revision: number) => (await crm.request('GET', `/customers/${customerId}?minRevision=${revision}`)).body;

  const purchase = (customerId: string, orderId: string, occurredAt: string) =>
    post(`/customers/${customerId}/purchases`, {
      orderId,
      occurredAt,
      channel: 'field-sales',
      lines: [{ product: 'Service plan', category: 'services', quantity: 1, revenue: 1000, cost: 400 }],
    });

  it('walks a relationship from potential to recovered, with every transition explained', async () => {
    const registered = await post('/customers', { name: 'Loyal Co', kind: 'organization', role: 'end-customer', relation: 'direct', occurredAt: '2026-01-02T08:00:00.000Z' });
    const customerId: string = registered.body.customerId;

    const selected = await post(`/customers/${customerId}/selection`, { occurredAt: '2026-01-05T08:00:00.000Z', reason: 'fits the key-account profile' });
    expect(selected.status).toBe(201);
    expect((await view(customerId, selected.body.revision)).status).toBe('target');

    const bought = await purchase(customerId, 'po-1', '2026-01-10T08:00:00.000Z');
    const afterPurchase = await view(customerId, bought.body.revision);
    expect(afterPurchase).toMatchObject({ status: 'active', lifecycleStage: 'exploration' });
    expect(afterPurchase.clp.total).toBeGreaterThan(0);

    const filed = await post(`/customers/${customerId}/complaints`, { occurredAt: '2026-01-12T08:00:00.000Z', category: 'poor-quality', severity: 'high', description: 'The plan missed two visits' }, service);
    expect(filed.status).toBe(201);
    const complaintId: string = filed.body.complaintId;
    const queue = await eventually(
      () => crm.request('GET', '/service-queues/complaints?severity=high'),
      (response) => response.body.items.some((item: { complaintId: string }) => item.complaintId === complaintId),
    );
    expect(queue.body.items.find((item: { complaintId: string }) => item.complaintId === complaintId)).toMatchObject({ customerId, status: 'open', breached: true });

    const resolution = { occurredAt: '2026-01-13T08:00:00.000Z', outcome: 'visits rescheduled, fee waived', customerSatisfied: true };
    expect((await post(`/customers/${customerId}/complaints/${complaintId}/resolution`, resolution, service)).status).toBe(201);
    const twice = await post(`/customers/${customerId}/complaints/${complaintId}/resolution`, resolution, service);
    expect(twice.status).toBe(409);
    expect((await post(`/customers/${customerId}/complaints/${randomUUID()}/resolution`, resolution, service)).status).toBe(404);

    const churned = await post(`/customers/${customerId}/churn`, { occurredAt: '2026-03-01T08:00:00.000Z', reason: 'moved to a competitor' });
    expect((await view(customerId, churned.body.revision)).status).toBe('lost');
    expect((await purchase(customerId, 'po-2', '2026-03-02T08:00:00.000Z')).status).toBe(409);
    const recoveryQueue = await eventually(
      () => crm.request('GET', '/service-queues/recovery'),
      (response) => response.body.items.some((item: { customerId: string }) => item.customerId === customerId),
    );
    expect(recoveryQueue.body.items.find((item: { customerId: string }) => item.customerId === customerId)).toMatchObject({ inQueue: true });

    const recovery = await post(`/customers/${customerId}/recoveries`, { occurredAt: '2026-03-05T08:00:00.000Z', offer: 'three months free' });
    expect(recovery.status).toBe(201);
    const won = await post(`/customers/${customerId}/recoveries/${recovery.body.recoveryId}/outcome`, { occurredAt: '2026-03-09T08:00:00.000Z', succeeded: true });
    expect((await view(customerId, won.body.revision)).status).toBe('recovered');

    const loyalty = await crm.request('GET', `/customers/${customerId}/loyalty`);
    const statusSteps = loyalty.body.transitions.filter((step: { kind: string }) => step.kind === 'status').map((step: { to: string }) => step.to);
    expect(statusSteps).toEqual(['target', 'active', 'lost', 'recovered']);
    for (const step of loyalty.body.transitions) expect(step.rule).toEqual(expect.any(String));

    const then = await crm.request('GET', `/customers/${customerId}/state?atRevision=${bought.body.revision}`);
    expect(then.body.state).toMatchObject({ status: 'active', lifecycleStage: 'exploration' });
    const before = await crm.request('GET', `/customers/${customerId}/state?asOf=2000-01-01T00:00:00.000Z`);
    expect(before.body.state).toBeNull();
    const both = await crm.request('GET', `/customers/${customerId}/state?asOf=2026-01-01T00:00:00.000Z&atRevision=1`);
    expect(both.status).toBe(400);

    const recovered = await eventually(
      () => crm.request('GET', '/customers?status=recovered'),
      (response) => response.body.items.some((item: { id: string }) => item.id === customerId),
    );
    expect(recovered.body.items.map((item: { id: string }) => item.id)).toContain(customerId);
  }, 60_000);

  it('records department facts into their sections of the unified view', async () => {
    const { body } = await post('/customers', { name: 'Facts GmbH', kind: 'organization', role: 'partner', relation: 'indirect' });
    const customerId: string = body.customerId;
    await purchase(customerId, 'po-9', '2026-02-01T08:00:00.000Z');
    const finance = bearer('dora', 'finance');
    expect((await post(`/customers/${customerId}/credit`, { occurredAt: '2026-02-02T08:00:00.000Z', kind: 'limit-set', amount: 5000 }, finance)).status).toBe(201);
    expect((await post(`/customers/${customerId}/credit`, { occurredAt: '2026-02-20T08:00:00.000Z', kind: 'payment-overdue', amount: 700 }, finance)).status).toBe(201);
    expect((await post(`/customers/${customerId}/deliveries`, { occurredAt: '2026-02-03T08:00:00.000Z', orderId: 'po-9', status: 'delayed', delayDays: 3 }, logistics)).status).toBe(201);
    expect((await post(`/customers/${customerId}/deliveries`, { occurredAt: '2026-02-03T08:00:00.000Z', orderId: 'po-9', status: 'delayed' }, logistics)).status).toBe(400);
    expect((await post(`/customers/${customerId}/referrals`, { occurredAt: '2026-02-04T08:00:00.000Z' })).status).toBe(201);
    expect((await post(`/customers/${customerId}/campaign-responses`, { occurredAt: '2026-02-05T08:00:00.000Z', campaign: 'spring', response: 'clicked' }, marketing)).status).toBe(201);
    expect((await post(`/customers/${customerId}/satisfaction-surveys`, { occurredAt: '2026-02-06T08:00:00.000Z', score: 11 }, service)).status).toBe(400);
    expect((await post(`/customers/${customerId}/satisfaction-surveys`, { occurredAt: '2026-02-06T08:00:00.000Z', score: 9 }, service)).status).toBe(201);
    const profile = await crm.request('PATCH', `/customers/${customerId}/profile`, { occurredAt: '2026-02-07T08:00:00.000Z', segment: 'smb', email: 'ops@facts.example' }, sales);
    expect(profile.status).toBe(200);

    const customer = await view(customerId, profile.body.revision);
    expect(customer.finance).toMatchObject({ creditLimit: 5000, overdueAmount: 700 });
    expect(customer.finance.creditRisk).toBeGreaterThan(0);
    expect(customer.logistics).toMatchObject({ deliveries: 1, delays: 1 });
    expect(customer.marketing.referrals).toBe(1);
    expect(customer.profile).toMatchObject({ segment: 'smb', email: 'ops@facts.example' });
    expect(customer.recentTouchpoints.length).toBeGreaterThanOrEqual(7);
  }, 60_000);

  it('reviews every relationship as of a time: inactivity leads to decline', async () => {
    const { body } = await post('/customers', { name: 'Sleepy Ltd', kind: 'organization', role: 'end-customer', relation: 'direct', occurredAt: '2025-01-01T08:00:00.000Z' });
    const customerId: string = body.customerId;
    await purchase(customerId, 'po-old', '2025-01-02T08:00:00.000Z');
    const complaint = await post(`/customers/${customerId}/complaints`, { occurredAt: '2025-01-03T08:00:00.000Z', category: 'rudeness', severity: 'critical', description: 'shouted at on the phone' }, service);

    const review = await post('/relationship-reviews', { asOf: '2025-06-30T00:00:00.000Z' }, management);
    expect(review.status).toBe(200);
    expect(review.body.reviewed).toBeGreaterThanOrEqual(1);
    expect(review.body.changed).toBeGreaterThanOrEqual(1);
    expect(review.body.complaintsEscalated).toBeGreaterThanOrEqual(1);
    const escalated = await eventually(
      () => crm.request('GET', '/service-queues/complaints?overdue=true'),
      (response) => response.body.items.some((item: { complaintId: string; escalated: boolean }) => item.complaintId === complaint.body.complaintId && item.escalated),
    );
    expect(escalated.body.items.find((item: { complaintId: string }) => item.complaintId === complaint.body.complaintId)).toMatchObject({ escalated: true, breached: true });

    const history = await crm.request('GET', `/customers/${customerId}/history?limit=1000`);
    const last = history.body.items[history.body.items.length - 1].revision;
    expect(await view(customerId, last)).toMatchObject({ lifecycleStage: 'decline' });
    const again = await post('/relationship-reviews', { asOf: '2025-06-30T00:00:00.000Z' }, management);
    expect(again.body).toMatchObject({ changed: 0, complaintsEscalated: 0 });
    expect((await post('/relationship-reviews', { asOf: 'soon' }, management)).status).toBe(400);

    const found = await eventually(
      () => crm.request('GET', '/customers?q=slee&stage=decline'),
      (response) => response.body.items.length > 0,
    );
    expect(found.body.items.map((item: { id: string }) => item.id)).toEqual([customerId]);

    const distribution = await crm.request('GET', '/loyalty/distribution?from=2025-01-01T00:00:00.000Z&to=2025-12-31T00:00:00.000Z');
    expect(distribution.body.customersPerStage.decline).toBeGreaterThanOrEqual(1);
    expect(distribution.body.stageTransitions.exploration?.decline).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it('re-ranks value tiers across the base as values change, recording the rule and figures', async () => {
    // Its own process: the policy appends tier events at moments of its own, which the other tests count.
    const ranked = await CrmProcess.start({ env: { TIER_RANKING_DELAY_MS: '100' } });
    try {
      const whale = (await postTo(ranked, '/customers', { name: 'Whale Holdings', kind: 'organization', role: 'end-customer', relation: 'direct' })).body.customerId as string;
      const minnow = (await postTo(ranked, '/customers', { name: 'Minnow', kind: 'individual', role: 'end-customer', relation: 'direct' })).body.customerId as string;
      await postTo(ranked, `/customers/${whale}/purchases`, { orderId: 'big-1', occurredAt: '2026-04-01T08:00:00.000Z', channel: 'web', lines: [{ product: 'Fleet', category: 'vehicles', quantity: 10, revenue: 1_000_000, cost: 600_000 }] });
      await postTo(ranked, `/customers/${minnow}/purchases`, { orderId: 'small-1', occurredAt: '2026-04-01T08:00:00.000Z', channel: 'web', lines: [{ product: 'Sample', category: 'samples', quantity: 1, revenue: 10, cost: 10 }] });

      const tierOf = (customerId: string) => ranked.request('GET', `/customers/${customerId}`).then((response) => response.body.valueTier);
      expect(await eventually(() => tierOf(whale), (tier) => tier === 'key')).toBe('key');
      expect(await eventually(() => tierOf(minnow), (tier) => tier === 'phase-out')).toBe('phase-out');

      const history = await ranked.request('GET', `/customers/${whale}/history?limit=1000`);
      const assigned = history.body.items.filter((event: { type: string }) => event.type === 'ValueTierAssigned').at(-1);
      expect(assigned.data).toMatchObject({ to: 'key', rule: expect.any(String), figures: expect.objectContaining({ rank: 1 }) });
      expect(assigned.metadata.actor).toBe('system:value-tier-policy');
    } finally {
      await ranked.stop();
    }
  }, 60_000);
});
