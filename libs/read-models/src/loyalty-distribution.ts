import type { Condition, DocumentCollection } from './document-store.port';
import type { LoyaltyProgressionDocument } from './projections/loyalty-progression.projection';
import type { StageTransitionDocument } from './projections/stage-transitions.projection';

export const LIFECYCLE_STAGES = ['exploration', 'formation', 'stability', 'decline'] as const;
export const LOYALTY_LEVELS = ['none', 'satisfaction', 'trust', 'behavioural', 'emotional', 'sustainable'] as const;

export interface LoyaltyDistribution {
  from: string | null;
  to: string | null;
  customersPerStage: Record<string, number>;
  customersPerLoyaltyLevel: Record<string, number>;
  /** `transitions[from][to]`: stage changes that happened within the period (`from` is `none` for a first stage). */
  stageTransitions: Record<string, Record<string, number>>;
}

const PAGE = 1000;

/**
 * Customers per stage and per ladder level now (indexed counts), and the stage-to-stage
 * transition matrix over a period (an index range over the stage transitions).
 */
export async function loyaltyDistribution(
  collection: DocumentCollection<LoyaltyProgressionDocument>,
  transitions: DocumentCollection<StageTransitionDocument>,
  period: { from?: string; to?: string },
): Promise<LoyaltyDistribution> {
  const customersPerStage: Record<string, number> = {};
  for (const stage of LIFECYCLE_STAGES) {
    customersPerStage[stage] = await collection.count([{ field: 'lifecycleStage', op: 'eq', value: stage }]);
  }
  const customersPerLoyaltyLevel: Record<string, number> = {};
  for (const level of LOYALTY_LEVELS) {
    customersPerLoyaltyLevel[level] = await collection.count([{ field: 'loyaltyLevel', op: 'eq', value: level }]);
  }
  const where: Condition[] = [];
  if (period.from !== undefined) where.push({ field: 'at', op: 'gte', value: new Date(period.from).toISOString() });
  if (period.to !== undefined) where.push({ field: 'at', op: 'lte', value: new Date(period.to).toISOString() });
  const stageTransitions: Record<string, Record<string, number>> = {};
  for (let cursor: string | undefined; ; ) {
    const page = await transitions.find({ where, sort: [{ field: 'at', direction: 'asc' }], limit: PAGE, cursor });
    for (const transition of page.items) {
      const row = (stageTransitions[transition.from] ??= {});
      row[transition.to] = (row[transition.to] ?? 0) + 1;
    }
    if (page.nextCursor === null) break;
    cursor = page.nextCursor;
  }
  return { from: period.from ?? null, to: period.to ?? null, customersPerStage, customersPerLoyaltyLevel, stageTransitions };
}
