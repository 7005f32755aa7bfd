import type { RecordedEvent } from '@crm/contracts';
import {
  createCustomerDecider,
  defaultDomainRules,
  domainTesting,
  rankValueTiers,
  relationshipSnapshot,
  type CustomerCommand,
  type CustomerEvent,
  type CustomerState,
  type RelationshipSnapshot,
} from '@crm/domain';
import type { Projection, ReadModelDocument } from '../projection';
import { createComplaintQueueProjection } from './complaint-queue.projection';
import { createCustomerViewProjection } from './customer-view.projection';
import { createLoyaltyProgressionProjection } from './loyalty-progression.projection';
import { createRecoveryQueueProjection } from './recovery-queue.projection';
import { envelope, project } from './testing/recorded-events';

/**
 * A year of touchpoints for a dozen customers, replayed through the decider (with the monthly
 * relationship review and the quarterly Pareto ranking the shell runs) and then through every
 * projection. Day 0 is 2024-01-01.
 */
const { customerCommands, day } = domainTesting;
const decider = createCustomerDecider(defaultDomainRules);
const monthly = (first: number, count: number, every = 30) => Array.from({ length: count }, (_, index) => first + every * index);
const timeOf = (command: CustomerCommand): string => ('occurredAt' in command.data ? command.data.occurredAt : command.data.asOf);

function keyAccount(): CustomerCommand[] {
  const c = customerCommands('key-account');
  return [
    c.register(day(0), { name: 'Northwind Hospitals', kind: 'organization' }),
    c.selectAsTarget(day(2), 'largest buyer in the region'),
    c.credit(day(3), 'limit-set', 50_000),
    c.survey(day(4), 9),
    ...monthly(5, 12).flatMap((d, index) => [
      c.purchase(`ka-${index}`, day(d), { product: 'monitor', category: 'devices', revenue: 20_000, cost: 12_000 }, 'field-sales'),
      c.delivery(`ka-${index}`, day(d + 2)),
      c.credit(day(d + 20), 'payment-received', 20_000),
    ]),
    c.survey(day(180), 9),
    c.referral(day(200), 'a sister hospital'),
  ];
}

function distributor(): CustomerCommand[] {
  const c = customerCommands('distributor');
  return [
    c.register(day(0), { name: 'Eastern Supply Co', kind: 'organization', role: 'distributor' }),
    c.credit(day(5), 'limit-set', 200_000),
    c.survey(day(20), 8),
    ...monthly(10, 6, 60).map((d, index) =>
      c.purchaseLines(`ds-${index}`, day(d), [
        { product: 'monitor', category: 'devices', quantity: 20, revenue: 30_000, cost: 22_000 },
        { product: 'cable', category: 'accessories', quantity: 200, revenue: 10_000, cost: 8_000 },
        { product: 'service plan', category: 'services', quantity: 20, revenue: 20_000, cost: 15_000 },
      ]),
    ),
    c.survey(day(200), 8),
  ];
}

function loyalRepeatBuyer(): CustomerCommand[] {
  const c = customerCommands('loyal');
  return [
    c.register(day(0), { name: 'Li Wei' }),
    ...monthly(15, 12).map((d, index) => c.purchase(`ly-${index}`, day(d), { revenue: 800, cost: 500 })),
    c.survey(day(20), 8),
    c.survey(day(200), 9),
    c.referral(day(250), 'a neighbour'),
  ];
}

function oneOffBuyer(): CustomerCommand[] {
  const c = customerCommands('one-off');
  return [c.register(day(30)), c.purchase('oo-1', day(40), { revenue: 300, cost: 200 })];
}

function complainerRecoveredByService(): CustomerCommand[] {
  const c = customerCommands('complainer');
  return [
    c.register(day(0), { name: 'Maria Rossi' }),
    c.survey(day(30), 7),
    ...monthly(8, 12).map((d, index) => c.purchase(`cp-${index}`, day(d), { revenue: 500, cost: 300 })),
    c.fileComplaint('cp-complaint', day(160), { severity: 'critical', category: 'poor-quality', description: 'the unit caught fire' }),
    c.resolveComplaint('cp-complaint', day(161), true),
    c.survey(day(170), 9),
  ];
}

