import { defaultDomainRules } from '../config/domain-rules';
import { complaintPriority } from '../rules/complaint-sla.rule';
import { historyItems } from '../shared/history';
import { customerCommands, day, deciderSpecification, historyOf, withNow } from '../testing';
import type { CustomerCommand } from './customer.commands';
import { createCustomerDecider } from './customer.decider';
import {
  CommandRejectedError,
  ComplaintNotFoundError,
  CustomerAlreadyRegisteredError,
  CustomerNotFoundError,
  InvalidCommandError,
  RecoveryNotFoundError,
} from './customer.errors';
import type { CustomerEvent } from './customer.events';

const decider = createCustomerDecider(defaultDomainRules);
const spec = deciderSpecification(decider);
const c = customerCommands('cust-1');
const history = (...commands: CustomerCommand[]) => historyOf(decider, commands);
const types = (events: CustomerEvent[]) => events.map((event) => event.type);
const ofType = <T extends CustomerEvent['type']>(events: CustomerEvent[], type: T) =>
  events.filter((event): event is Extract<CustomerEvent, { type: T }> => event.type === type);
const invalidField = (field: string) => (error: unknown) => error instanceof InvalidCommandError && error.field === field;

const registered = history(c.register(day(0)));
const active = history(c.register(day(0)), c.purchase('o-1', day(1)));
const lost = history(c.register(day(0)), c.purchase('o-1', day(1)), c.churn(day(30)));

describe('RegisterCustomer', () => {
  it('records a potential customer, with name and contact details inside `personal`', () => {
    spec.given([]).when(c.register(day(0), { email: 'ann@example.com', source: 'fair' })).then((events) => {
      expect(events[0]).toEqual({
        type: 'CustomerRegistered',
        data: {
          customerId: 'cust-1',
          occurredAt: day(0),
          kind: 'individual',
          role: 'end-customer',
          relation: 'direct',
          source: 'fair',
          personal: { name: 'Customer cust-1', email: 'ann@example.com' },
        },
      });
      expect(ofType(events, 'LoyaltyDriversScored')[0].data.drivers).toEqual({ perceivedValue: 0, satisfaction: 50, trust: 0, switchingCost: 0 });
    });
  });

  it('leaves absent optional fields out of the event instead of writing undefined', () => {
    spec.given([]).when(c.register(day(0))).then((events) => {
      expect(Object.keys(events[0].data)).not.toContain('source');
      expect(JSON.parse(JSON.stringify(events))).toEqual(events);
    });
  });

  it('rejects registering the same customer twice', () => {
    spec.given(registered).when(c.register(day(1))).thenThrows(CustomerAlreadyRegisteredError);
  });

  it.each([
    ['name', c.register(day(0), { name: ' ' })],
    ['kind', c.register(day(0), { kind: 'robot' as never })],
    ['role', c.register(day(0), { role: 'boss' as never })],
    ['occurredAt', c.register('yesterday')],
  ])('rejects an invalid %s', (field, command) => {
    spec.given([]).when(command).thenThrows(invalidField(field));
  });
});

describe('any command but RegisterCustomer on an unregistered customer', () => {
  it.each([c.purchase('o-1', day(1)), c.survey(day(1), 5), c.review(day(1)), c.fileComplaint('k-1', day(1)), c.assignTier(day(1), 'key')])(
    '%# is not found',
    (command) => {
      spec.given([]).when(command).thenThrows(CustomerNotFoundError);
    },
  );
});

describe('the clock', () => {
  it('accepts a business time up to 5 minutes after now', () => {
    spec.given(registered).when(withNow(c.contact(day(1, 0.08)), day(1))).then((events) => expect(types(events)).toContain('ContactRecorded'));
  });

  it('rejects a business time more than 5 minutes after now', () => {
    spec.given(registered).when(withNow(c.contact(day(1, 0.1)), day(1))).thenThrows(invalidField('occurredAt'));
  });

  it('rejects a review as of the future', () => {
    spec.given(registered).when(withNow(c.review(day(2)), day(1))).thenThrows(invalidField('asOf'));
  });

  it('accepts facts from the past (imports)', () => {
    spec.given(registered).when(withNow(c.contact(day(-400)), day(1))).then((events) => expect(types(events)).toContain('ContactRecorded'));
  });
});

