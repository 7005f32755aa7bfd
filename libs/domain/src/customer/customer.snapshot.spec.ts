import { defaultDomainRules } from '../config/domain-rules';
import { customerCommands, day, historyOf } from '../testing';
import { createCustomerDecider } from './customer.decider';
import { CustomerNotFoundError } from './customer.errors';
import { relationshipSnapshot } from './customer.snapshot';

const decider = createCustomerDecider(defaultDomainRules);
const c = customerCommands('cust-1');

describe('relationshipSnapshot', () => {
  it("gives the auditor's view of the folded state, as plain JSON", () => {
    const events = historyOf(decider, [
      c.register(day(0)),
      c.purchase('o-1', day(1), { revenue: 1000, cost: 600 }),
      c.fileComplaint('k-1', day(2)),
      c.assignTier(day(3), 'general'),
    ]);
    const snapshot = relationshipSnapshot(events.reduce(decider.evolve, decider.initialState), events.length - 1);
    expect(snapshot).toMatchObject({
      customerId: 'cust-1',
      status: 'active',
      lifecycleStage: 'exploration',
      loyaltyLevel: 'none',
      valueTier: 'general',
      openComplaints: 1,
      lastTouchpointAt: day(2),
      revision: events.length - 1,
    });
    expect(snapshot.clp.historical).toBe(400);
    expect(snapshot.clp.total).toBeCloseTo(snapshot.clp.historical + snapshot.clp.current + snapshot.clp.potential, 2);
    expect(Object.keys(snapshot.scores)).toEqual(['crossSell', 'upSell', 'creditRisk']);
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
  });

  it('folding up to an earlier revision gives the state as it was then', () => {
    const events = historyOf(decider, [c.register(day(0)), c.purchase('o-1', day(1)), c.churn(day(30))]);
    const beforeChurn = events.findIndex((event) => event.type === 'CustomerChurned');
    expect(relationshipSnapshot(events.slice(0, beforeChurn).reduce(decider.evolve, decider.initialState)).status).toBe('active');
    expect(relationshipSnapshot(events.reduce(decider.evolve, decider.initialState)).status).toBe('lost');
  });

  it('has no snapshot of an unregistered customer', () => {
    expect(() => relationshipSnapshot(decider.initialState)).toThrow(CustomerNotFoundError);
  });
});
