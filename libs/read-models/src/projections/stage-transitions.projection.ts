import type { LifecycleStage } from '@crm/domain';
import type { Projection } from '../projection';
import { STAGE_TRANSITIONS } from '../read-model.names';
import { customerEventOf, handling } from './customer-event';

/**
 * One document per lifecycle stage change, indexed by business time, so the stage-to-stage
 * transition matrix of any period is an index range read rather than a walk over every customer.
 */
export interface StageTransitionDocument {
  id: string;
  customerId: string;
  from: LifecycleStage | 'none';
  to: LifecycleStage;
  at: string;
  rule: string;
}

export function createStageTransitionsProjection(): Projection<StageTransitionDocument> {
  return {
    name: STAGE_TRANSITIONS,
    ...handling(['LifecycleStageChanged']),
    documentIds: (recorded) => [recorded.eventId],
    evolve: (_doc, recorded) => {
      const event = customerEventOf(recorded);
      if (event.type !== 'LifecycleStageChanged') return null;
      const { data } = event;
      return { id: recorded.eventId, customerId: data.customerId, from: data.from ?? 'none', to: data.to, at: data.occurredAt, rule: data.rule };
    },
  };
}