function satisfiedButDisloyal(): CustomerCommand[] {
  const c = customerCommands('fickle');
  return [
    c.register(day(0), { name: 'Sam Fickle' }),
    c.survey(day(10), 9),
    c.purchase('fk-1', day(20)),
    c.survey(day(60), 10),
    c.survey(day(150), 9),
    c.contact(day(200), { channel: 'email', direction: 'outbound', purpose: 'new catalogue' }),
    c.fileComplaint('fk-complaint', day(210), { severity: 'medium', category: 'poor-service' }),
    c.escalateComplaint('fk-complaint', day(215), day(213)),
    c.campaignResponse(day(220), 'clicked'),
  ];
}

function churnedThenRecovered(): CustomerCommand[] {
  const c = customerCommands('win-back');
  return [
    c.register(day(0), { name: 'Omar Haddad' }),
    ...monthly(5, 4).map((d, index) => c.purchase(`wb-${index}`, day(d))),
    c.churn(day(120), 'switched to a cheaper supplier'),
    c.startRecovery('wb-recovery', day(150), 'price match for six months'),
    c.recoveryOutcome('wb-recovery', day(160), true, 'accepted the offer'),
    c.survey(day(175), 8),
    ...monthly(170, 5).map((d, index) => c.purchase(`wb-again-${index}`, day(d))),
  ];
}

function decliningFoundByReview(): CustomerCommand[] {
  const c = customerCommands('fading');
  return [c.register(day(0)), c.survey(day(50), 8), ...monthly(12, 5).map((d, index) => c.purchase(`fd-${index}`, day(d), { revenue: 600, cost: 400 }))];
}

function indirectEndUser(): CustomerCommand[] {
  const c = customerCommands('end-user');
  return [c.register(day(20), { relation: 'indirect' }), c.contact(day(40), { direction: 'inbound', purpose: 'asked where to buy' })];
}

function targetProspect(): CustomerCommand[] {
  const c = customerCommands('prospect');
  return [
    c.register(day(50), { kind: 'organization' }),
    c.selectAsTarget(day(55)),
    c.contact(day(60), { channel: 'visit' }),
    c.campaignResponse(day(90), 'opened'),
  ];
}

function latePayer(): CustomerCommand[] {
  const c = customerCommands('late-payer');
  return [
    c.register(day(0)),
    c.credit(day(15), 'limit-set', 5_000),
    c.survey(day(30), 6),
    ...monthly(20, 11).map((d, index) => c.purchase(`lp-${index}`, day(d), { revenue: 1_500, cost: 1_000 })),
    c.credit(day(100), 'payment-overdue', 3_000),
    c.credit(day(200), 'payment-overdue', 2_000),
    c.credit(day(250), 'payment-received', 1_000),
  ];
}

function lostForGood(): CustomerCommand[] {
  const c = customerCommands('gone');
  return [
    c.register(day(0)),
    c.purchase('gn-1', day(10)),
    c.purchase('gn-2', day(40)),
    c.churn(day(90), 'closed the shop'),
    c.startRecovery('gn-recovery', day(100)),
    c.recoveryOutcome('gn-recovery', day(110), false, 'not interested'),
  ];
}

const MONTH_ENDS = [30, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];
const QUARTER_ENDS = new Set([90, 181, 273, 365]);

