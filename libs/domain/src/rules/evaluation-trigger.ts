/**
 * What prompted a rule evaluation. Most rules only look at the state; a few depend on the cause
 * (only a purchase makes a customer active, only a review looks at inactivity).
 */
export type EvaluationTrigger =
  | { kind: 'registration' }
  | { kind: 'selected-as-target' }
  | { kind: 'purchase' }
  | { kind: 'complaint-resolved'; satisfied: boolean }
  | { kind: 'churn' }
  | { kind: 'recovery-outcome'; succeeded: boolean }
  | { kind: 'credit' }
  | { kind: 'review' }
  | { kind: 'touchpoint' };
