import { defaultDomainRules, validateDomainRules } from '../config/domain-rules';
import { rankValueTiers, type RankedCustomer } from './value-tier.policy';

const base = (clps: number[]): RankedCustomer[] =>
  clps.map((clpTotal, index) => ({ customerId: `c-${String(index).padStart(2, '0')}`, clpTotal, currentTier: null }));
const tiers = (changes: ReturnType<typeof rankValueTiers>) => Object.fromEntries(changes.map((change) => [change.customerId, change.tier]));

describe('value tiers by Pareto', () => {
  it('makes key the few customers that together bring most of the value, capped at 20% of the base', () => {
    const changes = rankValueTiers(base([5000, 3000, 800, 500, 300, 200, 100, 50, 0, -100]), defaultDomainRules);
    expect(tiers(changes)).toEqual({
      'c-00': 'key',
      'c-01': 'key',
      'c-02': 'general',
      'c-03': 'general',
      'c-04': 'general',
      'c-05': 'general',
      'c-06': 'general',
      'c-07': 'general',
      'c-08': 'phase-out',
      'c-09': 'phase-out',
    });
  });

  it('stops adding key customers once the ones above make keyShareOfValue, counting the one that crosses it', () => {
    const rules = validateDomainRules({ tiers: { keyShareOfValue: 0.5, keyMaxShareOfCustomers: 1 } });
    expect(tiers(rankValueTiers(base([100, 100, 100, 100, 100]), rules))).toEqual({
      'c-00': 'key',
      'c-01': 'key',
      'c-02': 'key',
      'c-03': 'general',
      'c-04': 'general',
    });
  });

  it('ranks regardless of input order, ties by customer id', () => {
    const shuffled = base([100, 900, 100]).reverse();
    expect(tiers(rankValueTiers(shuffled, defaultDomainRules))).toEqual({ 'c-01': 'key', 'c-00': 'general', 'c-02': 'general' });
  });

  it('returns only the customers whose tier changes', () => {
    const customers: RankedCustomer[] = [
      { customerId: 'a', clpTotal: 9000, currentTier: 'key' },
      { customerId: 'b', clpTotal: 500, currentTier: 'key' },
      { customerId: 'c', clpTotal: -5, currentTier: 'phase-out' },
      { customerId: 'd', clpTotal: 100, currentTier: 'general' },
      { customerId: 'e', clpTotal: 50, currentTier: null },
    ];
    expect(rankValueTiers(customers, defaultDomainRules).map((change) => [change.customerId, change.tier])).toEqual([
      ['b', 'general'],
      ['e', 'general'],
    ]);
  });

  it('records the rule and the figures of the ranking', () => {
    const [top] = rankValueTiers(base([600, 400, 0, 0, 0]), defaultDomainRules);
    expect(top).toEqual({
      customerId: 'c-00',
      tier: 'key',
      rule: 'tier.pareto-key',
      figures: {
        rank: 1,
        baseSize: 5,
        clpTotal: 600,
        positiveClpTotal: 1000,
        cumulativeShare: 0.6,
        keyShareOfValue: 0.8,
        keyMaxShareOfCustomers: 0.2,
        keyMaxCustomers: 1,
        phaseOutMaxClp: 0,
      },
    });
  });

  it('handles an empty base', () => {
    expect(rankValueTiers([], defaultDomainRules)).toEqual([]);
  });
});
