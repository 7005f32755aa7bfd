import type { CustomerEvent } from '@crm/domain';
import { createRecoveryQueueProjection, type RecoveryQueueDocument } from './recovery-queue.projection';
import { project, streamOf } from './testing/recorded-events';

const projection = createRecoveryQueueProjection();
const at = (day: number) => new Date(Date.UTC(2024, 0, 1 + day, 9)).toISOString();
const base = { customerId: 'cust-1' };
const derivation = { figures: {}, thresholds: {} };
const registered: CustomerEvent = {
  type: 'CustomerRegistered',
  data: { ...base, occurredAt: at(0), kind: 'individual', role: 'end-customer', relation: 'direct', personal: { name: 'Ann' } },
};
const status = (from: 'active' | 'lost' | 'potential' | 'recovered', to: 'active' | 'lost' | 'recovered'): CustomerEvent => ({
  type: 'RelationshipStatusChanged',
  data: { ...base, occurredAt: at(5), from, to, rule: 'r', ...derivation },
});
const stage = (from: 'exploration' | 'decline' | null, to: 'exploration' | 'decline'): CustomerEvent => ({
  type: 'LifecycleStageChanged',
  data: { ...base, occurredAt: at(5), from, to, rule: 'r', ...derivation },
});
const started: CustomerEvent = { type: 'RecoveryStarted', data: { ...base, occurredAt: at(10), recoveryId: 'r-1', personal: { offer: 'free delivery' } } };
const outcome = (succeeded: boolean, note?: string): CustomerEvent => ({
  type: 'RecoveryOutcomeRecorded',
  data: { ...base, occurredAt: at(12), recoveryId: 'r-1', succeeded, personal: note === undefined ? {} : { note } },
});
const documentAfter = (...events: CustomerEvent[]): RecoveryQueueDocument => project(projection, streamOf([registered, ...events])).get('cust-1')!;
const active = [status('potential', 'active'), stage(null, 'exploration')];

describe('recovery queue projection', () => {
  it('CustomerRegistered adds the customer, out of the queue', () => {
    expect(documentAfter()).toEqual({
      id: 'cust-1',
      customerId: 'cust-1',
      name: 'Ann',
      status: 'potential',
      lifecycleStage: null,
      inQueue: false,
      clpTotal: 0,
      valueTier: null,
      lastRecovery: null,
      revision: 0,
    });
  });

  it('LifecycleStageChanged to decline puts an active customer in the queue', () => {
    expect(documentAfter(...active)).toMatchObject({ status: 'active', lifecycleStage: 'exploration', inQueue: false });
    expect(documentAfter(...active, stage('exploration', 'decline'))).toMatchObject({ lifecycleStage: 'decline', inQueue: true });
  });

  it('RelationshipStatusChanged to lost keeps it in the queue; to recovered takes it out', () => {
    const lost = [...active, stage('exploration', 'decline'), status('active', 'lost')];
    expect(documentAfter(...lost)).toMatchObject({ status: 'lost', inQueue: true });
    expect(documentAfter(...lost, status('lost', 'recovered'))).toMatchObject({ status: 'recovered', inQueue: false });
  });

  it('CustomerValueAssessed sets the CLP the queue is ranked by', () => {
    const assessed: CustomerEvent = {
      type: 'CustomerValueAssessed',
      data: { ...base, occurredAt: at(3), historical: 1, current: 2, potential: 3, total: 6, crossSell: 0, upSell: 0, creditRisk: 0, discountRate: 0.1, rule: 'v', ...derivation },
    };
    expect(documentAfter(assessed).clpTotal).toBe(6);
  });

  it('ValueTierAssigned sets the tier', () => {
    expect(documentAfter({ type: 'ValueTierAssigned', data: { ...base, occurredAt: at(3), from: null, to: 'key', rule: 't', figures: {}, complaintPriorities: [] } }).valueTier).toBe('key');
  });

  it('ProfileUpdated renames the customer', () => {
    expect(documentAfter({ type: 'ProfileUpdated', data: { ...base, occurredAt: at(3), changes: {}, personal: { name: 'Ann Lee' } } }).name).toBe('Ann Lee');
  });

  it('RecoveryStarted records a pending attempt', () => {
    expect(documentAfter(started).lastRecovery).toEqual({ recoveryId: 'r-1', offer: 'free delivery', startedAt: at(10), outcome: 'pending', decidedAt: null });
  });

  it('RecoveryOutcomeRecorded records success or failure, with the note when given', () => {
    expect(documentAfter(started, outcome(true, 'accepted')).lastRecovery).toEqual({
      recoveryId: 'r-1',
      offer: 'free delivery',
      startedAt: at(10),
      outcome: 'succeeded',
      note: 'accepted',
      decidedAt: at(12),
    });
    expect(documentAfter(started, outcome(false)).lastRecovery).toMatchObject({ outcome: 'failed', decidedAt: at(12) });
    expect(documentAfter(started, outcome(false)).lastRecovery).not.toHaveProperty('note');
  });
});
