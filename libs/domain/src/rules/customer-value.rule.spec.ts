import { defaultDomainRules } from '../config/domain-rules';
import type { CustomerCommand } from '../customer/customer.commands';
import { createCustomerDecider } from '../customer/customer.decider';
import type { RegisteredCustomer } from '../customer/customer.state';
import { customerCommands, day, historyOf } from '../testing';
import { assessValue } from './customer-value.rule';

const decider = createCustomerDecider(defaultDomainRules);
const c = customerCommands('cust-1');
const stateAfter = (...commands: CustomerCommand[]) =>
  historyOf(decider, commands).reduce(decider.evolve, decider.initialState) as RegisteredCustomer;
const rules = defaultDomainRules.value;
/** Σ_{y=1..3} 1.1^-y */
const ANNUITY = 1 / 1.1 + 1 / 1.1 ** 2 + 1 / 1.1 ** 3;

describe('customer lifetime profit', () => {
  const oneOrder = stateAfter(c.register(day(0)), c.purchase('o-1', day(0), { revenue: 1000, cost: 600 }));

  it('compounds past profit to the assessment time', () => {
    expect(assessValue(oneOrder, day(365), rules).value.historical).toBe(440);
  });

  it('values the future as the present value of the current yearly profit over the horizon', () => {
    const { value, figures } = assessValue(oneOrder, day(365), rules);
    expect(figures).toMatchObject({ annualProfit: 400, observedDays: 365, retention: 1 });
    expect(value.current).toBeCloseTo(400 * ANNUITY, 2);
  });

  it('annualises a short history over at least minObservationDays', () => {
    expect(assessValue(oneOrder, day(10), rules).figures).toMatchObject({ observedDays: 90, annualProfit: 1622.22 });
  });

  it('adds growth potential from cross-sell and up-sell, and totals the three parts', () => {
    const { value } = assessValue(oneOrder, day(365), rules);
    const crossSell = (1 - 1 / 8) * (1 / 3);
    expect(value.crossSell).toBeCloseTo(crossSell, 3);
    expect(value.upSell).toBe(0);
    expect(value.potential).toBeCloseTo(400 * ANNUITY * crossSell * 0.5, 1);
    expect(value.total).toBeCloseTo(value.historical + value.current + value.potential, 2);
  });

  it('expects half the future from a declining relationship and none from a lost one', () => {
    const declining = stateAfter(c.register(day(0)), c.purchase('o-1', day(0), { revenue: 1000, cost: 600 }), c.review(day(200)));
    expect(assessValue(declining, day(365), rules).value.current).toBeCloseTo(400 * ANNUITY * 0.5, 2);
    const lost = stateAfter(c.register(day(0)), c.purchase('o-1', day(0), { revenue: 1000, cost: 600 }), c.churn(day(200)));
    expect(assessValue(lost, day(365), rules).value).toMatchObject({ current: 0, potential: 0, historical: 440 });
  });

  it('scores up-sell from the order value trend', () => {
    const growing = stateAfter(
      c.register(day(0)),
      c.purchase('o-1', day(0), { revenue: 100, cost: 50 }),
      c.purchase('o-2', day(10), { revenue: 100, cost: 50 }),
      c.purchase('o-3', day(20), { revenue: 200, cost: 100 }),
      c.purchase('o-4', day(30), { revenue: 200, cost: 100 }),
    );
    expect(assessValue(growing, day(30), rules).value.upSell).toBe(1);
    const shrinking = stateAfter(
      c.register(day(0)),
      c.purchase('o-1', day(0), { revenue: 200, cost: 50 }),
      c.purchase('o-2', day(10), { revenue: 150, cost: 50 }),
    );
    expect(assessValue(shrinking, day(10), rules).value.upSell).toBe(0.375);
  });

  it('scores cross-sell lower as the customer buys across more of the catalogue', () => {
    const broad = stateAfter(
      c.register(day(0)),
      ...['a', 'b', 'c', 'd', 'e', 'f'].map((category, index) => c.purchase(`o-${index}`, day(index), { category })),
    );
    expect(assessValue(broad, day(6), rules).value.crossSell).toBe(0.25);
  });

  it('scores credit risk from the overdue share of the limit and the overdue incidents among payments', () => {
    const risky = stateAfter(
      c.register(day(0)),
      c.credit(day(1), 'limit-set', 1000),
      c.credit(day(2), 'payment-overdue', 500),
      c.credit(day(3), 'payment-received', 250),
    );
    // overdue 250 of 1000, 1 incident of 2 events: 0.8 × 0.25 + 0.2 × 0.5
    expect(assessValue(risky, day(3), rules).value.creditRisk).toBe(0.3);
  });
});
