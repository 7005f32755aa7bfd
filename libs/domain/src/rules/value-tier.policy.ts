import type { DomainRules } from '../config/domain-rules';
import type { ValueTier } from '../customer/customer.commands';
import { round } from '../shared/numbers';

export interface RankedCustomer {
  customerId: string;
  clpTotal: number;
  currentTier: ValueTier | null;
}

export interface TierChange {
  customerId: string;
  tier: ValueTier;
  rule: string;
  figures: Record<string, number>;
}

export const TIER_RULES = { key: 'tier.pareto-key', general: 'tier.general', phaseOut: 'tier.phase-out' } as const;

/**
 * Value tiers across the whole base by the Pareto principle (brief §5, seed 004). Customers are
 * ranked by CLP, highest first (ties by id, so the ranking is deterministic). Walking down the
 * ranking, a customer is `key` while the customers above it make less than `keyShareOfValue` of
 * the base's positive CLP, so the one that crosses the share is key too, and while fewer than
 * max(1, ⌊keyMaxShareOfCustomers × base⌋) are key. CLP ≤ `phaseOutMaxClp` is `phase-out`; the
 * rest are `general`. Returns only the customers whose tier changes.
 */
export function rankValueTiers(customers: readonly RankedCustomer[], rules: DomainRules): TierChange[] {
  const { keyShareOfValue, keyMaxShareOfCustomers, phaseOutMaxClp } = rules.tiers;
  const ranked = [...customers].sort((a, b) => b.clpTotal - a.clpTotal || (a.customerId < b.customerId ? -1 : 1));
  const positiveTotal = ranked.reduce((total, customer) => total + Math.max(0, customer.clpTotal), 0);
  const keyMaxCustomers = Math.max(1, Math.floor(keyMaxShareOfCustomers * ranked.length));
  const changes: TierChange[] = [];
  let cumulative = 0;
  let keys = 0;
  ranked.forEach((customer, index) => {
    const shareBefore = positiveTotal > 0 ? cumulative / positiveTotal : 1;
    cumulative += Math.max(0, customer.clpTotal);
    let tier: ValueTier;
    let rule: string;
    if (customer.clpTotal <= phaseOutMaxClp) {
      [tier, rule] = ['phase-out', TIER_RULES.phaseOut];
    } else if (shareBefore < keyShareOfValue && keys < keyMaxCustomers) {
      [tier, rule] = ['key', TIER_RULES.key];
      keys++;
    } else {
      [tier, rule] = ['general', TIER_RULES.general];
    }
    if (tier === customer.currentTier) return;
    changes.push({
      customerId: customer.customerId,
      tier,
      rule,
      figures: {
        rank: index + 1,
        baseSize: ranked.length,
        clpTotal: customer.clpTotal,
        positiveClpTotal: round(positiveTotal, 2),
        cumulativeShare: positiveTotal > 0 ? round(cumulative / positiveTotal, 4) : 0,
        keyShareOfValue,
        keyMaxShareOfCustomers,
        keyMaxCustomers,
        phaseOutMaxClp,
      },
    });
  });
  return changes;
}
