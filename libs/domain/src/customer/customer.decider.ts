import type { DomainRules } from '../config/domain-rules';
import type { CustomerCommand } from './customer.commands';
import { decide } from './customer.decide';
import type { CustomerEvent } from './customer.events';
import { evolve } from './customer.evolve';
import { initialCustomerState, type CustomerState } from './customer.state';

export interface CustomerDecider {
  decide(command: CustomerCommand, state: CustomerState): CustomerEvent[];
  evolve(state: CustomerState, event: CustomerEvent): CustomerState;
  initialState: CustomerState;
}

/** The customer relationship decider, bound to one set of rules. */
export function createCustomerDecider(rules: DomainRules): CustomerDecider {
  return {
    decide: (command, state) => decide(command, state, rules),
    evolve,
    initialState: initialCustomerState,
  };
}
