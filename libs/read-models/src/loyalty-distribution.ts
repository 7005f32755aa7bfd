import type { DocumentCollection } from './document-store.port';
import type { LoyaltyProgressionDocument } from './projections/loyalty-progression.projection';

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

/**
 * Customers per stage and per ladder level now (indexed counts), and the stage-to-stage
 * transition matrix over a period, from the transitions each progression document keeps.
 */
export async function loyaltyDistribution(
  collection: DocumentCollection<LoyaltyProgressionDocument>,
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
  const from = period.from === undefined ? -Infinity : Date.parse(period.from);
  const to = period.to === undefined ? Infinity : Date.parse(period.to);
  const stageTransitions: Record<string, Record<string, number>> = {};
  for await (const document of collection.scan()) {
    for (const transition of document.transitions) {
      const at = Date.parse(transition.at);
      if (transition.kind !== 'stage' || at < from || at > to) continue;
      const source = String(transition.from ?? 'none');
      const row = (stageTransitions[source] ??= {});
      row[String(transition.to)] = (row[String(transition.to)] ?? 0) + 1;
    }
  }
  return { from: period.from ?? null, to: period.to ?? null, customersPerStage, customersPerLoyaltyLevel, stageTransitions };
}
