import type { CustomerEvent, LifecycleStage, LoyaltyDrivers, LoyaltyLevel, RelationshipStatus } from '@crm/domain';
import type { Projection } from '../projection';
import { LOYALTY_PROGRESSION } from '../read-model.names';
import { customerEventOf, handling } from './customer-event';

export interface Transition {
  kind: 'stage' | 'loyalty' | 'status';
  from: string | null;
  to: string;
  /** Business time of the change. */
  at: string;
  rule: string;
  figures: Record<string, number>;
}

/** Where each customer stands in the lifecycle and on the ladder, how it got there, and what moved it (brief §3, §4). */
export interface LoyaltyProgressionDocument {
  id: string;
  customerId: string;
  status: RelationshipStatus;
  lifecycleStage: LifecycleStage | null;
  loyaltyLevel: LoyaltyLevel;
  drivers: LoyaltyDrivers;
  /** In stream order. */
  transitions: Transition[];
  revision: number;
}

const HANDLED_TYPES = [
  'CustomerRegistered',
  'RelationshipStatusChanged',
  'LifecycleStageChanged',
  'LoyaltyLevelChanged',
  'LoyaltyDriversScored',
];

export function createLoyaltyProgressionProjection(): Projection<LoyaltyProgressionDocument> {
  return {
    name: LOYALTY_PROGRESSION,
    ...handling(HANDLED_TYPES),
    documentIds: (recorded) => [String(recorded.data.customerId)],
    evolve: (doc, recorded) => {
      const event = customerEventOf(recorded);
      if (event.type === 'CustomerRegistered') {
        return {
          id: event.data.customerId,
          customerId: event.data.customerId,
          status: 'potential',
          lifecycleStage: null,
          loyaltyLevel: 'none',
          drivers: { perceivedValue: 0, satisfaction: 0, trust: 0, switchingCost: 0 },
          transitions: [],
          revision: recorded.revision,
        };
      }
      if (doc === null) return null;
      return { ...apply(doc, event), revision: recorded.revision };
    },
  };
}

function apply(doc: LoyaltyProgressionDocument, event: CustomerEvent): LoyaltyProgressionDocument {
  switch (event.type) {
    case 'RelationshipStatusChanged':
      return { ...doc, status: event.data.to, transitions: [...doc.transitions, transition('status', event.data)] };
    case 'LifecycleStageChanged':
      return { ...doc, lifecycleStage: event.data.to, transitions: [...doc.transitions, transition('stage', event.data)] };
    case 'LoyaltyLevelChanged':
      return { ...doc, loyaltyLevel: event.data.to, transitions: [...doc.transitions, transition('loyalty', event.data)] };
    case 'LoyaltyDriversScored':
      return { ...doc, drivers: { ...event.data.drivers } };
    default:
      return doc;
  }
}

function transition(
  kind: Transition['kind'],
  data: { from: string | null; to: string; occurredAt: string; rule: string; figures: Record<string, number> },
): Transition {
  return { kind, from: data.from, to: data.to, at: data.occurredAt, rule: data.rule, figures: { ...data.figures } };
}
