import type { RegisteredCustomer } from '../customer/customer.state';
import { historyLength } from '../shared/history';
import { daysBetween, earliest } from '../shared/time';

/** Figures several rules share, read off the folded state at an evaluation time. */
export const purchaseCount = (customer: RegisteredCustomer): number => historyLength(customer.sales.orders);

/**
 * The relationship's tenure: the span over which the customer has kept buying, from the first
 * purchase to the last one (or `at`, if earlier); 0 before a purchase. Silence, or our own
 * attempts to reach a customer, do not build trust or switching cost.
 */
export const tenureDays = (customer: RegisteredCustomer, at: string): number => {
  const { firstPurchaseAt, lastPurchaseAt } = customer.sales;
  return firstPurchaseAt === null || lastPurchaseAt === null ? 0 : Math.max(0, daysBetween(firstPurchaseAt, earliest(at, lastPurchaseAt)));
};

/** Days since the last purchase: the relationship's exchange is what inactivity is measured on. */
export const daysSinceLastPurchase = (customer: RegisteredCustomer, at: string): number | null =>
  customer.sales.lastPurchaseAt === null ? null : Math.max(0, daysBetween(customer.sales.lastPurchaseAt, at));

export const openComplaints = (customer: RegisteredCustomer) => Object.values(customer.service.openComplaints);

export const openCriticalComplaints = (customer: RegisteredCustomer): number =>
  openComplaints(customer).filter((complaint) => complaint.severity === 'critical').length;