describe('SelectCustomerAsTarget', () => {
  it('makes a potential customer a target, keeping the reason personal', () => {
    spec.given(registered).when(c.selectAsTarget(day(1), 'big regional buyer')).then([
      { type: 'CustomerSelectedAsTarget', data: { customerId: 'cust-1', occurredAt: day(1), personal: { reason: 'big regional buyer' } } },
      {
        type: 'RelationshipStatusChanged',
        data: { customerId: 'cust-1', occurredAt: day(1), from: 'potential', to: 'target', rule: 'status.selected-as-target', figures: {}, thresholds: {} },
      },
    ]);
  });

  it('rejects selecting a customer who is not potential', () => {
    spec.given(history(c.register(day(0)), c.selectAsTarget(day(1)))).when(c.selectAsTarget(day(2))).thenThrows(CommandRejectedError);
    spec.given(active).when(c.selectAsTarget(day(2))).thenThrows(CommandRejectedError);
  });
});

describe('RecordContact', () => {
  it('records the contact with purpose and outcome as personal data, and derives nothing when no driver moves', () => {
    spec.given(registered).when(c.contact(day(1), { channel: 'email', direction: 'inbound', purpose: 'asked for a quote', outcome: 'sent' })).then([
      {
        type: 'ContactRecorded',
        data: { customerId: 'cust-1', occurredAt: day(1), channel: 'email', direction: 'inbound', personal: { purpose: 'asked for a quote', outcome: 'sent' } },
      },
    ]);
  });

  it('rejects an unknown channel', () => {
    spec.given(registered).when(c.contact(day(1), { channel: 'pigeon' as never })).thenThrows(invalidField('channel'));
  });
});

describe('RecordPurchase', () => {
  it('records lines with profit and totals, then makes a potential customer active in exploration and values it', () => {
    const command = c.purchaseLines('o-1', day(1), [
      { product: 'drill', category: 'tools', quantity: 2, revenue: 300, cost: 180 },
      { product: 'bits', category: 'accessories', quantity: 5, revenue: 50, cost: 20 },
    ]);
    spec.given(registered).when(command).then((events) => {
      expect(types(events)).toEqual(['PurchaseRecorded', 'LoyaltyDriversScored', 'LifecycleStageChanged', 'RelationshipStatusChanged', 'CustomerValueAssessed']);
      expect(events[0].data).toEqual({
        customerId: 'cust-1',
        occurredAt: day(1),
        orderId: 'o-1',
        channel: 'web',
        lines: [
          { product: 'drill', category: 'tools', quantity: 2, revenue: 300, cost: 180, profit: 120 },
          { product: 'bits', category: 'accessories', quantity: 5, revenue: 50, cost: 20, profit: 30 },
        ],
        totals: { quantity: 7, revenue: 350, cost: 200, profit: 150 },
      });
      expect(ofType(events, 'LifecycleStageChanged')[0].data).toMatchObject({ from: null, to: 'exploration', rule: 'lifecycle.first-purchase' });
      expect(ofType(events, 'RelationshipStatusChanged')[0].data).toMatchObject({ from: 'potential', to: 'active', rule: 'status.first-purchase' });
    });
  });

  it('makes a target customer active too', () => {
    spec.given(history(c.register(day(0)), c.selectAsTarget(day(1)))).when(c.purchase('o-1', day(2))).then((events) =>
      expect(ofType(events, 'RelationshipStatusChanged')[0].data).toMatchObject({ from: 'target', to: 'active' }),
    );
  });

  it('rejects an order id already recorded for the customer', () => {
    spec.given(active).when(c.purchase('o-1', day(5))).thenThrows(CommandRejectedError);
  });

  it('rejects a purchase by a lost customer before a successful recovery', () => {
    spec.given(lost).when(c.purchase('o-2', day(40))).thenThrows(CommandRejectedError);
  });

  it.each([
    ['lines', c.purchaseLines('o-2', day(2), [])],
    ['lines[0].quantity', c.purchase('o-2', day(2), { quantity: 0 })],
    ['lines[0].revenue', c.purchase('o-2', day(2), { revenue: -1 })],
    ['lines[0].category', c.purchase('o-2', day(2), { category: '' })],
  ])('rejects an invalid %s', (field, command) => {
    spec.given(active).when(command).thenThrows(invalidField(field));
  });
});

