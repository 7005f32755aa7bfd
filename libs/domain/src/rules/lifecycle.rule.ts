import type { DomainRules } from '../config/domain-rules';
import type { LifecycleStage, RegisteredCustomer } from '../customer/customer.state';
import { round } from '../shared/numbers';
import type { EvaluationTrigger } from './evaluation-trigger';
import { daysSinceLastPurchase, openCriticalComplaints, purchaseCount, tenureDays } from './relationship-facts';

export interface StageChange {
  from: LifecycleStage | null;
  to: LifecycleStage;
  rule: string;
  figures: Record<string, number>;
  thresholds: Record<string, number>;
}

export const LIFECYCLE_RULES = {
  firstPurchase: 'lifecycle.first-purchase',
  explorationToFormation: 'lifecycle.exploration-to-formation',
  formationToStability: 'lifecycle.formation-to-stability',
  declineByDrivers: 'lifecycle.decline-by-drivers',
  declineByInactivity: 'lifecycle.decline-by-inactivity',
  declineByChurn: 'lifecycle.decline-by-churn',
  declineRepaired: 'lifecycle.decline-repaired',
  restartedAfterRecovery: 'lifecycle.restarted-after-recovery',
} as const;

/**
 * One evaluation of the lifecycle (brief §3): at most one step, so stages are never skipped and a
 * burst of purchases advances one stage per touchpoint. Runs before the status rule, on the
 * status the relationship had when the touchpoint arrived.
 * - null → exploration on the first purchase;
 * - exploration → formation, formation → stability on purchases, satisfaction/trust and tenure;
 * - any growing stage → decline on dropping drivers (an open critical complaint, satisfaction under
 *   the floor), on inactivity (review only) or on churn;
 * - decline → the stage it came from once the drivers are sound again and the customer buys (or a
 *   recovery succeeds, or a satisfied resolution clears a complaint-driven decline);
 * - a recovered customer's next purchase restarts at exploration: the old relationship ended.
 */
export function evaluateLifecycle(
  customer: RegisteredCustomer,
  trigger: EvaluationTrigger,
  at: string,
  rules: DomainRules['lifecycle'],
): StageChange | null {
  const { stage, stageBeforeDecline, declineRule } = customer.lifecycle;
  const satisfaction = customer.loyalty.drivers.satisfaction;
  const trust = customer.loyalty.drivers.trust;
  const purchases = purchaseCount(customer);
  const change = (to: LifecycleStage, rule: string, figures: Record<string, number>, thresholds: Record<string, number> = {}): StageChange => ({
    from: stage,
    to,
    rule,
    figures,
    thresholds,
  });

  if (trigger.kind === 'churn') {
    return stage === 'decline' ? null : change('decline', LIFECYCLE_RULES.declineByChurn, { purchaseCount: purchases });
  }
  if (customer.status === 'lost') return null;
  if (customer.status === 'recovered') {
    return trigger.kind === 'purchase' ? change('exploration', LIFECYCLE_RULES.restartedAfterRecovery, { purchaseCount: purchases }) : null;
  }
  if (stage === null) {
    return trigger.kind === 'purchase' ? change('exploration', LIFECYCLE_RULES.firstPurchase, { purchaseCount: purchases }) : null;
  }

  const criticalOpen = openCriticalComplaints(customer);
  const driversFigures = { openCriticalComplaints: criticalOpen, satisfaction };
  const driversThresholds = { declineSatisfactionFloor: rules.declineSatisfactionFloor };
  const driversDropped = criticalOpen > 0 || satisfaction < rules.declineSatisfactionFloor;

  if (stage === 'decline') {
    const repairs =
      trigger.kind === 'purchase' ||
      (trigger.kind === 'recovery-outcome' && trigger.succeeded) ||
      (trigger.kind === 'complaint-resolved' && trigger.satisfied && declineRule === LIFECYCLE_RULES.declineByDrivers);
    if (!repairs || driversDropped) return null;
    return change(stageBeforeDecline ?? 'exploration', LIFECYCLE_RULES.declineRepaired, driversFigures, driversThresholds);
  }

  if (trigger.kind === 'review') {
    const inactiveDays = daysSinceLastPurchase(customer, at);
    if (inactiveDays === null || inactiveDays < rules.declineAfterInactiveDays) return null;
    return change('decline', LIFECYCLE_RULES.declineByInactivity, { inactiveDays: round(inactiveDays, 1) }, {
      declineAfterInactiveDays: rules.declineAfterInactiveDays,
    });
  }
  if (driversDropped) return change('decline', LIFECYCLE_RULES.declineByDrivers, driversFigures, driversThresholds);

  const tenure = tenureDays(customer, at);
  if (
    stage === 'exploration' &&
    purchases >= rules.formationMinPurchases &&
    satisfaction >= rules.formationMinSatisfaction &&
    trust >= rules.formationMinTrust
  ) {
    return change('formation', LIFECYCLE_RULES.explorationToFormation, { purchaseCount: purchases, satisfaction, trust }, {
      formationMinPurchases: rules.formationMinPurchases,
      formationMinSatisfaction: rules.formationMinSatisfaction,
      formationMinTrust: rules.formationMinTrust,
    });
  }
  if (
    stage === 'formation' &&
    purchases >= rules.stabilityMinPurchases &&
    tenure >= rules.stabilityMinTenureDays &&
    trust >= rules.stabilityMinTrust
  ) {
    return change('stability', LIFECYCLE_RULES.formationToStability, { purchaseCount: purchases, tenureDays: round(tenure, 1), trust }, {
      stabilityMinPurchases: rules.stabilityMinPurchases,
      stabilityMinTenureDays: rules.stabilityMinTenureDays,
      stabilityMinTrust: rules.stabilityMinTrust,
    });
  }
  return null;
}
