import type { ComplaintSeverity, ValueTier } from '../customer/customer.commands';

/**
 * Every threshold, weight and rate the domain's rules use, in one object. The theory gives the
 * shape of each rule; the numbers are ours, so they are explicit, overridable at start-up and
 * recorded in every derived event they produce. docs/domain.md explains each one.
 */
export interface DomainRules {
  time: {
    /** A business time may run ahead of the command's clock by this much (clock skew between systems). */
    futureToleranceMinutes: number;
  };
  drivers: {
    /** Survey scores are 0..surveyScaleMax; drivers are 0-100. */
    surveyScaleMax: number;
    /** Satisfaction with no survey yet: neutral. */
    neutralSatisfaction: number;
    /** Weight of the newest survey in the running satisfaction average (0-1]. */
    surveyRecencyWeight: number;
    satisfiedResolutionBonus: number;
    satisfiedResolutionBonusCap: number;
    unsatisfiedResolutionPenalty: number;
    unsatisfiedResolutionPenaltyCap: number;
    /** Satisfaction lost while a complaint of each severity is open. */
    openComplaintPenalty: Record<ComplaintSeverity, number>;
    /** Trust reaches its full share (the satisfaction score) after this many purchases and this tenure. */
    trustFullAfterPurchases: number;
    trustFullAfterDays: number;
    /** Trust lost per SLA breach (escalation) and per unsatisfied resolution, up to the cap. */
    trustBreachPenalty: number;
    trustBreachPenaltyCap: number;
    /** Perceived value: weights of delivery reliability, quality record and spend received. */
    perceivedValueWeights: { deliveryReliability: number; qualityRecord: number; spend: number };
    /** Revenue at which the spend component of perceived value is full. */
    perceivedValueFullSpend: number;
    /** Share of the quality record lost per poor-quality / poor-choice complaint. */
    qualityComplaintImpact: number;
    /** Switching cost: weights of tenure, purchase frequency, category breadth and credit relationship. */
    switchingCostWeights: { tenure: number; frequency: number; breadth: number; credit: number };
    switchingCostFullTenureDays: number;
    switchingCostFullPurchasesPerYear: number;
    switchingCostFullCategories: number;
  };
  lifecycle: {
    formationMinPurchases: number;
    formationMinSatisfaction: number;
    formationMinTrust: number;
    stabilityMinPurchases: number;
    stabilityMinTenureDays: number;
    stabilityMinTrust: number;
    /** A relationship without a purchase for this long is declining (evaluated by the review). */
    declineAfterInactiveDays: number;
    /** A declining relationship without a purchase for this long is lost (evaluated by the review). */
    churnAfterInactiveDays: number;
    /** Satisfaction under this floor starts a decline; repair needs it back at or above. */
    declineSatisfactionFloor: number;
  };
  loyalty: {
    satisfactionMin: number;
    trustMin: number;
    behaviouralMinPurchases: number;
    behaviouralMinPerceivedValue: number;
    emotionalMinReferrals: number;
    sustainableMinTenureDays: number;
    sustainableMinSwitchingCost: number;
  };
  value: {
    /** Yearly rate used to compound past profit to today and discount future profit. */
    annualDiscountRate: number;
    /** Years of future profit counted in the current value. */
    horizonYears: number;
    /** The buying pattern is the profit of this recent window, annualised. */
    patternWindowDays: number;
    /** A short history is annualised over at least this many days, so one purchase yesterday is not a yearly rate of 365. */
    minObservationDays: number;
    /** Share of future profit expected from a declining relationship; a lost one expects none. */
    declineRetention: number;
    /** Extra future profit a fully realised cross-sell / up-sell potential would add, as a share of the current value. */
    crossSellUplift: number;
    upSellUplift: number;
    /** Breadth of the catalogue in categories, against which cross-sell potential is measured. */
    catalogueCategories: number;
    /** Purchases needed before cross-sell potential counts fully. */
    crossSellMinPurchases: number;
    /** Orders in the "recent" side of the order-value trend. */
    upSellRecentOrders: number;
    /** Credit risk: weight of the overdue share of the limit vs. the share of overdue incidents among payments. */
    creditRiskOverdueWeight: number;
  };
  tiers: {
    keyShareOfValue: number;
    keyMaxShareOfCustomers: number;
    phaseOutMaxClp: number;
  };
  complaints: {
    slaHours: Record<ComplaintSeverity, number>;
    severityWeight: Record<ComplaintSeverity, number>;
    /** `unassigned` is the weight of a customer not yet ranked. */
    tierWeight: Record<ValueTier | 'unassigned', number>;
  };
}

