import { CUSTOMER_EVENT_TYPES, type CustomerEvent } from '@crm/domain';
import { createCustomerViewProjection, type CustomerViewDocument } from './customer-view.projection';
import { envelope, project } from './testing/recorded-events';

const projection = createCustomerViewProjection();
const at = (day: number) => new Date(Date.UTC(2024, 0, 1 + day, 9)).toISOString();
const base = { customerId: 'cust-1' };
const derivation = { rule: 'test.rule', figures: { n: 1 }, thresholds: { t: 1 } };

const registeredEvent: CustomerEvent = {
  type: 'CustomerRegistered',
  data: { ...base, occurredAt: at(0), kind: 'organization', role: 'distributor', relation: 'indirect', source: 'fair', personal: { name: 'Acme Trading', email: 'buy@acme.test' } },
};
const registered = projection.evolve(null, envelope(registeredEvent, { revision: 0 }))!;

/** Applies one event on top of the registered customer, at revision 1. */
const after = (event: CustomerEvent, doc: CustomerViewDocument = registered): CustomerViewDocument =>
  projection.evolve(doc, envelope(event, { revision: doc.revision + 1, recordedAt: '2024-06-01T00:00:00.000Z' }))!;

const purchase = (orderId: string, day: number, revenue = 100): CustomerEvent => ({
  type: 'PurchaseRecorded',
  data: {
    ...base,
    occurredAt: at(day),
    orderId,
    channel: 'web',
    lines: [{ product: 'drill', category: 'tools', quantity: 1, revenue, cost: 60, profit: revenue - 60 }],
    totals: { quantity: 1, revenue, cost: 60, profit: revenue - 60 },
  },
});

