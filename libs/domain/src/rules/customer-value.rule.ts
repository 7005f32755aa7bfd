import type { DomainRules } from '../config/domain-rules';
import type { CustomerValue } from '../customer/customer.events';
import type { RegisteredCustomer } from '../customer/customer.state';
import { historyItems } from '../shared/history';
import { clamp01, money, round, sum } from '../shared/numbers';
import { daysFrom, inTimeOrder } from '../shared/time';

export const VALUE_RULE = 'value.customer-lifetime-profit';

export interface ValueAssessment {
  value: CustomerValue;
  figures: Record<string, number>;
  thresholds: Record<string, number>;
}

/**
 * Customer lifetime profit (brief §5) and the derived scores (factual vs derived data, seed 000):
 *   historical = Σ profitᵢ × (1 + r)^(yearsᵢ since the purchase)              (compounded to `at`)
 *   annual     = profit of the last `patternWindowDays` × 365 / observed days  (the buying pattern)
 *   current    = annual × Σ_{y=1..H} (1 + r)^-y × retention                   (retention: 1, decline 0.5, lost 0)
 *   potential  = max(0, current) × (crossSell × crossSellUplift + upSell × upSellUplift)
 *   total      = historical + current + potential
 *   crossSell  = (1 − categories bought / catalogue categories) × min(1, purchases / crossSellMinPurchases)
 *   upSell     = clamp01(0.5 + trend / 2), trend = mean of the last k orders / mean of the earlier ones − 1
 *   creditRisk = w × min(1, overdue / limit) + (1 − w) × overdue incidents / (incidents + payments)
 */
export function assessValue(customer: RegisteredCustomer, at: string, rules: DomainRules['value']): ValueAssessment {
  const rate = rules.annualDiscountRate;
  const atTime = Date.parse(at);
  const orders = inTimeOrder(historyItems(customer.sales.orders));
  const ageDays = orders.map((order) => daysFrom(order.time, atTime));
  const historical = sum(orders.map((order, i) => order.profit * (1 + rate) ** (Math.max(0, ageDays[i]) / 365)));

  const sinceFirst = orders.length === 0 ? 0 : Math.max(0, ageDays[0]);
  const observedDays = Math.min(rules.patternWindowDays, Math.max(rules.minObservationDays, sinceFirst));
  const profitInWindow = sum(orders.filter((_, i) => ageDays[i] <= rules.patternWindowDays).map((order) => order.profit));
  const annualProfit = (profitInWindow * 365) / observedDays;
  const annuity = sum(Array.from({ length: rules.horizonYears }, (_, year) => (1 + rate) ** -(year + 1)));
  const retention = customer.status === 'lost' ? 0 : customer.lifecycle.stage === 'decline' ? rules.declineRetention : 1;
  const current = annualProfit * annuity * retention;

  const categories = customer.sales.categories.length;
  const crossSell =
    clamp01(1 - categories / rules.catalogueCategories) * Math.min(1, orders.length / rules.crossSellMinPurchases);
  const recentCount = Math.min(rules.upSellRecentOrders, Math.ceil(orders.length / 2));
  const recent = orders.slice(orders.length - recentCount);
  const earlier = orders.slice(0, orders.length - recentCount);
  const trend = orderValueTrend(mean(recent.map((order) => order.revenue)), mean(earlier.map((order) => order.revenue)));
  const upSell = earlier.length === 0 ? 0 : clamp01(0.5 + trend / 2);
  const potential = Math.max(0, current) * (crossSell * rules.crossSellUplift + upSell * rules.upSellUplift);

  const { limit, overdueAmount, overdueIncidents, payments } = customer.credit;
  const overdueShare = limit > 0 ? clamp01(overdueAmount / limit) : overdueAmount > 0 ? 1 : 0;
  const incidentShare = overdueIncidents + payments === 0 ? 0 : overdueIncidents / (overdueIncidents + payments);
  const creditRisk = rules.creditRiskOverdueWeight * overdueShare + (1 - rules.creditRiskOverdueWeight) * incidentShare;

  return {
    value: {
      historical: money(historical),
      current: money(current),
      potential: money(potential),
      total: money(historical + current + potential),
      crossSell: round(crossSell, 3),
      upSell: round(upSell, 3),
      creditRisk: round(creditRisk, 3),
    },
    figures: {
      purchaseCount: orders.length,
      profitTotal: money(sum(orders.map((order) => order.profit))),
      profitInWindow: money(profitInWindow),
      observedDays: round(observedDays, 1),
      annualProfit: money(annualProfit),
      annuityFactor: round(annuity, 4),
      retention,
      categoriesBought: categories,
      orderValueTrend: round(trend, 3),
      overdueAmount: money(overdueAmount),
      creditLimit: limit,
    },
    thresholds: { ...rules },
  };
}

const mean = (values: number[]): number => (values.length === 0 ? 0 : sum(values) / values.length);

function orderValueTrend(recentMean: number, earlierMean: number): number {
  if (earlierMean > 0) return recentMean / earlierMean - 1;
  return recentMean > 0 ? 1 : 0;
}

export const valuesEqual = (a: CustomerValue, b: CustomerValue): boolean =>
  a.historical === b.historical &&
  a.current === b.current &&
  a.potential === b.potential &&
  a.total === b.total &&
  a.crossSell === b.crossSell &&
  a.upSell === b.upSell &&
  a.creditRisk === b.creditRisk;
