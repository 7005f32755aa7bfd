import type { RecordedEvent } from '@crm/contracts';
import { createCustomerDecider, defaultDomainRules, domainTesting, type CustomerEvent } from '@crm/domain';
import type { Projection, ReadModelDocument } from '../projection';
import { createComplaintQueueProjection } from './complaint-queue.projection';
import { createCustomerViewProjection } from './customer-view.projection';
import { createLoyaltyProgressionProjection } from './loyalty-progression.projection';
import { createRecoveryQueueProjection } from './recovery-queue.projection';
import { project, streamOf } from './testing/recorded-events';

/**
 * Erasure seen two ways must give the same read models: live (the documents held plaintext, then
 * CustomerErased arrives) and replayed (the key is gone, so every `personal` reads as erased).
 * Otherwise a rebuild or the audit's verify would disagree with the live store.
 */
const { customerCommands, day } = domainTesting;
const decider = createCustomerDecider(defaultDomainRules);
const c = customerCommands('cust-erased');

const history = domainTesting.historyOf(decider, [
  c.register(day(0), { name: 'Ann Example', email: 'ann@example.test', phone: '+1 555 0100' }),
  c.purchase('o-1', day(1)),
  c.fileComplaint('k-1', day(2), { description: 'the parcel arrived crushed' }),
  c.updateProfile(day(3), { email: 'ann@new.example.test' }),
  c.churn(day(60), 'moved abroad'),
  c.startRecovery('r-1', day(61), 'a personal discount for Ann'),
  c.recoveryOutcome('r-1', day(62), false, 'Ann said no'),
  c.erase(day(63)),
]);
const live = streamOf(history);
const shredded: RecordedEvent[] = live.map((event) =>
  'personal' in event.data && Object.keys(event.data.personal as object).length > 0 ? { ...event, data: { ...event.data, personal: { erased: true } } } : event,
);

const projections: Array<Projection<ReadModelDocument>> = [
  createCustomerViewProjection(),
  createComplaintQueueProjection(),
  createRecoveryQueueProjection(),
  createLoyaltyProgressionProjection(),
] as Array<Projection<ReadModelDocument>>;

describe('read models after an erasure', () => {
  it.each(projections.map((projection) => [projection.name, projection]))('%s is the same live and replayed without keys', (_name, projection) => {
    expect(project(projection, shredded)).toEqual(project(projection, live));
  });

  it('keeps no personal text, only the erased marker, while the facts stay', () => {
    const documents = projections.map((projection) => [...project(projection, live).values()]);
    const text = JSON.stringify(documents);
    for (const secret of ['Ann', 'ann@', '555', 'crushed', 'abroad', 'discount']) expect(text).not.toContain(secret);
    const [view] = documents[0] as Array<Record<string, any>>;
    expect(view).toMatchObject({ name: '[erased]', profile: { email: null, phone: null }, sales: { purchaseCount: 1 }, status: 'lost' });
    expect(documents[1]).toEqual([expect.objectContaining({ complaintId: 'k-1', customerName: '[erased]', severity: 'medium' })]);
    expect(documents[2]).toEqual([expect.objectContaining({ name: '[erased]', lastRecovery: expect.objectContaining({ offer: '[erased]', outcome: 'failed' }) })]);
  });

  it('records the erasure as the last fact of the stream', () => {
    expect((history.at(-1) as CustomerEvent).type).toBe('CustomerErased');
  });
});
