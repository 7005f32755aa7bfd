import type { ValueTier } from './customer.commands';
import { CustomerNotFoundError } from './customer.errors';
import type { LifecycleStage, LoyaltyDrivers, LoyaltyLevel, RelationshipStatus, CustomerState } from './customer.state';

/** The auditor's "state as of" view of a relationship: plain JSON. */
export interface RelationshipSnapshot {
  customerId: string;
  status: RelationshipStatus;
  lifecycleStage: LifecycleStage | null;
  loyaltyLevel: LoyaltyLevel;
  drivers: LoyaltyDrivers;
  valueTier: ValueTier | null;
  clp: { historical: number; current: number; potential: number; total: number };
  scores: { crossSell: number; upSell: number; creditRisk: number };
  openComplaints: number;
  lastTouchpointAt: string | null;
  revision?: number;
}

export function relationshipSnapshot(state: CustomerState, revision?: number): RelationshipSnapshot {
  if (state.status === 'unregistered') throw new CustomerNotFoundError('(unregistered)');
  const { value } = state;
  return {
    customerId: state.customerId,
    status: state.status,
    lifecycleStage: state.lifecycle.stage,
    loyaltyLevel: state.loyalty.level,
    drivers: { ...state.loyalty.drivers },
    valueTier: state.valueTier,
    clp: { historical: value.historical, current: value.current, potential: value.potential, total: value.total },
    scores: { crossSell: value.crossSell, upSell: value.upSell, creditRisk: value.creditRisk },
    openComplaints: Object.keys(state.service.openComplaints).length,
    lastTouchpointAt: state.lastTouchpointAt,
    ...(revision === undefined ? {} : { revision }),
  };
}