/** Runs the year: touchpoints in business-time order, the review at each month end, the ranking each quarter. */
function runYear() {
  const touchpoints = [
    keyAccount(),
    distributor(),
    loyalRepeatBuyer(),
    oneOffBuyer(),
    complainerRecoveredByService(),
    satisfiedButDisloyal(),
    churnedThenRecovered(),
    decliningFoundByReview(),
    indirectEndUser(),
    targetProspect(),
    latePayer(),
    lostForGood(),
  ].flat();
  const states = new Map<string, CustomerState>();
  const streams = new Map<string, CustomerEvent[]>();
  const execute = (command: CustomerCommand) => {
    const id = command.data.customerId;
    let state = states.get(id) ?? decider.initialState;
    const events = decider.decide(command, state);
    for (const event of events) state = decider.evolve(state, event);
    states.set(id, state);
    streams.set(id, [...(streams.get(id) ?? []), ...events]);
  };
  const byTime = (a: CustomerCommand, b: CustomerCommand) => Date.parse(timeOf(a)) - Date.parse(timeOf(b));
  let pending = [...touchpoints].sort(byTime);
  for (const monthEnd of MONTH_ENDS) {
    const asOf = day(monthEnd);
    pending.filter((command) => Date.parse(timeOf(command)) <= Date.parse(asOf)).forEach(execute);
    pending = pending.filter((command) => Date.parse(timeOf(command)) > Date.parse(asOf));
    for (const id of states.keys()) execute(customerCommands(id).review(asOf));
    if (!QUARTER_ENDS.has(monthEnd)) continue;
    const values = [...states.entries()].map(([customerId, state]) => {
      const snapshot = relationshipSnapshot(state);
      return { customerId, clpTotal: snapshot.clp.total, currentTier: snapshot.valueTier };
    });
    for (const change of rankValueTiers(values, defaultDomainRules)) {
      execute(customerCommands(change.customerId).assignTier(asOf, change.tier, change.rule, change.figures));
    }
  }
  expect(pending).toEqual([]);
  return { states, streams };
}

const { states, streams } = runYear();
const snapshots = new Map<string, RelationshipSnapshot>([...states].map(([id, state]) => [id, relationshipSnapshot(state)]));
const recorded: RecordedEvent[] = [...streams.values()].flatMap((events) => events.map((event, revision) => envelope(event, { revision })));
const projected = <Doc extends ReadModelDocument>(projection: Projection<Doc>) => project(projection, recorded);
const views = projected(createCustomerViewProjection());
const progressions = projected(createLoyaltyProgressionProjection());
const complaints = projected(createComplaintQueueProjection());
const recoveries = projected(createRecoveryQueueProjection());

