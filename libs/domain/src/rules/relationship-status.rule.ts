import type { DomainRules } from '../config/domain-rules';
import type { RegisteredCustomer, RelationshipStatus } from '../customer/customer.state';
import { round } from '../shared/numbers';
import type { EvaluationTrigger } from './evaluation-trigger';
import { daysSinceLastPurchase, purchaseCount } from './relationship-facts';

export interface StatusChange {
  from: RelationshipStatus;
  to: RelationshipStatus;
  rule: string;
  figures: Record<string, number>;
  thresholds: Record<string, number>;
}

export const STATUS_RULES = {
  selectedAsTarget: 'status.selected-as-target',
  firstPurchase: 'status.first-purchase',
  purchaseAfterRecovery: 'status.purchase-after-recovery',
  churnRecorded: 'status.churn-recorded',
  lostByInactivity: 'status.lost-by-inactivity',
  recoverySucceeded: 'status.recovery-succeeded',
} as const;

/**
 * The relationship status (brief §2): potential → target → active → lost → recovered → active.
 * A first purchase makes a potential or a target customer active (selection is a sales decision,
 * not a precondition of buying). `recovered` lasts until the next purchase. The review marks a
 * declining active relationship lost once it has gone `churnAfterInactiveDays` without a purchase;
 * it runs after the lifecycle rule, so the decline and the loss can land in the same review.
 */
export function evaluateStatus(
  customer: RegisteredCustomer,
  trigger: EvaluationTrigger,
  at: string,
  rules: DomainRules['lifecycle'],
): StatusChange | null {
  const { status } = customer;
  const change = (to: RelationshipStatus, rule: string, figures: Record<string, number> = {}, thresholds: Record<string, number> = {}) => ({
    from: status,
    to,
    rule,
    figures,
    thresholds,
  });
  switch (trigger.kind) {
    case 'selected-as-target':
      return status === 'potential' ? change('target', STATUS_RULES.selectedAsTarget) : null;
    case 'purchase':
      if (status === 'potential' || status === 'target') return change('active', STATUS_RULES.firstPurchase, { purchaseCount: purchaseCount(customer) });
      if (status === 'recovered') return change('active', STATUS_RULES.purchaseAfterRecovery, { purchaseCount: purchaseCount(customer) });
      return null;
    case 'churn':
      return status === 'lost' ? null : change('lost', STATUS_RULES.churnRecorded);
    case 'recovery-outcome':
      return trigger.succeeded && status === 'lost' ? change('recovered', STATUS_RULES.recoverySucceeded) : null;
    case 'review': {
      if (status !== 'active' || customer.lifecycle.stage !== 'decline') return null;
      const inactiveDays = daysSinceLastPurchase(customer, at);
      if (inactiveDays === null || inactiveDays < rules.churnAfterInactiveDays) return null;
      return change('lost', STATUS_RULES.lostByInactivity, { inactiveDays: round(inactiveDays, 1) }, {
        churnAfterInactiveDays: rules.churnAfterInactiveDays,
      });
    }
    default:
      return null;
  }
}