describe('complaints', () => {
  const filed = history(c.register(day(0)), c.purchase('o-1', day(1)), c.fileComplaint('k-1', day(2), { severity: 'medium' }));
  const resolved = history(c.register(day(0)), c.purchase('o-1', day(1)), c.fileComplaint('k-1', day(2)), c.resolveComplaint('k-1', day(3)));

  it('files a complaint with its SLA deadline and the description kept personal', () => {
    spec.given(active).when(c.fileComplaint('k-1', day(2), { severity: 'high', category: 'rudeness', description: 'clerk shouted' })).then((events) =>
      expect(events[0]).toEqual({
        type: 'ComplaintFiled',
        data: {
          customerId: 'cust-1',
          occurredAt: day(2),
          complaintId: 'k-1',
          category: 'rudeness',
          severity: 'high',
          deadline: day(3),
          slaHours: 24,
          customerTier: null,
          priority: 6,
          personal: { description: 'clerk shouted', customerName: 'Customer cust-1' },
        },
      }),
    );
  });

  it("prioritises by severity and the customer's tier when filed", () => {
    const key = history(c.register(day(0)), c.purchase('o-1', day(1)), c.assignTier(day(1), 'key'));
    spec.given(key).when(c.fileComplaint('k-1', day(2), { severity: 'high' })).then((events) =>
      expect(events[0].data).toMatchObject({ customerTier: 'key', priority: 9 }),
    );
  });

  it('lowers satisfaction while the complaint is open', () => {
    spec.given(active).when(c.fileComplaint('k-1', day(2), { severity: 'high' })).then((events) =>
      expect(ofType(events, 'LoyaltyDriversScored')[0].data.drivers.satisfaction).toBe(40),
    );
  });

  it('rejects filing the same complaint id twice', () => {
    spec.given(filed).when(c.fileComplaint('k-1', day(3))).thenThrows(CommandRejectedError);
  });

  it('resolves an open complaint, outcome kept personal', () => {
    spec.given(filed).when(c.resolveComplaint('k-1', day(3), true)).then((events) =>
      expect(events[0]).toEqual({
        type: 'ComplaintResolved',
        data: { customerId: 'cust-1', occurredAt: day(3), complaintId: 'k-1', customerSatisfied: true, personal: { outcome: 'apologised and fixed' } },
      }),
    );
  });

  it('rejects resolving a resolved complaint, an unknown one, or one before it was filed', () => {
    spec.given(filed).when(c.resolveComplaint('k-9', day(3))).thenThrows(ComplaintNotFoundError);
    spec.given(resolved).when(c.resolveComplaint('k-1', day(4))).thenThrows(CommandRejectedError);
    spec.given(filed).when(c.resolveComplaint('k-1', day(1))).thenThrows(invalidField('occurredAt'));
  });

  it('escalates an open complaint past its deadline, once', () => {
    const deadline = day(5);
    spec.given(filed).when(c.escalateComplaint('k-1', day(6), deadline)).then((events) =>
      expect(events[0]).toEqual({
        type: 'ComplaintEscalated',
        data: { customerId: 'cust-1', occurredAt: day(6), complaintId: 'k-1', severity: 'medium', deadline, overdueHours: 24 },
      }),
    );
    const escalated = history(c.register(day(0)), c.purchase('o-1', day(1)), c.fileComplaint('k-1', day(2)), c.escalateComplaint('k-1', day(6), deadline));
    spec.given(escalated).when(c.escalateComplaint('k-1', day(7), deadline)).then([]);
  });

  it('rejects escalating before the deadline, a resolved complaint, or an unknown one', () => {
    spec.given(filed).when(c.escalateComplaint('k-1', day(4), day(5))).thenThrows(CommandRejectedError);
    spec.given(resolved).when(c.escalateComplaint('k-1', day(9), day(5))).thenThrows(CommandRejectedError);
    spec.given(filed).when(c.escalateComplaint('k-2', day(9), day(5))).thenThrows(ComplaintNotFoundError);
  });
});

describe('RecordSatisfactionSurvey', () => {
  it('records the score and rescores satisfaction', () => {
    spec.given(registered).when(c.survey(day(1), 9)).then((events) => {
      expect(events[0]).toEqual({ type: 'SatisfactionSurveyed', data: { customerId: 'cust-1', occurredAt: day(1), score: 9 } });
      expect(ofType(events, 'LoyaltyDriversScored')[0].data.drivers.satisfaction).toBe(90);
    });
  });

  it.each([-1, 11, Number.NaN])('rejects the score %p', (score) => {
    spec.given(registered).when(c.survey(day(1), score)).thenThrows(invalidField('score'));
  });
});

