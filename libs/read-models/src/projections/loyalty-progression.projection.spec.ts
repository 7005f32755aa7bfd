import type { CustomerEvent } from '@crm/domain';
import { createLoyaltyProgressionProjection, type LoyaltyProgressionDocument } from './loyalty-progression.projection';
import { envelope, project, streamOf } from './testing/recorded-events';

const projection = createLoyaltyProgressionProjection();
const at = (day: number) => new Date(Date.UTC(2024, 0, 1 + day, 9)).toISOString();
const base = { customerId: 'cust-1' };
const registered: CustomerEvent = {
  type: 'CustomerRegistered',
  data: { ...base, occurredAt: at(0), kind: 'individual', role: 'end-customer', relation: 'direct', personal: { name: 'Ann' } },
};
const documentAfter = (...events: CustomerEvent[]): LoyaltyProgressionDocument => project(projection, streamOf([registered, ...events])).get('cust-1')!;

describe('loyalty progression projection', () => {
  it('starts a customer with no stage, no loyalty and no transitions', () => {
    expect(documentAfter()).toEqual({
      id: 'cust-1',
      customerId: 'cust-1',
      status: 'potential',
      lifecycleStage: null,
      loyaltyLevel: 'none',
      drivers: { perceivedValue: 0, satisfaction: 0, trust: 0, switchingCost: 0 },
      transitions: [],
      revision: 0,
    });
  });

  it('LifecycleStageChanged sets the stage and appends a stage transition', () => {
    const doc = documentAfter({
      type: 'LifecycleStageChanged',
      data: { ...base, occurredAt: at(1), from: null, to: 'exploration', rule: 'lifecycle.first-purchase', figures: { purchaseCount: 1 }, thresholds: {} },
    });
    expect(doc.lifecycleStage).toBe('exploration');
    expect(doc.transitions).toEqual([{ kind: 'stage', from: null, to: 'exploration', at: at(1), rule: 'lifecycle.first-purchase', figures: { purchaseCount: 1 } }]);
  });

  it('LoyaltyLevelChanged sets the level and appends a loyalty transition', () => {
    const doc = documentAfter({
      type: 'LoyaltyLevelChanged',
      data: { ...base, occurredAt: at(2), from: 'none', to: 'satisfaction', rule: 'loyalty.climb-to-satisfaction', figures: { satisfaction: 90 }, thresholds: {} },
    });
    expect(doc.loyaltyLevel).toBe('satisfaction');
    expect(doc.transitions).toEqual([
      { kind: 'loyalty', from: 'none', to: 'satisfaction', at: at(2), rule: 'loyalty.climb-to-satisfaction', figures: { satisfaction: 90 } },
    ]);
  });

  it('RelationshipStatusChanged sets the status and appends a status transition', () => {
    const doc = documentAfter({
      type: 'RelationshipStatusChanged',
      data: { ...base, occurredAt: at(3), from: 'potential', to: 'target', rule: 'status.selected-as-target', figures: {}, thresholds: {} },
    });
    expect(doc.status).toBe('target');
    expect(doc.transitions).toEqual([{ kind: 'status', from: 'potential', to: 'target', at: at(3), rule: 'status.selected-as-target', figures: {} }]);
  });

  it('LoyaltyDriversScored replaces the drivers without a transition', () => {
    const drivers = { perceivedValue: 70, satisfaction: 80, trust: 40, switchingCost: 20 };
    const doc = documentAfter({ type: 'LoyaltyDriversScored', data: { ...base, occurredAt: at(4), drivers, rule: 'r', figures: {}, thresholds: {} } });
    expect(doc.drivers).toEqual(drivers);
    expect(doc.transitions).toEqual([]);
  });

  it('keeps transitions in stream order and tracks the revision', () => {
    const doc = documentAfter(
      { type: 'LifecycleStageChanged', data: { ...base, occurredAt: at(1), from: null, to: 'exploration', rule: 'a', figures: {}, thresholds: {} } },
      { type: 'RelationshipStatusChanged', data: { ...base, occurredAt: at(1), from: 'potential', to: 'active', rule: 'b', figures: {}, thresholds: {} } },
      { type: 'LifecycleStageChanged', data: { ...base, occurredAt: at(9), from: 'exploration', to: 'formation', rule: 'c', figures: {}, thresholds: {} } },
    );
    expect(doc.transitions.map((transition) => transition.rule)).toEqual(['a', 'b', 'c']);
    expect(doc.revision).toBe(3);
  });

  it('handles only registrations and the events that move stage, status, ladder or drivers', () => {
    const purchase = envelope({ type: 'ReferralMade', data: { ...base, occurredAt: at(1), personal: {} } }, { revision: 1 });
    expect(projection.canHandle(purchase)).toBe(false);
  });
});
