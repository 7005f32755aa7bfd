import { createInProcessEventBus } from './in-process.event-bus';
import { EventRejectedError } from './event-rejected.error';
import { describeEventBusContract } from './testing';

describeEventBusContract('in-process', async () => createInProcessEventBus());

describe('in-process bus, an event a consumer rejects for good', () => {
  const event = (eventId: string, revision: number) => ({
    eventId,
    type: 'ContactRecorded',
    data: {},
    metadata: { schemaVersion: 1, recordedAt: '2024-01-01T00:00:00.000Z', correlationId: 'c', causationId: 'c', actor: 'a', department: 'd' },
    streamId: 'customer-1',
    revision,
    globalPosition: revision + 1,
  });

  it('goes to the dead-letter sink and the rest of the batch still reaches the group', async () => {
    const parked: string[] = [];
    const bus = createInProcessEventBus((rejected, groupId) => parked.push(`${groupId}:${rejected.eventId}`));
    const applied: string[] = [];
    await bus.consumer().start({ groupId: 'view' }, async (events) => {
      if (events.some((candidate) => candidate.eventId === 'poison')) throw new EventRejectedError('poison', 'cannot apply');
      applied.push(...events.map((candidate) => candidate.eventId));
    });
    await bus.publisher().publish([event('e-1', 0), event('poison', 1), event('e-3', 2)]);
    expect(parked).toEqual(['view:poison']);
    expect(applied).toEqual(['e-1', 'e-3']);
  });

  it('fails the publish on any other error, so the relay delivers again', async () => {
    const bus = createInProcessEventBus();
    await bus.consumer().start({ groupId: 'view' }, async () => {
      throw new Error('disk full');
    });
    await expect(bus.publisher().publish([event('e-1', 0)])).rejects.toThrow('disk full');
  });
});
