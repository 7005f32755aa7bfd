import { defaultDomainRules } from '../config/domain-rules';
import type { CustomerCommand } from '../customer/customer.commands';
import { createCustomerDecider } from '../customer/customer.decider';
import type { CustomerEvent } from '../customer/customer.events';
import { customerCommands, day, deciderSpecification, historyOf } from '../testing';

const decider = createCustomerDecider(defaultDomainRules);
const spec = deciderSpecification(decider);
const c = customerCommands('cust-1');
const history = (...commands: CustomerCommand[]) => historyOf(decider, commands);
const levelChanges = (events: CustomerEvent[]) =>
  events.flatMap((event) => (event.type === 'LoyaltyLevelChanged' ? [`${event.data.from}→${event.data.to} (${event.data.rule})`] : []));
const levelOf = (events: CustomerEvent[]) => {
  const state = events.reduce(decider.evolve, decider.initialState);
  return state.status === 'unregistered' ? null : state.loyalty.level;
};

const monthlyPurchases = (months: number, from = 0): CustomerCommand[] =>
  Array.from({ length: months }, (_, month) => c.purchase(`o-${from + month}`, day(1 + 30 * (from + month))));
/** Satisfied, buying monthly for over a year, with a credit line: everything but advocacy. */
const loyalBuyer = [c.register(day(0)), c.survey(day(0), 9), c.credit(day(0), 'limit-set', 5000), ...monthlyPurchases(14)];

describe('loyalty ladder', () => {
  it('keeps a satisfied but disloyal customer (high surveys, one purchase, no trust built) at satisfaction', () => {
    const events = history(
      c.register(day(0)),
      c.survey(day(1), 9),
      c.purchase('o-1', day(2)),
      c.survey(day(60), 10),
      c.contact(day(90)),
      c.survey(day(150), 9),
      c.referral(day(160)),
    );
    expect(levelOf(events)).toBe('satisfaction');
    const drivers = [...events].reverse().find((event) => event.type === 'LoyaltyDriversScored');
    expect(drivers?.type === 'LoyaltyDriversScored' && drivers.data.drivers.satisfaction).toBeGreaterThanOrEqual(90);
    expect(drivers?.type === 'LoyaltyDriversScored' && drivers.data.drivers.trust).toBeLessThan(defaultDomainRules.loyalty.trustMin);
  });

  it('climbs one rung per event, never skipping one, even when several rungs open at once', () => {
    const changes = levelChanges(history(...loyalBuyer));
    expect(changes).toEqual([
      'none→satisfaction (loyalty.climb-to-satisfaction)',
      'satisfaction→trust (loyalty.climb-to-trust)',
      'trust→behavioural (loyalty.climb-to-behavioural)',
    ]);
  });

  it('needs advocacy for emotional loyalty, and tenure with switching cost for sustainable loyalty', () => {
    spec.given(history(...loyalBuyer)).when(c.referral(day(400), 'a colleague')).then((events) =>
      expect(levelChanges(events)).toEqual(['behavioural→emotional (loyalty.climb-to-emotional)', 'emotional→sustainable (loyalty.climb-to-sustainable)']),
    );
    const young = history(c.register(day(0)), c.survey(day(0), 9), c.credit(day(0), 'limit-set', 5000), ...monthlyPurchases(7));
    spec.given(young).when(c.referral(day(200))).then((events) => expect(levelChanges(events)).toEqual(['behavioural→emotional (loyalty.climb-to-emotional)']));
  });

  it('records the drivers and thresholds with each level change', () => {
    spec.given(history(c.register(day(0)))).when(c.survey(day(1), 9)).then((events) =>
      expect(events.find((event) => event.type === 'LoyaltyLevelChanged')?.data).toMatchObject({
        figures: { satisfaction: 90, trust: 0 },
        thresholds: { satisfactionMin: 70, trustMin: 60 },
      }),
    );
  });

  it('falls in one event to the highest rung still supported when a driver breaks', () => {
    const loyal = history(...loyalBuyer, c.referral(day(400)));
    expect(levelOf(loyal)).toBe('sustainable');
    spec.given(loyal).when(c.survey(day(401), 2)).then((events) =>
      expect(levelChanges(events)).toEqual(['sustainable→none (loyalty.fall-to-none)']),
    );
  });

  it('has no loyalty left once the relationship is lost', () => {
    spec.given(history(...loyalBuyer)).when(c.churn(day(420))).then((events) =>
      expect(levelChanges(events)).toEqual(['behavioural→none (loyalty.relationship-lost)']),
    );
  });
});
