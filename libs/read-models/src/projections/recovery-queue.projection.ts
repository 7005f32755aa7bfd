import type { CustomerEvent, LifecycleStage, RelationshipStatus, ValueTier } from '@crm/domain';
import type { Projection } from '../projection';
import { RECOVERY_QUEUE } from '../read-model.names';
import { customerEventOf } from './customer-event';

export interface RecoveryAttempt {
  recoveryId: string;
  offer: string;
  startedAt: string;
  outcome: 'pending' | 'succeeded' | 'failed';
  note?: string;
  decidedAt: string | null;
}

/**
 * The recovery queue (brief §2, §8): every customer, with `inQueue` set while the relationship is
 * declining or lost, ranked by CLP so the most valuable are won back first. A recovered customer
 * leaves the queue: it has been won back and awaits its next purchase.
 */
export interface RecoveryQueueDocument {
  id: string;
  customerId: string;
  name: string;
  status: RelationshipStatus;
  lifecycleStage: LifecycleStage | null;
  inQueue: boolean;
  clpTotal: number;
  valueTier: ValueTier | null;
  lastRecovery: RecoveryAttempt | null;
  revision: number;
}

const HANDLED = new Set<string>([
  'CustomerRegistered',
  'ProfileUpdated',
  'RelationshipStatusChanged',
  'LifecycleStageChanged',
  'CustomerValueAssessed',
  'ValueTierAssigned',
  'RecoveryStarted',
  'RecoveryOutcomeRecorded',
]);

export function createRecoveryQueueProjection(): Projection<RecoveryQueueDocument> {
  return {
    name: RECOVERY_QUEUE,
    canHandle: (recorded) => HANDLED.has(recorded.type),
    documentIds: (recorded) => [String(recorded.data.customerId)],
    evolve: (doc, recorded) => {
      const event = customerEventOf(recorded);
      if (event.type === 'CustomerRegistered') {
        return {
          id: event.data.customerId,
          customerId: event.data.customerId,
          name: event.data.personal.name,
          status: 'potential',
          lifecycleStage: null,
          inQueue: false,
          clpTotal: 0,
          valueTier: null,
          lastRecovery: null,
          revision: recorded.revision,
        };
      }
      if (doc === null) return null;
      const next = apply(doc, event);
      return { ...next, inQueue: next.status === 'lost' || (next.status === 'active' && next.lifecycleStage === 'decline'), revision: recorded.revision };
    },
  };
}

function apply(doc: RecoveryQueueDocument, event: CustomerEvent): RecoveryQueueDocument {
  switch (event.type) {
    case 'ProfileUpdated':
      return { ...doc, name: event.data.personal.name ?? doc.name };
    case 'RelationshipStatusChanged':
      return { ...doc, status: event.data.to };
    case 'LifecycleStageChanged':
      return { ...doc, lifecycleStage: event.data.to };
    case 'CustomerValueAssessed':
      return { ...doc, clpTotal: event.data.total };
    case 'ValueTierAssigned':
      return { ...doc, valueTier: event.data.to };
    case 'RecoveryStarted':
      return {
        ...doc,
        lastRecovery: { recoveryId: event.data.recoveryId, offer: event.data.personal.offer, startedAt: event.data.occurredAt, outcome: 'pending', decidedAt: null },
      };
    case 'RecoveryOutcomeRecorded': {
      const { recoveryId, succeeded, occurredAt, personal } = event.data;
      if (doc.lastRecovery === null || doc.lastRecovery.recoveryId !== recoveryId) return doc;
      return {
        ...doc,
        lastRecovery: {
          ...doc.lastRecovery,
          outcome: succeeded ? 'succeeded' : 'failed',
          decidedAt: occurredAt,
          ...(personal.note === undefined ? {} : { note: personal.note }),
        },
      };
    }
    default:
      return doc;
  }
}
