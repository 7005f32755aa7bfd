import type { CustomerEvent } from '@crm/domain';
import { createComplaintQueueProjection } from './complaint-queue.projection';
import { envelope, project } from './testing/recorded-events';

const projection = createComplaintQueueProjection();
const at = (hour: number) => new Date(Date.UTC(2024, 2, 1, hour)).toISOString();
const base = { customerId: 'cust-1' };
const filed: CustomerEvent = {
  type: 'ComplaintFiled',
  data: {
    ...base,
    occurredAt: at(10),
    complaintId: 'k-1',
    category: 'poor-quality',
    severity: 'critical',
    deadline: at(14),
    slaHours: 4,
    customerTier: 'key',
    priority: 15,
    personal: { description: 'it broke', customerName: 'Acme Trading' },
  },
};
const resolved = (customerSatisfied: boolean): CustomerEvent => ({
  type: 'ComplaintResolved',
  data: { ...base, occurredAt: at(12), complaintId: 'k-1', customerSatisfied, personal: { outcome: 'replaced' } },
});
const escalated: CustomerEvent = {
  type: 'ComplaintEscalated',
  data: { ...base, occurredAt: at(15), complaintId: 'k-1', severity: 'critical', deadline: at(14), overdueHours: 1 },
};
const queueAfter = (...events: CustomerEvent[]) =>
  project(projection, events.map((event, index) => envelope(event, { revision: 5 + index, department: 'service' }))).get('k-1');

describe('complaint queue projection', () => {
  it('ComplaintFiled opens a document per complaint with its deadline, priority and the filing department', () => {
    expect(queueAfter(filed)).toEqual({
      id: 'k-1',
      complaintId: 'k-1',
      customerId: 'cust-1',
      customerName: 'Acme Trading',
      category: 'poor-quality',
      severity: 'critical',
      status: 'open',
      filedAt: at(10),
      deadline: at(14),
      escalated: false,
      escalatedAt: null,
      priority: 15,
      customerTier: 'key',
      department: 'service',
      resolvedAt: null,
      customerSatisfied: null,
      revision: 5,
    });
  });

  it('ComplaintResolved resolves it, recording whether the customer was satisfied', () => {
    expect(queueAfter(filed, resolved(true))).toMatchObject({ status: 'resolved', resolvedAt: at(12), customerSatisfied: true, revision: 6 });
    expect(queueAfter(filed, resolved(false))).toMatchObject({ status: 'resolved', customerSatisfied: false });
  });

  it('ComplaintEscalated marks it escalated and leaves it open', () => {
    expect(queueAfter(filed, escalated)).toMatchObject({ status: 'open', escalated: true, escalatedAt: at(15), resolvedAt: null });
  });

  it('routes each event to the complaint it is about', () => {
    const other: CustomerEvent = { ...filed, data: { ...filed.data, complaintId: 'k-2' } } as CustomerEvent;
    const documents = project(projection, [envelope(filed, { revision: 1 }), envelope(other, { revision: 2 }), envelope(resolved(true), { revision: 3 })]);
    expect(documents.get('k-1')?.status).toBe('resolved');
    expect(documents.get('k-2')?.status).toBe('open');
  });

  it('ValueTierAssigned re-prioritises each open complaint it names, and only those', () => {
    const other: CustomerEvent = { ...filed, data: { ...filed.data, complaintId: 'k-2', priority: 9 } } as CustomerEvent;
    const retiered: CustomerEvent = {
      type: 'ValueTierAssigned',
      data: { ...base, occurredAt: at(13), from: 'key', to: 'phase-out', rule: 'tier.phase-out', figures: {}, complaintPriorities: [{ complaintId: 'k-1', priority: 5 }] },
    };
    expect(projection.documentIds(envelope(retiered, { revision: 3 }))).toEqual(['k-1']);
    const documents = project(projection, [envelope(filed, { revision: 1 }), envelope(other, { revision: 2 }), envelope(retiered, { revision: 3 })]);
    expect(documents.get('k-1')).toMatchObject({ priority: 5, customerTier: 'phase-out', revision: 3 });
    expect(documents.get('k-2')).toMatchObject({ priority: 9, customerTier: 'key', revision: 2 });
  });

  it('handles only complaint events', () => {
    expect(projection.canHandle(envelope({ type: 'ReferralMade', data: { ...base, occurredAt: at(1), personal: {} } }, { revision: 1 }))).toBe(false);
  });
});