describe('RecordReferral', () => {
  it('keeps the referred name personal', () => {
    spec.given(active).when(c.referral(day(2), 'Bob')).then((events) =>
      expect(events[0]).toEqual({ type: 'ReferralMade', data: { customerId: 'cust-1', occurredAt: day(2), personal: { referredName: 'Bob' } } }),
    );
  });

  it('records a referral without a name', () => {
    spec.given(active).when(c.referral(day(2))).then((events) => expect(events[0].data).toEqual({ customerId: 'cust-1', occurredAt: day(2), personal: {} }));
  });
});

describe('RecordChurn', () => {
  it('ends the relationship: decline, lost, no loyalty left, no future value', () => {
    spec.given(active).when(c.churn(day(30), 'price')).then((events) => {
      expect(events[0]).toEqual({ type: 'CustomerChurned', data: { customerId: 'cust-1', occurredAt: day(30), personal: { reason: 'price' } } });
      expect(ofType(events, 'LifecycleStageChanged')[0].data).toMatchObject({ from: 'exploration', to: 'decline', rule: 'lifecycle.decline-by-churn' });
      expect(ofType(events, 'RelationshipStatusChanged')[0].data).toMatchObject({ from: 'active', to: 'lost', rule: 'status.churn-recorded' });
      expect(ofType(events, 'CustomerValueAssessed')[0].data).toMatchObject({ current: 0, potential: 0 });
    });
  });

  it('rejects churning a lost customer or one who never bought', () => {
    spec.given(lost).when(c.churn(day(40))).thenThrows(CommandRejectedError);
    spec.given(registered).when(c.churn(day(40))).thenThrows(CommandRejectedError);
  });
});

describe('recovery', () => {
  const started = history(c.register(day(0)), c.purchase('o-1', day(1)), c.churn(day(30)), c.startRecovery('r-1', day(40)));

  it('starts a recovery of a lost customer, the offer kept personal', () => {
    spec.given(lost).when(c.startRecovery('r-1', day(40), 'free delivery')).then([
      { type: 'RecoveryStarted', data: { customerId: 'cust-1', occurredAt: day(40), recoveryId: 'r-1', personal: { offer: 'free delivery' } } },
    ]);
  });

  it('rejects a recovery of a customer neither lost nor declining, a second one in progress, or a reused id', () => {
    spec.given(active).when(c.startRecovery('r-1', day(40))).thenThrows(CommandRejectedError);
    spec.given(started).when(c.startRecovery('r-2', day(41))).thenThrows(CommandRejectedError);
    const afterFailure = history(c.register(day(0)), c.purchase('o-1', day(1)), c.churn(day(30)), c.startRecovery('r-1', day(40)), c.recoveryOutcome('r-1', day(45), false));
    spec.given(afterFailure).when(c.startRecovery('r-1', day(50))).thenThrows(CommandRejectedError);
  });

  it('a successful recovery makes a lost customer recovered', () => {
    spec.given(started).when(c.recoveryOutcome('r-1', day(45), true, 'accepted')).then((events) => {
      expect(events[0]).toEqual({
        type: 'RecoveryOutcomeRecorded',
        data: { customerId: 'cust-1', occurredAt: day(45), recoveryId: 'r-1', succeeded: true, personal: { note: 'accepted' } },
      });
      expect(ofType(events, 'RelationshipStatusChanged')[0].data).toMatchObject({ from: 'lost', to: 'recovered', rule: 'status.recovery-succeeded' });
    });
  });

  it('a failed recovery leaves the customer lost', () => {
    spec.given(started).when(c.recoveryOutcome('r-1', day(45), false)).then((events) => expect(types(events)).toEqual(['RecoveryOutcomeRecorded']));
  });

  it('rejects an outcome for an unknown recovery, or a second outcome', () => {
    spec.given(started).when(c.recoveryOutcome('r-9', day(45), true)).thenThrows(RecoveryNotFoundError);
    const decided = history(c.register(day(0)), c.purchase('o-1', day(1)), c.churn(day(30)), c.startRecovery('r-1', day(40)), c.recoveryOutcome('r-1', day(45), true));
    spec.given(decided).when(c.recoveryOutcome('r-1', day(46), false)).thenThrows(CommandRejectedError);
  });

  it("the recovered customer's next purchase makes it active again and restarts the lifecycle at exploration", () => {
    const recovered = history(c.register(day(0)), c.purchase('o-1', day(1)), c.churn(day(30)), c.startRecovery('r-1', day(40)), c.recoveryOutcome('r-1', day(45), true));
    spec.given(recovered).when(c.purchase('o-2', day(50))).then((events) => {
      expect(ofType(events, 'LifecycleStageChanged')[0].data).toMatchObject({ from: 'decline', to: 'exploration', rule: 'lifecycle.restarted-after-recovery' });
      expect(ofType(events, 'RelationshipStatusChanged')[0].data).toMatchObject({ from: 'recovered', to: 'active', rule: 'status.purchase-after-recovery' });
    });
  });
});