export const defaultDomainRules: DomainRules = {
  time: { futureToleranceMinutes: 5 },
  drivers: {
    surveyScaleMax: 10,
    neutralSatisfaction: 50,
    surveyRecencyWeight: 0.5,
    satisfiedResolutionBonus: 5,
    satisfiedResolutionBonusCap: 15,
    unsatisfiedResolutionPenalty: 10,
    unsatisfiedResolutionPenaltyCap: 30,
    openComplaintPenalty: { low: 2, medium: 5, high: 10, critical: 20 },
    trustFullAfterPurchases: 6,
    trustFullAfterDays: 365,
    trustBreachPenalty: 15,
    trustBreachPenaltyCap: 50,
    perceivedValueWeights: { deliveryReliability: 0.4, qualityRecord: 0.3, spend: 0.3 },
    perceivedValueFullSpend: 5000,
    qualityComplaintImpact: 0.25,
    switchingCostWeights: { tenure: 0.35, frequency: 0.25, breadth: 0.2, credit: 0.2 },
    switchingCostFullTenureDays: 730,
    switchingCostFullPurchasesPerYear: 12,
    switchingCostFullCategories: 4,
  },
  lifecycle: {
    formationMinPurchases: 2,
    formationMinSatisfaction: 50,
    formationMinTrust: 20,
    stabilityMinPurchases: 5,
    stabilityMinTenureDays: 180,
    stabilityMinTrust: 55,
    declineAfterInactiveDays: 120,
    churnAfterInactiveDays: 365,
    declineSatisfactionFloor: 40,
  },
  loyalty: {
    satisfactionMin: 70,
    trustMin: 60,
    behaviouralMinPurchases: 3,
    behaviouralMinPerceivedValue: 50,
    emotionalMinReferrals: 1,
    sustainableMinTenureDays: 365,
    sustainableMinSwitchingCost: 60,
  },
  value: {
    annualDiscountRate: 0.1,
    horizonYears: 3,
    patternWindowDays: 365,
    minObservationDays: 90,
    declineRetention: 0.5,
    crossSellUplift: 0.5,
    upSellUplift: 0.25,
    catalogueCategories: 8,
    crossSellMinPurchases: 3,
    upSellRecentOrders: 3,
    creditRiskOverdueWeight: 0.8,
  },
  tiers: { keyShareOfValue: 0.8, keyMaxShareOfCustomers: 0.2, phaseOutMaxClp: 0 },
  complaints: {
    slaHours: { critical: 4, high: 24, medium: 72, low: 168 },
    severityWeight: { low: 1, medium: 2, high: 3, critical: 5 },
    tierWeight: { key: 3, general: 2, unassigned: 2, 'phase-out': 1 },
  },
};

/** Fields that are shares or weights (0-1]; every other number only has to be finite and >= 0. */
const UNIT_INTERVAL_FIELDS = new Set([
  'drivers.surveyRecencyWeight',
  'drivers.qualityComplaintImpact',
  'value.declineRetention',
  'value.creditRiskOverdueWeight',
  'tiers.keyShareOfValue',
  'tiers.keyMaxShareOfCustomers',
]);
/** Fields that must be whole numbers >= 1. */
const COUNT_FIELDS = new Set([
  'drivers.surveyScaleMax',
  'value.horizonYears',
  'value.catalogueCategories',
  'value.upSellRecentOrders',
  'value.crossSellMinPurchases',
  'drivers.trustFullAfterPurchases',
]);
/** Fields that may be negative (a phase-out threshold below zero profit). */
const SIGNED_FIELDS = new Set(['tiers.phaseOutMaxClp']);

export class InvalidDomainRulesError extends Error {
  constructor(readonly field: string, reason: string) {
    super(`Invalid domain rules: ${field} ${reason}`);
    this.name = 'InvalidDomainRulesError';
  }
}

/**
 * Validates overrides (e.g. parsed from the DOMAIN_RULES env var) and merges them over the
 * defaults. Any field may be omitted; an unknown field is an error, so a typo cannot silently
 * leave a default in force.
 */
export function validateDomainRules(input: unknown): DomainRules {
  const merged = mergeSection(defaultDomainRules as unknown as Section, input, '');
  const rules = merged as unknown as DomainRules;
  if (rules.lifecycle.churnAfterInactiveDays < rules.lifecycle.declineAfterInactiveDays) {
    throw new InvalidDomainRulesError('lifecycle.churnAfterInactiveDays', 'must be >= lifecycle.declineAfterInactiveDays');
  }
  return rules;
}

interface Section {
  [key: string]: number | Section;
}

function mergeSection(defaults: Section, input: unknown, path: string): Section {
  if (input === undefined) return defaults;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new InvalidDomainRulesError(path || '(root)', 'must be an object');
  }
  const given = input as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (!(key in defaults)) throw new InvalidDomainRulesError(join(path, key), 'is not a known rule');
  }
  const result: Section = {};
  for (const [key, fallback] of Object.entries(defaults)) {
    const field = join(path, key);
    result[key] = typeof fallback === 'number' ? checkNumber(field, given[key] ?? fallback) : mergeSection(fallback, given[key], field);
  }
  return result;
}

function checkNumber(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new InvalidDomainRulesError(field, 'must be a finite number');
  if (UNIT_INTERVAL_FIELDS.has(field) && (value <= 0 || value > 1)) throw new InvalidDomainRulesError(field, 'must be in (0, 1]');
  if (COUNT_FIELDS.has(field) && (!Number.isInteger(value) || value < 1)) throw new InvalidDomainRulesError(field, 'must be an integer >= 1');
  if (!SIGNED_FIELDS.has(field) && value < 0) throw new InvalidDomainRulesError(field, 'must be >= 0');
  return value;
}

const join = (path: string, key: string): string => (path ? `${path}.${key}` : key);
