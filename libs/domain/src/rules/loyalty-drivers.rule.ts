import type { DomainRules } from '../config/domain-rules';
import type { LoyaltyDrivers, RegisteredCustomer, SurveyRecord } from '../customer/customer.state';
import { historyItems, historyLength, type History } from '../shared/history';
import { clamp, clamp01, round } from '../shared/numbers';
import { inTimeOrder } from '../shared/time';
import { openComplaints, purchaseCount, tenureDays } from './relationship-facts';

export const DRIVERS_RULE = 'loyalty.drivers-scored';

export interface ScoredDrivers {
  drivers: LoyaltyDrivers;
  figures: Record<string, number>;
}

/**
 * The four loyalty drivers (brief §4), each 0-100:
 * - satisfaction: recency-weighted survey average, plus/minus complaint resolutions, minus open complaints;
 * - trust: accumulated satisfaction, i.e. satisfaction × maturity (purchases and tenure), minus breaches;
 * - perceived value: value received (delivery reliability, quality record, spend), nil before a purchase;
 * - switching cost: tenure, purchase frequency, category breadth and a credit relationship.
 */
export function scoreDrivers(customer: RegisteredCustomer, at: string, rules: DomainRules['drivers']): ScoredDrivers {
  const purchases = purchaseCount(customer);
  const tenure = tenureDays(customer, at);
  const { service, logistics, credit } = customer;

  const surveyAverage = recencyWeightedAverage(service.surveys, rules.surveyRecencyWeight);
  const surveyScore = surveyAverage === null ? rules.neutralSatisfaction : (surveyAverage / rules.surveyScaleMax) * 100;
  const resolutionBonus = Math.min(rules.satisfiedResolutionBonusCap, service.satisfiedResolutions * rules.satisfiedResolutionBonus);
  const resolutionPenalty = Math.min(rules.unsatisfiedResolutionPenaltyCap, service.unsatisfiedResolutions * rules.unsatisfiedResolutionPenalty);
  const openPenalty = openComplaints(customer).reduce((total, complaint) => total + rules.openComplaintPenalty[complaint.severity], 0);
  const satisfaction = clamp(surveyScore + resolutionBonus - resolutionPenalty - openPenalty, 0, 100);

  const maturity = 0.5 * Math.min(1, purchases / rules.trustFullAfterPurchases) + 0.5 * Math.min(1, tenure / rules.trustFullAfterDays);
  const breaches = service.escalations + service.unsatisfiedResolutions;
  const breachPenalty = Math.min(rules.trustBreachPenaltyCap, breaches * rules.trustBreachPenalty);
  const trust = clamp(satisfaction * maturity - breachPenalty, 0, 100);

  const deliveryReliability = logistics.deliveries === 0 ? 1 : 1 - logistics.delayed / logistics.deliveries;
  const qualityComplaints = historyItems(service.complaints).filter(
    (complaint) => complaint.category === 'poor-quality' || complaint.category === 'poor-choice',
  ).length;
  const qualityRecord = clamp01(1 - qualityComplaints * rules.qualityComplaintImpact);
  const revenue = historyItems(customer.sales.orders).reduce((total, order) => total + order.revenue, 0);
  const spend = clamp01(revenue / rules.perceivedValueFullSpend);
  const pv = rules.perceivedValueWeights;
  const perceivedValue =
    purchases === 0 ? 0 : (100 * (pv.deliveryReliability * deliveryReliability + pv.qualityRecord * qualityRecord + pv.spend * spend)) / weightSum(pv);

  const sc = rules.switchingCostWeights;
  const purchasesPerYear = purchases / Math.max(1, tenure / 365);
  const switchingCost =
    (100 *
      (sc.tenure * clamp01(tenure / rules.switchingCostFullTenureDays) +
        sc.frequency * clamp01(purchasesPerYear / rules.switchingCostFullPurchasesPerYear) +
        sc.breadth * clamp01(customer.sales.categories.length / rules.switchingCostFullCategories) +
        sc.credit * (credit.limit > 0 ? 1 : 0))) /
    weightSum(sc);

  return {
    drivers: {
      perceivedValue: round(perceivedValue, 1),
      satisfaction: round(satisfaction, 1),
      trust: round(trust, 1),
      switchingCost: round(switchingCost, 1),
    },
    figures: {
      surveys: historyLength(service.surveys),
      surveyScore: round(surveyScore, 1),
      satisfiedResolutions: service.satisfiedResolutions,
      unsatisfiedResolutions: service.unsatisfiedResolutions,
      openComplaintPenalty: openPenalty,
      purchaseCount: purchases,
      tenureDays: round(tenure, 1),
      trustMaturity: round(maturity, 3),
      breaches,
      deliveryReliability: round(deliveryReliability, 3),
      qualityComplaints,
      revenue: round(revenue, 2),
      purchasesPerYear: round(purchasesPerYear, 2),
      categories: customer.sales.categories.length,
      creditLimit: credit.limit,
    },
  };
}

/** Surveys in business-time order, each newer one weighing `weight` against the running average. */
function recencyWeightedAverage(surveys: History<SurveyRecord>, weight: number): number | null {
  const ordered = inTimeOrder(historyItems(surveys));
  if (ordered.length === 0) return null;
  return ordered.slice(1).reduce((average, survey) => average + weight * (survey.score - average), ordered[0].score);
}

const weightSum = (weights: Record<string, number>): number => Object.values(weights).reduce((total, w) => total + w, 0) || 1;

export const driversEqual = (a: LoyaltyDrivers, b: LoyaltyDrivers): boolean =>
  a.perceivedValue === b.perceivedValue && a.satisfaction === b.satisfaction && a.trust === b.trust && a.switchingCost === b.switchingCost;

/** The weights and caps the drivers used, recorded with every scoring. */
export function driverThresholds(rules: DomainRules['drivers']): Record<string, number> {
  return {
    surveyScaleMax: rules.surveyScaleMax,
    neutralSatisfaction: rules.neutralSatisfaction,
    surveyRecencyWeight: rules.surveyRecencyWeight,
    trustFullAfterPurchases: rules.trustFullAfterPurchases,
    trustFullAfterDays: rules.trustFullAfterDays,
    trustBreachPenalty: rules.trustBreachPenalty,
    perceivedValueFullSpend: rules.perceivedValueFullSpend,
    switchingCostFullTenureDays: rules.switchingCostFullTenureDays,
    switchingCostFullPurchasesPerYear: rules.switchingCostFullPurchasesPerYear,
    switchingCostFullCategories: rules.switchingCostFullCategories,
  };
}
