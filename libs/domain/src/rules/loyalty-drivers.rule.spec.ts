import { defaultDomainRules } from '../config/domain-rules';
import type { CustomerCommand } from '../customer/customer.commands';
import { createCustomerDecider } from '../customer/customer.decider';
import type { RegisteredCustomer } from '../customer/customer.state';
import { customerCommands, day, historyOf } from '../testing';
import { scoreDrivers } from './loyalty-drivers.rule';

const decider = createCustomerDecider(defaultDomainRules);
const c = customerCommands('cust-1');
const rules = defaultDomainRules.drivers;
const driversAfter = (at: string, ...commands: CustomerCommand[]) =>
  scoreDrivers(historyOf(decider, [c.register(day(0)), ...commands]).reduce(decider.evolve, decider.initialState) as RegisteredCustomer, at, rules);

describe('loyalty drivers', () => {
  it('starts a new customer at neutral satisfaction, with no value received, trust or switching cost', () => {
    expect(driversAfter(day(0)).drivers).toEqual({ perceivedValue: 0, satisfaction: 50, trust: 0, switchingCost: 0 });
  });

  it('weighs the newest survey half against the running average', () => {
    expect(driversAfter(day(2), c.survey(day(1), 10), c.survey(day(2), 6)).drivers.satisfaction).toBe(80);
  });

  it('orders surveys by business time, so an imported older survey weighs less', () => {
    expect(driversAfter(day(2), c.survey(day(2), 6), c.survey(day(1), 10)).drivers.satisfaction).toBe(80);
  });

  it('takes open complaints off satisfaction and adds satisfied resolutions, up to a cap', () => {
    expect(driversAfter(day(3), c.survey(day(1), 8), c.fileComplaint('k-1', day(2), { severity: 'critical' })).drivers.satisfaction).toBe(60);
    const resolvedFour = [1, 2, 3, 4].flatMap((n) => [c.fileComplaint(`k-${n}`, day(n), { severity: 'low' }), c.resolveComplaint(`k-${n}`, day(n), true)]);
    expect(driversAfter(day(5), c.survey(day(0), 5), ...resolvedFour).drivers.satisfaction).toBe(65);
  });

  it('builds trust as satisfaction matured by purchases and tenure, less breaches', () => {
    const buyer = [c.survey(day(0), 8), ...[0, 1, 2].map((n) => c.purchase(`o-${n}`, day(1 + 73 * n)))];
    const { drivers, figures } = driversAfter(day(147), ...buyer);
    // maturity = 0.5 × 3/6 + 0.5 × 146/365 = 0.45
    expect(figures.trustMaturity).toBe(0.45);
    expect(drivers.trust).toBe(36);
    const breached = driversAfter(day(160), ...buyer, c.fileComplaint('k-1', day(150), { severity: 'low' }), c.escalateComplaint('k-1', day(160), day(157)));
    expect(breached.drivers.trust).toBe(Math.round((80 - 2) * 0.45 * 10) / 10 - 15);
  });

  it('scores perceived value from delivery reliability, quality record and spend once the customer has bought', () => {
    const bought = [c.purchase('o-1', day(1), { revenue: 2500, cost: 2000 })];
    expect(driversAfter(day(1), ...bought).drivers.perceivedValue).toBe(85);
    const late = [...bought, c.delivery('o-1', day(3), 'delivered'), c.delivery('o-1', day(3), 'delayed', 2)];
    expect(driversAfter(day(3), ...late).drivers.perceivedValue).toBe(65);
    const broken = [...bought, c.fileComplaint('k-1', day(2), { category: 'poor-quality' })];
    expect(driversAfter(day(2), ...broken).drivers.perceivedValue).toBe(77.5);
  });

  it('scores switching cost from tenure, purchase frequency, category breadth and credit', () => {
    const commands = [
      c.credit(day(0), 'limit-set', 1000),
      ...['a', 'b', 'c', 'd'].map((category, n) => c.purchase(`o-${n}`, day(1 + 121 * n), { category })),
    ];
    // tenure 363 of 730 days, 4 purchases a year of 12, 4 of 4 categories, a credit line
    const expected = 100 * (0.35 * (363 / 730) + 0.25 * (4 / 12) + 0.2 * 1 + 0.2 * 1);
    expect(driversAfter(day(364), ...commands).drivers.switchingCost).toBeCloseTo(expected, 1);
  });
});
