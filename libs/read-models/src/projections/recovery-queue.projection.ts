import { ERASED, isErased, type CustomerEvent, type LifecycleStage, type RelationshipStatus, type ValueTier } from '@crm/domain';
import type { Projection } from '../projection';
import { RECOVERY_QUEUE } from '../read-model.names';
import { customerEventOf, handling } from './customer-event';

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

const HANDLED_TYPES = [
  'CustomerRegistered',
  'ProfileUpdated',
  'RelationshipStatusChanged',
  'LifecycleStageChanged',
  'CustomerValueAssessed',
  'ValueTierAssigned',
  'RecoveryStarted',
  'RecoveryOutcomeRecorded',
  'CustomerErased',
];

export function createRecoveryQueueProjection(): Projection<RecoveryQueueDocument> {
  return {
    name: RECOVERY_QUEUE,
    ...handling(HANDLED_TYPES),
    documentIds: (recorded) => [String(recorded.data.customerId)],
    evolve: (doc, recorded) => {
      const event = customerEventOf(recorded);
      if (event.type === 'CustomerRegistered') {
        return {
          id: event.data.customerId,
          customerId: event.data.customerId,
          name: isErased(event.data.personal) ? ERASED : event.data.personal.name,
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
      return { ...doc, name: (isErased(event.data.personal) ? undefined : event.data.personal.name) ?? doc.name };
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
        lastRecovery: { recoveryId: event.data.recoveryId, offer: isErased(event.data.personal) ? ERASED : event.data.personal.offer, startedAt: event.data.occurredAt, outcome: 'pending', decidedAt: null },
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
          ...(isErased(personal) || personal.note === undefined ? {} : { note: personal.note }),
        },
      };
    }
    case 'CustomerErased': {
      if (doc.lastRecovery === null) return { ...doc, name: ERASED };
      const { note: _note, ...attempt } = doc.lastRecovery;
      return { ...doc, name: ERASED, lastRecovery: { ...attempt, offer: ERASED } };
    }
    default:
      return doc;
  }
}
