import {
  COMPLAINT_QUEUE,
  CUSTOMER_VIEW,
  LOYALTY_PROGRESSION,
  RECOVERY_QUEUE,
  STAGE_TRANSITIONS,
  createComplaintQueueProjection,
  createCustomerViewProjection,
  createLoyaltyProgressionProjection,
  createRecoveryQueueProjection,
  createStageTransitionsProjection,
  complaintQueueIndexes,
  customerListIndexes,
  recoveryQueueIndexes,
  type ReadModelDefinition,
} from '@crm/read-models';

/**
 * The read models with the indexes behind every filter and sort the query API offers, so no
 * endpoint scans a whole collection.
 */
export function createReadModels(): ReadModelDefinition[] {
  return [
    {
      projection: createCustomerViewProjection(),
      collection: {
        name: CUSTOMER_VIEW,
        indexes: customerListIndexes(),
      },
    },
    {
      projection: createLoyaltyProgressionProjection(),
      collection: { name: LOYALTY_PROGRESSION, indexes: [['lifecycleStage'], ['loyaltyLevel']] },
    },
    {
      projection: createComplaintQueueProjection(),
      collection: {
        name: COMPLAINT_QUEUE,
        indexes: complaintQueueIndexes(),
      },
    },
    {
      projection: createStageTransitionsProjection(),
      collection: { name: STAGE_TRANSITIONS, indexes: [['at', 'id']] },
    },
    {
      projection: createRecoveryQueueProjection(),
      collection: { name: RECOVERY_QUEUE, indexes: recoveryQueueIndexes() },
    },
  ] as ReadModelDefinition[];
}