describe('customer view projection', () => {
  it('creates the document on registration, with the core fields and empty sections', () => {
    expect(registered).toEqual({
      id: 'cust-1',
      customerId: 'cust-1',
      name: 'Acme Trading',
      nameLower: 'acme trading',
      kind: 'organization',
      role: 'distributor',
      relation: 'indirect',
      status: 'potential',
      lifecycleStage: null,
      loyaltyLevel: 'none',
      valueTier: null,
      clp: { historical: 0, current: 0, potential: 0, total: 0 },
      lastTouchpointAt: at(0),
      registeredAt: at(0),
      revision: 0,
      updatedAt: at(0),
      profile: { email: 'buy@acme.test', phone: null, source: 'fair', segment: null },
      sales: { purchaseCount: 0, revenue: 0, profit: 0, lastPurchaseAt: null, products: [], categories: [] },
      finance: { creditLimit: 0, paymentsTotal: 0, overdueAmount: 0, creditRisk: 0 },
      service: { openComplaints: 0, closedComplaints: 0, satisfactionTrend: [] },
      logistics: { deliveries: 0, delays: 0, lastDeliveryAt: null },
      marketing: { segment: null, referrals: 0, campaignResponses: 0 },
      derived: { crossSell: 0, upSell: 0, creditRisk: 0, clp: 0, tier: null },
      loyalty: { drivers: { perceivedValue: 0, satisfaction: 0, trust: 0, switchingCost: 0 } },
      recentTouchpoints: [{ type: 'CustomerRegistered', at: at(0), summary: 'Registered (organization, distributor, indirect)' }],
    });
  });

  it('keeps the document plain JSON', () => {
    expect(JSON.parse(JSON.stringify(registered))).toEqual(registered);
  });

  it('tracks the stream revision and recording time of the last event applied', () => {
    const doc = after({ type: 'ReferralMade', data: { ...base, occurredAt: at(3), personal: {} } });
    expect(doc).toMatchObject({ revision: 1, updatedAt: '2024-06-01T00:00:00.000Z' });
  });

  it('handles every customer event type', () => {
    const handled = CUSTOMER_EVENT_TYPES.filter((type) => projection.canHandle(envelope({ type, data: base } as CustomerEvent, { revision: 0 })));
    expect(handled).toEqual(CUSTOMER_EVENT_TYPES);
    expect(projection.canHandle({ ...envelope(registeredEvent, { revision: 0 }), type: 'SomethingElse' })).toBe(false);
  });

  describe('touchpoints', () => {
    it('CustomerSelectedAsTarget is a touchpoint and changes nothing else', () => {
      const doc = after({ type: 'CustomerSelectedAsTarget', data: { ...base, occurredAt: at(1), personal: { reason: 'secret' } } });
      expect(doc.status).toBe('potential');
      expect(doc.recentTouchpoints[0]).toEqual({ type: 'CustomerSelectedAsTarget', at: at(1), summary: 'Selected as target' });
      expect(doc.lastTouchpointAt).toBe(at(1));
    });

    it('ContactRecorded is summarised without its personal purpose', () => {
      const doc = after({ type: 'ContactRecorded', data: { ...base, occurredAt: at(1), channel: 'visit', direction: 'outbound', personal: { purpose: 'secret' } } });
      expect(doc.recentTouchpoints[0]).toEqual({ type: 'ContactRecorded', at: at(1), summary: 'Contact by visit (outbound)' });
      expect(JSON.stringify(doc)).not.toContain('secret');
    });

    it('PurchaseRecorded adds to the sales section', () => {
      const doc = after(purchase('o-2', 5, 300), after(purchase('o-1', 2, 100)));
      expect(doc.sales).toEqual({ purchaseCount: 2, revenue: 400, profit: 280, lastPurchaseAt: at(5), products: ['drill'], categories: ['tools'] });
      expect(doc.recentTouchpoints.map((touchpoint) => touchpoint.summary).slice(0, 2)).toEqual([
        'Order o-2: 1 line(s), revenue 300',
        'Order o-1: 1 line(s), revenue 100',
      ]);
    });

    it('an imported older purchase does not move lastPurchaseAt or lastTouchpointAt back', () => {
      const doc = after(purchase('o-old', 1), after(purchase('o-new', 9)));
      expect(doc.sales.lastPurchaseAt).toBe(at(9));
      expect(doc.lastTouchpointAt).toBe(at(9));
    });

    it('ComplaintFiled opens a complaint', () => {
      const doc = after(complaintFiled('k-1'));
      expect(doc.service).toMatchObject({ openComplaints: 1, closedComplaints: 0 });
      expect(doc.recentTouchpoints[0].summary).toBe('Complaint k-1 filed (high, rudeness)');
    });

    it('ComplaintResolved closes it', () => {
      const doc = after({ type: 'ComplaintResolved', data: { ...base, occurredAt: at(2), complaintId: 'k-1', customerSatisfied: false, personal: { outcome: 'x' } } }, after(complaintFiled('k-1')));
      expect(doc.service).toMatchObject({ openComplaints: 0, closedComplaints: 1 });
      expect(doc.recentTouchpoints[0].summary).toBe('Complaint k-1 resolved (not satisfied)');
    });

    it('ComplaintEscalated leaves the counts and records the touchpoint', () => {
      const doc = after({ type: 'ComplaintEscalated', data: { ...base, occurredAt: at(3), complaintId: 'k-1', severity: 'high', deadline: at(2), overdueHours: 24 } }, after(complaintFiled('k-1')));
      expect(doc.service).toMatchObject({ openComplaints: 1, closedComplaints: 0 });
      expect(doc.recentTouchpoints[0].summary).toBe('Complaint k-1 escalated, 24h past its deadline');
    });

    it('SatisfactionSurveyed appends to the satisfaction trend, keeping the last 10', () => {
      let doc = registered;
      for (let day = 1; day <= 12; day++) doc = after({ type: 'SatisfactionSurveyed', data: { ...base, occurredAt: at(day), score: day % 11 } }, doc);
      expect(doc.service.satisfactionTrend).toHaveLength(10);
      expect(doc.service.satisfactionTrend[0]).toEqual({ at: at(3), score: 3 });
      expect(doc.service.satisfactionTrend[9]).toEqual({ at: at(12), score: 1 });
    });

    it('ReferralMade counts a referral', () => {
      expect(after({ type: 'ReferralMade', data: { ...base, occurredAt: at(1), personal: { referredName: 'Bob' } } }).marketing.referrals).toBe(1);
    });

    it('CampaignResponseRecorded counts a response', () => {
      const doc = after({ type: 'CampaignResponseRecorded', data: { ...base, occurredAt: at(1), campaign: 'spring', response: 'converted' } });
      expect(doc.marketing.campaignResponses).toBe(1);
      expect(doc.recentTouchpoints[0].summary).toBe('Campaign spring: converted');
    });

    it('CustomerChurned is a touchpoint; the status comes from RelationshipStatusChanged', () => {
      const doc = after({ type: 'CustomerChurned', data: { ...base, occurredAt: at(1), personal: { reason: 'price' } } });
      expect(doc.status).toBe('potential');
      expect(doc.recentTouchpoints[0].summary).toBe('Churned');
    });

    it('RecoveryStarted and RecoveryOutcomeRecorded are touchpoints', () => {
      const started = after({ type: 'RecoveryStarted', data: { ...base, occurredAt: at(1), recoveryId: 'r-1', personal: { offer: 'o' } } });
      const failed = after({ type: 'RecoveryOutcomeRecorded', data: { ...base, occurredAt: at(2), recoveryId: 'r-1', succeeded: false, personal: {} } }, started);
      expect(failed.recentTouchpoints.map((touchpoint) => touchpoint.summary).slice(0, 2)).toEqual(['Recovery r-1 failed', 'Recovery r-1 started']);
    });

    it('CreditEventRecorded sets the limit, adds payments and tracks the overdue amount', () => {
      const credit = (day: number, kind: 'limit-set' | 'payment-received' | 'payment-overdue', amount: number): CustomerEvent => ({
        type: 'CreditEventRecorded',
        data: { ...base, occurredAt: at(day), kind, amount },
      });
      const doc = after(credit(3, 'payment-received', 150), after(credit(2, 'payment-overdue', 200), after(credit(1, 'limit-set', 1000))));
      expect(doc.finance).toEqual({ creditLimit: 1000, paymentsTotal: 150, overdueAmount: 50, creditRisk: 0 });
    });

    it('DeliveryRecorded counts completed deliveries and delays; a shipment is only a touchpoint', () => {
      const delivery = (day: number, status: 'shipped' | 'delivered' | 'delayed', delayDays = 0): CustomerEvent => ({
        type: 'DeliveryRecorded',
        data: { ...base, occurredAt: at(day), orderId: 'o-1', status, delayDays, personal: {} },
      });
      const doc = after(delivery(6, 'delayed', 2), after(delivery(4, 'delivered'), after(delivery(2, 'shipped'))));
      expect(doc.logistics).toEqual({ deliveries: 2, delays: 1, lastDeliveryAt: at(6) });
      expect(doc.recentTouchpoints[0].summary).toBe('Delivery of o-1 delayed by 2 day(s)');
    });

    it('keeps the 20 most recent touchpoints, newest first', () => {
      let doc = registered;
      for (let day = 1; day <= 25; day++) doc = after({ type: 'ReferralMade', data: { ...base, occurredAt: at(day), personal: {} } }, doc);
      expect(doc.recentTouchpoints).toHaveLength(20);
      expect(doc.recentTouchpoints[0].at).toBe(at(25));
    });
  });

  describe('profile', () => {
    it('ProfileUpdated changes the name (and its lowercase), contacts, classification and segment, but is not a touchpoint', () => {
      const doc = after({
        type: 'ProfileUpdated',
        data: { ...base, occurredAt: at(4), changes: { role: 'partner', segment: 'smb' }, personal: { name: 'Acme Group', phone: '+1 555' } },
      });
      expect(doc).toMatchObject({
        name: 'Acme Group',
        nameLower: 'acme group',
        role: 'partner',
        kind: 'organization',
        profile: { email: 'buy@acme.test', phone: '+1 555', source: 'fair', segment: 'smb' },
        marketing: { segment: 'smb' },
        lastTouchpointAt: at(0),
      });
      expect(doc.recentTouchpoints).toHaveLength(1);
    });
  });

  describe('derived facts', () => {
    it('RelationshipStatusChanged sets the status', () => {
      expect(after({ type: 'RelationshipStatusChanged', data: { ...base, occurredAt: at(1), from: 'potential', to: 'target', ...derivation } }).status).toBe('target');
    });

    it('LifecycleStageChanged sets the stage', () => {
      expect(after({ type: 'LifecycleStageChanged', data: { ...base, occurredAt: at(1), from: null, to: 'exploration', ...derivation } }).lifecycleStage).toBe('exploration');
    });

    it('LoyaltyLevelChanged sets the level', () => {
      expect(after({ type: 'LoyaltyLevelChanged', data: { ...base, occurredAt: at(1), from: 'none', to: 'satisfaction', ...derivation } }).loyaltyLevel).toBe('satisfaction');
    });

    it('LoyaltyDriversScored sets the drivers', () => {
      const drivers = { perceivedValue: 1, satisfaction: 2, trust: 3, switchingCost: 4 };
      expect(after({ type: 'LoyaltyDriversScored', data: { ...base, occurredAt: at(1), drivers, ...derivation } }).loyalty.drivers).toEqual(drivers);
    });

    it('CustomerValueAssessed sets the CLP, the derived scores and the credit risk', () => {
      const doc = after({
        type: 'CustomerValueAssessed',
        data: { ...base, occurredAt: at(1), historical: 10, current: 20, potential: 5, total: 35, crossSell: 0.4, upSell: 0.6, creditRisk: 0.2, discountRate: 0.1, ...derivation },
      });
      expect(doc.clp).toEqual({ historical: 10, current: 20, potential: 5, total: 35 });
      expect(doc.derived).toEqual({ crossSell: 0.4, upSell: 0.6, creditRisk: 0.2, clp: 35, tier: null });
      expect(doc.finance.creditRisk).toBe(0.2);
    });

    it('ValueTierAssigned sets the tier', () => {
      const doc = after({ type: 'ValueTierAssigned', data: { ...base, occurredAt: at(1), from: null, to: 'key', rule: 'tier.pareto-key', figures: {}, complaintPriorities: [] } });
      expect(doc.valueTier).toBe('key');
      expect(doc.derived.tier).toBe('key');
    });

    it('derived events do not count as touchpoints', () => {
      const doc = after({ type: 'LifecycleStageChanged', data: { ...base, occurredAt: at(9), from: null, to: 'exploration', ...derivation } });
      expect(doc.lastTouchpointAt).toBe(at(0));
      expect(doc.recentTouchpoints).toHaveLength(1);
    });
  });

  describe('evolving a copy or in place', () => {
    const history: CustomerEvent[] = [
      registeredEvent,
      ...Array.from({ length: 12 }, (_, index) => purchase(`o-${index}`, index + 1)),
      complaintFiled('k-1'),
      { type: 'ComplaintResolved', data: { ...base, occurredAt: at(14), complaintId: 'k-1', customerSatisfied: true, personal: { outcome: 'x' } } },
      ...Array.from({ length: 11 }, (_, index): CustomerEvent => ({ type: 'SatisfactionSurveyed', data: { ...base, occurredAt: at(15 + index), score: index % 6 } })),
      { type: 'LifecycleStageChanged', data: { ...base, occurredAt: at(30), from: null, to: 'exploration', ...derivation } },
      { type: 'ProfileUpdated', data: { ...base, occurredAt: at(31), changes: { segment: 'smb' }, personal: { name: 'Acme Group' } } },
      { type: 'CustomerErased', data: { ...base, occurredAt: at(32), complaintIds: ['k-1'] } },
    ];
    const recorded = history.map((event, revision) => envelope(event, { revision }));
    const deepFreeze = <T>(value: T): T => {
      if (value !== null && typeof value === 'object') Object.values(Object.freeze(value)).forEach(deepFreeze);
      return value;
    };

    it('leaves the document it is given untouched', () => {
      const folded = recorded.reduce<CustomerViewDocument | null>((doc, event) => deepFreeze(projection.evolve(doc, event)), null);

      expect(folded?.recentTouchpoints).toHaveLength(20);
    });

    it('changes a document it is told the caller owns, into the same document a copy would become', () => {
      const pure = recorded.reduce<CustomerViewDocument | null>((doc, event) => projection.evolve(doc, event), null);
      const drafts: Array<CustomerViewDocument | null> = [];
      const inPlace = recorded.reduce<CustomerViewDocument | null>((doc, event) => {
        const next = projection.evolve(doc, event, true);
        drafts.push(next);
        return next;
      }, null);

      expect(inPlace).toEqual(pure);
      expect(new Set(drafts).size).toBe(1);
    });
  });

  it('ignores events of a customer it has no document for', () => {
    const documents = project(projection, [envelope(purchase('o-1', 1), { revision: 3 })]);
    expect(documents.size).toBe(0);
  });
});

function complaintFiled(complaintId: string): CustomerEvent {
  return {
    type: 'ComplaintFiled',
    data: {
      ...base,
      occurredAt: at(1),
      complaintId,
      category: 'rudeness',
      severity: 'high',
      deadline: at(2),
      slaHours: 24,
      customerTier: null,
      priority: 6,
      personal: { description: 'd', customerName: 'Acme Trading' },
    },
  };
}
