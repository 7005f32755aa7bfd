import type { DomainRules } from '../config/domain-rules';
import { assessValue, valuesEqual, VALUE_RULE } from '../rules/customer-value.rule';
import type { EvaluationTrigger } from '../rules/evaluation-trigger';
import { evaluateLifecycle } from '../rules/lifecycle.rule';
import { DRIVERS_RULE, driverThresholds, driversEqual, scoreDrivers } from '../rules/loyalty-drivers.rule';
import { ladderMoves } from '../rules/loyalty-ladder.rule';
import { evaluateStatus } from '../rules/relationship-status.rule';
import { latest } from '../shared/time';
import type { CustomerEvent } from './customer.events';
import { evolve } from './customer.evolve';
import type { RegisteredCustomer } from './customer.state';

/** Triggers after which the value is reassessed (its inputs changed, or time moved on); a status or stage change does too. */
const VALUE_TRIGGERS = new Set<EvaluationTrigger['kind']>(['purchase', 'credit', 'review']);

/**
 * Runs the rules on the state after a touchpoint (or at a review) and returns the derived events,
 * each folded before the next rule runs: drivers → lifecycle stage → status → loyalty ladder →
 * value. The events carry `occurredAt` = the command's business time; the rules evaluate at the
 * latest business time the stream has seen, so an import of an old fact never rewinds tenure.
 */
export function deriveConsequences(
  customer: RegisteredCustomer,
  trigger: EvaluationTrigger,
  occurredAt: string,
  rules: DomainRules,
): CustomerEvent[] {
  const at = latest(occurredAt, customer.latestOccurredAt);
  const base = { customerId: customer.customerId, occurredAt };
  const events: CustomerEvent[] = [];
  let current = customer;
  const emit = (event: CustomerEvent): void => {
    events.push(event);
    current = evolve(current, event) as RegisteredCustomer;
  };

  const scored = scoreDrivers(current, at, rules.drivers);
  if (!driversEqual(scored.drivers, current.loyalty.drivers)) {
    emit({
      type: 'LoyaltyDriversScored',
      data: { ...base, drivers: scored.drivers, rule: DRIVERS_RULE, figures: scored.figures, thresholds: driverThresholds(rules.drivers) },
    });
  }

  const stage = evaluateLifecycle(current, trigger, at, rules.lifecycle);
  if (stage) emit({ type: 'LifecycleStageChanged', data: { ...base, ...stage } });

  const status = evaluateStatus(current, trigger, at, rules.lifecycle);
  if (status) emit({ type: 'RelationshipStatusChanged', data: { ...base, ...status } });

  for (const move of ladderMoves(current, at, rules.loyalty)) emit({ type: 'LoyaltyLevelChanged', data: { ...base, ...move } });

  if (VALUE_TRIGGERS.has(trigger.kind) || stage || status) {
    const assessed = assessValue(current, at, rules.value);
    if (!valuesEqual(assessed.value, current.value)) {
      emit({
        type: 'CustomerValueAssessed',
        data: {
          ...base,
          ...assessed.value,
          discountRate: rules.value.annualDiscountRate,
          rule: VALUE_RULE,
          figures: assessed.figures,
          thresholds: assessed.thresholds,
        },
      });
    }
  }
  return events;
}