describe('UpdateProfile', () => {
  it('records only the fields that change, personal ones apart', () => {
    spec.given(registered).when(c.updateProfile(day(1), { name: 'Customer cust-1', email: 'new@example.com', segment: 'smb', role: 'distributor' })).then([
      {
        type: 'ProfileUpdated',
        data: { customerId: 'cust-1', occurredAt: day(1), changes: { role: 'distributor', segment: 'smb' }, personal: { email: 'new@example.com' } },
      },
    ]);
  });

  it('appends nothing when nothing changes, and rejects an empty change', () => {
    spec.given(registered).when(c.updateProfile(day(1), { name: 'Customer cust-1' })).then([]);
    spec.given(registered).when(c.updateProfile(day(1), {})).thenThrows(invalidField('changes'));
  });
});

describe('RecordCreditEvent', () => {
  it('records the fact and reassesses credit risk', () => {
    const limited = history(c.register(day(0)), c.purchase('o-1', day(1)), c.credit(day(2), 'limit-set', 1000));
    spec.given(limited).when(c.credit(day(3), 'payment-overdue', 500)).then((events) => {
      expect(events[0]).toEqual({ type: 'CreditEventRecorded', data: { customerId: 'cust-1', occurredAt: day(3), kind: 'payment-overdue', amount: 500 } });
      expect(ofType(events, 'CustomerValueAssessed')[0].data.creditRisk).toBe(0.6);
    });
  });

  it('rejects a negative amount', () => {
    spec.given(active).when(c.credit(day(2), 'payment-received', -5)).thenThrows(invalidField('amount'));
  });
});

describe('RecordDelivery', () => {
  it('records a delayed delivery with its delay', () => {
    spec.given(active).when(c.delivery('o-1', day(3), 'delayed', 4)).then((events) =>
      expect(events[0]).toEqual({
        type: 'DeliveryRecorded',
        data: { customerId: 'cust-1', occurredAt: day(3), orderId: 'o-1', status: 'delayed', delayDays: 4, personal: {} },
      }),
    );
  });

  it('lowers perceived value when deliveries are late', () => {
    spec.given(active).when(c.delivery('o-1', day(3), 'delayed', 4)).then((events) => {
      const before = ofType(active, 'LoyaltyDriversScored').at(-1)!.data.drivers.perceivedValue;
      expect(ofType(events, 'LoyaltyDriversScored')[0].data.drivers.perceivedValue).toBeLessThan(before);
    });
  });

  it('needs delayDays exactly when delayed', () => {
    spec.given(active).when(c.delivery('o-1', day(3), 'delayed')).thenThrows(invalidField('delayDays'));
    spec.given(active).when(c.delivery('o-1', day(3), 'delivered', 2)).thenThrows(invalidField('delayDays'));
  });
});

describe('RecordCampaignResponse', () => {
  it('records the response', () => {
    spec.given(registered).when(c.campaignResponse(day(2), 'converted', 'autumn')).then([
      { type: 'CampaignResponseRecorded', data: { customerId: 'cust-1', occurredAt: day(2), campaign: 'autumn', response: 'converted' } },
    ]);
  });
});

