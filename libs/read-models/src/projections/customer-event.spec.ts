import { CUSTOMER_EVENT_TYPES, type CustomerEvent } from '@crm/domain';
import { createComplaintQueueProjection } from './complaint-queue.projection';
import { createCustomerViewProjection } from './customer-view.projection';
import { createLoyaltyProgressionProjection } from './loyalty-progression.projection';
import { createRecoveryQueueProjection } from './recovery-queue.projection';
import { createStageTransitionsProjection } from './stage-transitions.projection';
import { envelope } from './testing/recorded-events';

describe('the event types a projection declares', () => {
  it.each([
    createComplaintQueueProjection(),
    createCustomerViewProjection(),
    createLoyaltyProgressionProjection(),
    createRecoveryQueueProjection(),
    createStageTransitionsProjection(),
  ])('are exactly those $name handles, when it does not handle every customer event', (projection) => {
    const handled = CUSTOMER_EVENT_TYPES.filter((type) => projection.canHandle(envelope({ type, data: { customerId: 'c1' } } as CustomerEvent, { revision: 0 })));

    expect([...(projection.eventTypes ?? CUSTOMER_EVENT_TYPES)].sort()).toEqual(handled.sort());
  });
});
