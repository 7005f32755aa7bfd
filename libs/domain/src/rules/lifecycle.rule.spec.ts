import { defaultDomainRules, validateDomainRules } from '../config/domain-rules';
import type { CustomerCommand } from '../customer/customer.commands';
import { createCustomerDecider } from '../customer/customer.decider';
import type { CustomerEvent } from '../customer/customer.events';
import { customerCommands, day, deciderSpecification, historyOf } from '../testing';

const decider = createCustomerDecider(defaultDomainRules);
const spec = deciderSpecification(decider);
const c = customerCommands('cust-1');
const history = (...commands: CustomerCommand[]) => historyOf(decider, commands);
const stageChanges = (events: CustomerEvent[]) =>
  events.flatMap((event) => (event.type === 'LifecycleStageChanged' ? [`${event.data.from}→${event.data.to} (${event.data.rule})`] : []));

/** A satisfied customer buying every month: exploration at once, formation soon, stability after half a year. */
const monthlyBuyer = (months: number): CustomerCommand[] => [
  c.register(day(0)),
  c.survey(day(0), 9),
  ...Array.from({ length: months }, (_, month) => c.purchase(`o-${month}`, day(1 + 30 * month))),
];
const inExploration = history(c.register(day(0)), c.purchase('o-1', day(1)));
const inFormation = history(...monthlyBuyer(3));
const inStability = history(...monthlyBuyer(8));