describe('ReviewRelationship', () => {
  it('appends nothing for a customer with nothing time-driven to change', () => {
    spec.given(registered).when(c.review(day(10))).then([]);
  });

  it('is idempotent: the same review twice appends nothing the second time', () => {
    const reviewed = history(c.register(day(0)), c.purchase('o-1', day(1)), c.review(day(400)));
    expect(types(reviewed)).toContain('LifecycleStageChanged');
    spec.given(reviewed).when(c.review(day(400))).then([]);
  });
});

describe('AssignValueTier', () => {
  it('records the tier with the rule and figures of the ranking', () => {
    spec.given(active).when(c.assignTier(day(5), 'key', 'tier.pareto-key', { rank: 1, baseSize: 10 })).then([
      { type: 'ValueTierAssigned', data: { customerId: 'cust-1', occurredAt: day(5), from: null, to: 'key', rule: 'tier.pareto-key', figures: { rank: 1, baseSize: 10 }, complaintPriorities: [] } },
    ]);
  });

  it('re-prioritises the open complaints for the new tier (tier drives service priority)', () => {
    const withComplaints = history(
      c.register(day(0)),
      c.fileComplaint('k-open', day(1), { severity: 'critical' }),
      c.fileComplaint('k-closed', day(1), { severity: 'low' }),
      c.resolveComplaint('k-closed', day(2)),
    );
    const [assigned] = decider.decide(c.assignTier(day(5), 'key'), withComplaints.reduce(decider.evolve, decider.initialState));
    expect(assigned).toMatchObject({
      type: 'ValueTierAssigned',
      data: { to: 'key', complaintPriorities: [{ complaintId: 'k-open', priority: complaintPriority('critical', 'key', defaultDomainRules) }] },
    });
  });

  it('appends nothing when the tier does not change', () => {
    spec.given(history(c.register(day(0)), c.assignTier(day(1), 'general'))).when(c.assignTier(day(2), 'general')).then([]);
  });

  it('rejects an unknown tier or non-numeric figures', () => {
    spec.given(active).when(c.assignTier(day(5), 'gold' as never)).thenThrows(invalidField('tier'));
    spec.given(active).when(c.assignTier(day(5), 'key', 'r', { rank: 'first' as never })).thenThrows(invalidField('figures'));
  });
});

describe('EraseCustomer', () => {
  const withComplaint = history(c.register(day(0), { email: 'ann@example.com' }), c.purchase('o-1', day(1)), c.fileComplaint('k-1', day(2)));
  const erased = [...withComplaint, ...decider.decide(c.erase(day(3)), withComplaint.reduce(decider.evolve, decider.initialState))];
  const stateOf = (events: CustomerEvent[]) => events.reduce(decider.evolve, decider.initialState);

  it('records the erasure, naming the complaints whose queue entries carry the name', () => {
    spec.given(withComplaint).when(c.erase(day(3))).then([{ type: 'CustomerErased', data: { customerId: 'cust-1', occurredAt: day(3), complaintIds: ['k-1'] } }]);
  });

  it('shows the profile as erased and keeps the non-personal facts', () => {
    const state = stateOf(erased);
    expect(state).toMatchObject({ erased: true, profile: { name: '[erased]' } });
    expect(state.status !== 'unregistered' && historyItems(state.sales.orders)).toEqual([expect.objectContaining({ orderId: 'o-1' })]);
    expect(state.status !== 'unregistered' && state.profile.email).toBeUndefined();
  });

  it('folds a registration whose personal data was shredded into an erased profile', () => {
    const [registration] = history(c.register(day(0)));
    const state = stateOf([{ ...registration, data: { ...registration.data, personal: { erased: true } } } as CustomerEvent]);
    expect(state).toMatchObject({ profile: { name: '[erased]', kind: 'individual' } });
  });

  it('records nothing when the customer is already erased, so a retried erasure is harmless', () => {
    spec.given(erased).when(c.erase(day(4))).then([]);
  });

  it('refuses new personal data for an erased customer but accepts non-personal facts', () => {
    spec.given(erased).when(c.contact(day(4))).thenThrows(CommandRejectedError);
    spec.given(erased).when(c.updateProfile(day(4), { name: 'Ann Again' })).thenThrows(CommandRejectedError);
    spec.given(erased).when(c.purchase('o-2', day(4))).then((events) => expect(events[0].type).toBe('PurchaseRecorded'));
  });

  it('rejects erasing an unknown customer', () => {
    spec.given([]).when(c.erase(day(1))).thenThrows(CustomerNotFoundError);
  });
});
