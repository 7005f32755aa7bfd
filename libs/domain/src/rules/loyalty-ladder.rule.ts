import type { DomainRules } from '../config/domain-rules';
import { LOYALTY_LADDER, type LoyaltyLevel, type RegisteredCustomer } from '../customer/customer.state';
import { round } from '../shared/numbers';
import { purchaseCount, tenureDays } from './relationship-facts';

export interface LevelChange {
  from: LoyaltyLevel;
  to: LoyaltyLevel;
  rule: string;
  figures: Record<string, number>;
  thresholds: Record<string, number>;
}

/**
 * The loyalty ladder (brief §4): each rung needs its own driver on top of every rung below, so
 * satisfaction alone never lifts a customer above `satisfaction` (satisfied customers still leave).
 *   satisfaction: satisfaction ≥ satisfactionMin
 *   trust:        trust ≥ trustMin
 *   behavioural:  purchases ≥ behaviouralMinPurchases and perceived value ≥ behaviouralMinPerceivedValue
 *   emotional:    referrals ≥ emotionalMinReferrals
 *   sustainable:  tenure ≥ sustainableMinTenureDays and switching cost ≥ sustainableMinSwitchingCost
 * A lost relationship has no loyalty left.
 */
export function supportedLoyaltyLevel(
  customer: RegisteredCustomer,
  at: string,
  rules: DomainRules['loyalty'],
): { level: LoyaltyLevel; figures: Record<string, number>; thresholds: Record<string, number> } {
  const { drivers } = customer.loyalty;
  const purchases = purchaseCount(customer);
  const tenure = tenureDays(customer, at);
  const rungHolds: Record<Exclude<LoyaltyLevel, 'none'>, boolean> = {
    satisfaction: drivers.satisfaction >= rules.satisfactionMin,
    trust: drivers.trust >= rules.trustMin,
    behavioural: purchases >= rules.behaviouralMinPurchases && drivers.perceivedValue >= rules.behaviouralMinPerceivedValue,
    emotional: customer.referrals >= rules.emotionalMinReferrals,
    sustainable: tenure >= rules.sustainableMinTenureDays && drivers.switchingCost >= rules.sustainableMinSwitchingCost,
  };
  let level: LoyaltyLevel = 'none';
  if (customer.status !== 'lost') {
    for (const rung of LOYALTY_LADDER.slice(1) as Array<Exclude<LoyaltyLevel, 'none'>>) {
      if (!rungHolds[rung]) break;
      level = rung;
    }
  }
  return {
    level,
    figures: { ...drivers, purchaseCount: purchases, referrals: customer.referrals, tenureDays: round(tenure, 1), lost: customer.status === 'lost' ? 1 : 0 },
    thresholds: { ...rules },
  };
}

/**
 * The moves from the current level to the supported one. Climbing is earned rung by rung, one
 * event per rung, so the history shows every rung passed; a fall is one event straight to the
 * highest rung still supported, because a broken condition drops every rung above it at once.
 */
export function ladderMoves(customer: RegisteredCustomer, at: string, rules: DomainRules['loyalty']): LevelChange[] {
  const current = customer.loyalty.level;
  const { level: target, figures, thresholds } = supportedLoyaltyLevel(customer, at, rules);
  const from = LOYALTY_LADDER.indexOf(current);
  const to = LOYALTY_LADDER.indexOf(target);
  if (to < from) {
    const rule = customer.status === 'lost' ? 'loyalty.relationship-lost' : `loyalty.fall-to-${target}`;
    return [{ from: current, to: target, rule, figures, thresholds }];
  }
  return LOYALTY_LADDER.slice(from + 1, to + 1).map((rung, index) => ({
    from: LOYALTY_LADDER[from + index],
    to: rung,
    rule: `loyalty.climb-to-${rung}`,
    figures,
    thresholds,
  }));
}