describe('lifecycle stages', () => {
  it('starts at exploration with the first purchase and grows through formation to stability, one stage at a time', () => {
    expect(stageChanges(inStability)).toEqual([
      'null→exploration (lifecycle.first-purchase)',
      'exploration→formation (lifecycle.exploration-to-formation)',
      'formation→stability (lifecycle.formation-to-stability)',
    ]);
  });

  it('records the figures and thresholds that moved the relationship', () => {
    const formation = inFormation.find((event) => event.type === 'LifecycleStageChanged' && event.data.to === 'formation');
    expect(formation?.data).toMatchObject({
      figures: { purchaseCount: 3, satisfaction: 90 },
      thresholds: { formationMinPurchases: 2, formationMinSatisfaction: 50, formationMinTrust: 20 },
    });
  });

  it('never skips a stage: a customer meeting the stability criteria while still exploring moves to formation first', () => {
    const strict = createCustomerDecider(validateDomainRules({ lifecycle: { formationMinSatisfaction: 75 } }));
    const commands = [
      c.register(day(0)),
      c.survey(day(0), 6),
      ...Array.from({ length: 7 }, (_, month) => c.purchase(`o-${month}`, day(1 + 50 * month))),
    ];
    const explored = historyOf(strict, commands);
    expect(stageChanges(explored)).toEqual(['null→exploration (lifecycle.first-purchase)']);
    const satisfied = historyOf(strict, [...commands, c.survey(day(310), 10)]);
    expect(stageChanges(satisfied.slice(explored.length))).toEqual(['exploration→formation (lifecycle.exploration-to-formation)']);
    const next = historyOf(strict, [...commands, c.survey(day(310), 10), c.contact(day(311))]);
    expect(stageChanges(next.slice(satisfied.length))).toEqual(['formation→stability (lifecycle.formation-to-stability)']);
  });

  it.each([
    ['exploration', inExploration, day(1)],
    ['formation', inFormation, day(61)],
    ['stability', inStability, day(211)],
  ])('declines from %s when the review finds no purchase for declineAfterInactiveDays', (stage, given, lastPurchase) => {
    const asOf = new Date(Date.parse(lastPurchase) + 120 * 86_400_000).toISOString();
    spec.given(given).when(c.review(asOf)).then((events) => {
      expect(stageChanges(events)).toEqual([`${stage}→decline (lifecycle.decline-by-inactivity)`]);
      expect(events.find((event) => event.type === 'LifecycleStageChanged')?.data).toMatchObject({
        figures: { inactiveDays: 120 },
        thresholds: { declineAfterInactiveDays: 120 },
      });
    });
  });

  it('does not decline a customer inactive for less than declineAfterInactiveDays', () => {
    spec.given(inExploration).when(c.review(day(120))).then((events) => expect(stageChanges(events)).toEqual([]));
  });

  it.each([
    ['exploration', inExploration],
    ['formation', inFormation],
    ['stability', inStability],
  ])('declines from %s on an open critical complaint', (stage, given) => {
    spec.given(given).when(c.fileComplaint('k-1', day(230), { severity: 'critical' })).then((events) =>
      expect(stageChanges(events)).toEqual([`${stage}→decline (lifecycle.decline-by-drivers)`]),
    );
  });

  it('declines when satisfaction falls under the floor', () => {
    const unhappy = history(...monthlyBuyer(3), c.survey(day(70), 0));
    expect(stageChanges(unhappy)).not.toContain('formation→decline (lifecycle.decline-by-drivers)');
    spec.given(unhappy).when(c.survey(day(71), 0)).then((events) => {
      expect(stageChanges(events)).toEqual(['formation→decline (lifecycle.decline-by-drivers)']);
      expect(events.find((event) => event.type === 'LifecycleStageChanged')?.data.figures).toEqual({ openCriticalComplaints: 0, satisfaction: 22.5 });
    });
  });

  it('a satisfied resolution of the critical complaint repairs the decline back to the stage it came from', () => {
    const declined = history(...monthlyBuyer(8), c.fileComplaint('k-1', day(230), { severity: 'critical' }));
    spec.given(declined).when(c.resolveComplaint('k-1', day(231), true)).then((events) =>
      expect(stageChanges(events)).toEqual(['decline→stability (lifecycle.decline-repaired)']),
    );
  });

  it('an unsatisfied resolution does not repair it', () => {
    const declined = history(...monthlyBuyer(8), c.fileComplaint('k-1', day(230), { severity: 'critical' }));
    spec.given(declined).when(c.resolveComplaint('k-1', day(231), false)).then((events) => expect(stageChanges(events)).toEqual([]));
  });

  it('a purchase repairs a decline by inactivity', () => {
    const declined = history(...monthlyBuyer(3), c.review(day(200)));
    spec.given(declined).when(c.purchase('o-late', day(201))).then((events) =>
      expect(stageChanges(events)).toEqual(['decline→formation (lifecycle.decline-repaired)']),
    );
  });

  it('a purchase does not repair a decline while a critical complaint is still open', () => {
    const declined = history(...monthlyBuyer(3), c.fileComplaint('k-1', day(70), { severity: 'critical' }));
    spec.given(declined).when(c.purchase('o-late', day(71))).then((events) => expect(stageChanges(events)).toEqual([]));
  });

  it('a successful recovery of a declining (not lost) customer repairs the decline', () => {
    const recovering = history(...monthlyBuyer(3), c.review(day(200)), c.startRecovery('r-1', day(201)));
    spec.given(recovering).when(c.recoveryOutcome('r-1', day(205), true)).then((events) =>
      expect(stageChanges(events)).toEqual(['decline→formation (lifecycle.decline-repaired)']),
    );
  });
});

describe('relationship status by review', () => {
  it('marks a declining customer lost once inactive for churnAfterInactiveDays, in the same review as the decline', () => {
    spec.given(inExploration).when(c.review(day(400))).then((events) => {
      expect(stageChanges(events)).toEqual(['exploration→decline (lifecycle.decline-by-inactivity)']);
      const status = events.find((event) => event.type === 'RelationshipStatusChanged');
      expect(status?.data).toMatchObject({ from: 'active', to: 'lost', rule: 'status.lost-by-inactivity', thresholds: { churnAfterInactiveDays: 365 } });
    });
  });

  it('leaves a declining customer active before churnAfterInactiveDays', () => {
    const declined = history(c.register(day(0)), c.purchase('o-1', day(1)), c.review(day(200)));
    spec.given(declined).when(c.review(day(300))).then((events) => expect(events.some((event) => event.type === 'RelationshipStatusChanged')).toBe(false));
  });
});
