import type { CustomerEvent } from '@crm/domain';
import { createStageTransitionsProjection } from './stage-transitions.projection';
import { envelope, project } from './testing/recorded-events';

const projection = createStageTransitionsProjection();
const stage = (from: 'exploration' | null, to: 'exploration' | 'formation', occurredAt: string): CustomerEvent => ({
  type: 'LifecycleStageChanged',
  data: { customerId: 'cust-1', occurredAt, from, to, rule: `lifecycle.to-${to}`, figures: {}, thresholds: {} },
});

describe('stage transitions projection', () => {
  it('LifecycleStageChanged records one document per change, keyed by the event', () => {
    const first = envelope(stage(null, 'exploration', '2024-01-02T00:00:00.000Z'), { revision: 3 });
    const second = envelope(stage('exploration', 'formation', '2024-03-02T00:00:00.000Z'), { revision: 7 });
    const documents = project(projection, [first, second]);
    expect([...documents.values()]).toEqual([
      { id: first.eventId, customerId: 'cust-1', from: 'none', to: 'exploration', at: '2024-01-02T00:00:00.000Z', rule: 'lifecycle.to-exploration' },
      { id: second.eventId, customerId: 'cust-1', from: 'exploration', to: 'formation', at: '2024-03-02T00:00:00.000Z', rule: 'lifecycle.to-formation' },
    ]);
  });

  it('handles only stage changes', () => {
    expect(projection.canHandle(envelope({ type: 'ReferralMade', data: { customerId: 'cust-1', occurredAt: '2024-01-01T00:00:00.000Z', personal: {} } }, { revision: 1 }))).toBe(false);
  });
});