describe('a year with a dozen customers', () => {
  it.each([
    ['key-account', 'active', 'stability', 'emotional', 'key'],
    ['distributor', 'active', 'stability', 'behavioural', 'key'],
    ['loyal', 'active', 'stability', 'emotional', 'general'],
    ['one-off', 'active', 'decline', 'none', 'general'],
    ['complainer', 'active', 'stability', 'behavioural', 'general'],
    ['fickle', 'active', 'decline', 'satisfaction', 'general'],
    ['win-back', 'active', 'stability', 'behavioural', 'general'],
    ['fading', 'active', 'decline', 'satisfaction', 'general'],
    ['end-user', 'potential', null, 'none', 'phase-out'],
    ['prospect', 'target', null, 'none', 'phase-out'],
    ['late-payer', 'active', 'formation', 'none', 'general'],
    ['gone', 'lost', 'decline', 'none', 'general'],
  ])('%s ends the year %s, in %s, at %s loyalty, tier %s', (id, status, stage, loyalty, tier) => {
    expect(snapshots.get(id)).toMatchObject({ status, lifecycleStage: stage, loyaltyLevel: loyalty, valueTier: tier });
    expect(views.get(id)).toMatchObject({ status, lifecycleStage: stage, loyaltyLevel: loyalty, valueTier: tier });
    expect(progressions.get(id)).toMatchObject({ status, lifecycleStage: stage, loyaltyLevel: loyalty });
  });

  it('never skips a lifecycle stage', () => {
    const allowed = new Set([
      'null→exploration',
      'exploration→formation',
      'formation→stability',
      'exploration→decline',
      'formation→decline',
      'stability→decline',
      'decline→exploration',
      'decline→formation',
      'decline→stability',
    ]);
    for (const doc of progressions.values()) {
      for (const transition of doc.transitions.filter((candidate) => candidate.kind === 'stage')) {
        expect(allowed).toContain(`${transition.from}→${transition.to}`);
      }
    }
  });

  it('shows how the complainer got back: decline on the critical complaint, repaired by a satisfying resolution', () => {
    const stages = progressions.get('complainer')!.transitions.filter((transition) => transition.kind === 'stage').map((transition) => transition.rule);
    expect(stages).toEqual([
      'lifecycle.first-purchase',
      'lifecycle.exploration-to-formation',
      'lifecycle.decline-by-drivers',
      'lifecycle.decline-repaired',
      'lifecycle.formation-to-stability',
    ]);
  });

  it('shows the win-back: lost on churn, recovered, active again with the next purchase', () => {
    const statuses = progressions.get('win-back')!.transitions.filter((transition) => transition.kind === 'status').map((transition) => transition.to);
    expect(statuses).toEqual(['active', 'lost', 'recovered', 'active']);
  });

  it('finds the fading customer declining by review, 120 days after the last purchase', () => {
    const decline = progressions.get('fading')!.transitions.find((transition) => transition.to === 'decline');
    expect(decline).toMatchObject({ rule: 'lifecycle.decline-by-inactivity', at: day(273) });
  });

  it('keeps the satisfied-but-disloyal customer at satisfaction: trust never built', () => {
    expect(snapshots.get('fickle')!.drivers.satisfaction).toBeGreaterThanOrEqual(70);
    expect(snapshots.get('fickle')!.drivers.trust).toBeLessThan(defaultDomainRules.loyalty.trustMin);
  });

  it('rates the late payer as a credit risk', () => {
    expect(snapshots.get('late-payer')!.scores.creditRisk).toBeCloseTo(0.8 * 0.8 + 0.2 * (2 / 3), 2);
    expect(views.get('late-payer')!.finance).toMatchObject({ creditLimit: 5_000, overdueAmount: 4_000, paymentsTotal: 1_000 });
  });

  it('queues the complaints: the resolved critical one and the escalated open one', () => {
    expect(complaints.get('cp-complaint')).toMatchObject({ status: 'resolved', customerSatisfied: true, severity: 'critical', customerName: 'Maria Rossi' });
    expect(complaints.get('fk-complaint')).toMatchObject({ status: 'open', escalated: true, escalatedAt: day(215), deadline: day(213) });
  });

  it('queues the declining and lost customers for recovery, most valuable first', () => {
    const queue = [...recoveries.values()].filter((doc) => doc.inQueue).sort((a, b) => b.clpTotal - a.clpTotal);
    expect(queue.map((doc) => doc.customerId)).toEqual(['fading', 'fickle', 'gone', 'one-off']);
    expect(recoveries.get('gone')!.lastRecovery).toMatchObject({ outcome: 'failed', note: 'not interested' });
    expect(recoveries.get('win-back')!.inQueue).toBe(false);
  });

  it('agrees between the decider and the customer view on value and revision', () => {
    for (const [id, snapshot] of snapshots) {
      const view = views.get(id)!;
      expect(view.clp).toEqual(snapshot.clp);
      expect(view.loyalty.drivers).toEqual(snapshot.drivers);
      expect(view.revision).toBe(streams.get(id)!.length - 1);
      expect(view.service.openComplaints).toBe(snapshot.openComplaints);
    }
  });

  it('records every derived fact with its rule, figures and thresholds', () => {
    const derived = recorded.filter((event) =>
      ['RelationshipStatusChanged', 'LifecycleStageChanged', 'LoyaltyDriversScored', 'LoyaltyLevelChanged', 'CustomerValueAssessed'].includes(event.type),
    );
    expect(derived.length).toBeGreaterThan(100);
    for (const event of derived) {
      expect(event.data).toEqual(expect.objectContaining({ rule: expect.any(String), figures: expect.any(Object), thresholds: expect.any(Object) }));
    }
  });

  it('keeps every event and document plain JSON', () => {
    expect(JSON.parse(JSON.stringify(recorded))).toEqual(recorded);
    for (const documents of [views, progressions, complaints, recoveries]) {
      for (const doc of documents.values()) expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
    }
  });
});
