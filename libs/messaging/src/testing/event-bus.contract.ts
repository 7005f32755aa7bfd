import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@crm/contracts';
import type { BatchHandler, EventBus, EventConsumer } from '../event-bus.port';
import { eventually } from './eventually';
import { gate } from './gate';
import { idsOf, interleavedEvents, revisionsByStream } from './recorded-events.fixtures';

/** Generous: a Kafka consumer group needs a few seconds to form on a busy machine. */
const TEST_TIMEOUT_MS = 90_000;

type Attempt = 'accepted' | 'rejected';

/**
 * The behaviour every EventBus transport must have. Pass `undefined` as the factory when the
 * transport's server is not available: the suite then shows as skipped, never as passed.
 *
 * `createBus` must return a bus isolated from earlier calls (its own topics on a shared broker).
 * Group names carry a per-run prefix; event ids and times are fixed.
 */
export function describeEventBusContract(transportName: string, createBus: (() => Promise<EventBus>) | undefined): void {
  if (createBus === undefined) {
    describe.skip(`${transportName} event bus contract`, () => {
      it('is skipped', () => undefined);
    });
    return;
  }

  describe(`${transportName} event bus contract`, () => {
    const run = randomUUID().slice(0, 8);
    let testNumber = 0;
    let prefix: string;
    let bus: EventBus;
    let consumers: EventConsumer[];

    beforeEach(async () => {
      testNumber += 1;
      prefix = `contract-${run}-t${testNumber}.`;
      consumers = [];
      bus = await createBus();
    }, TEST_TIMEOUT_MS);

    afterEach(async () => {
      for (const consumer of consumers) await consumer.stop();
      await bus.publisher().close();
    }, TEST_TIMEOUT_MS);

    async function startConsumer(group: string, handler: BatchHandler): Promise<EventConsumer> {
      const consumer = bus.consumer();
      consumers.push(consumer);
      await consumer.start({ groupId: `${prefix}${group}` }, handler);
      return consumer;
    }

    function recorder(): { events: RecordedEvent[]; handler: BatchHandler } {
      const events: RecordedEvent[] = [];
      return { events, handler: async (batch) => void events.push(...batch) };
    }

    const attempt = (publishing: Promise<void>): Promise<Attempt> =>
      publishing.then(
        () => 'accepted',
        () => 'rejected',
      );

    /** The relay keeps its checkpoint before a rejected publish and publishes those events again. */
    async function relayAgainIfRejected(first: Promise<Attempt>, events: RecordedEvent[]): Promise<void> {
      if ((await first) === 'rejected') await bus.publisher().publish(events);
    }

    const inPublishedOrder = (events: RecordedEvent[]) => [...events].sort((a, b) => a.globalPosition - b.globalPosition);

    it(
      'delivers every published event, intact, to each consumer group',
      async () => {
        const customerView = recorder();
        const timeline = recorder();
        await startConsumer('customer-view', customerView.handler);
        await startConsumer('timeline', timeline.handler);
        const events = interleavedEvents(['customer-1', 'customer-2', 'customer-3'], 2);

        await bus.publisher().publish(events);

        await eventually(() => expect(inPublishedOrder(customerView.events)).toEqual(events));
        await eventually(() => expect(inPublishedOrder(timeline.events)).toEqual(events));
      },
      TEST_TIMEOUT_MS,
    );

    it(
      "keeps each customer's events in order, across publishes",
      async () => {
        const customerView = recorder();
        await startConsumer('customer-view', customerView.handler);
        const events = interleavedEvents(['customer-1', 'customer-2', 'customer-3', 'customer-4'], 5);

        for (let start = 0; start < events.length; start += 3) await bus.publisher().publish(events.slice(start, start + 3));

        await eventually(() => expect(customerView.events).toHaveLength(events.length));
        const inOrder = [0, 1, 2, 3, 4];
        expect(revisionsByStream(customerView.events)).toEqual({
          'customer-1': inOrder,
          'customer-2': inOrder,
          'customer-3': inOrder,
          'customer-4': inOrder,
        });
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'redelivers the events of a failed batch once the consumer restarts',
      async () => {
        let failures = 0;
        const failing = await startConsumer('customer-view', async () => {
          failures += 1;
          throw new Error('read store unavailable');
        });
        const events = interleavedEvents(['customer-1', 'customer-2'], 2);

        const first = attempt(bus.publisher().publish(events));
        await eventually(() => expect(failures).toBeGreaterThan(0));
        await failing.stop();
        const customerView = recorder();
        await startConsumer('customer-view', customerView.handler);
        await relayAgainIfRejected(first, events);

        await eventually(() => expect(new Set(idsOf(customerView.events))).toEqual(new Set(idsOf(events))));
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'does not acknowledge a batch whose handler had not finished when the consumer stopped',
      async () => {
        const applying = gate();
        let received = 0;
        const interrupted = await startConsumer('customer-view', async (batch) => {
          received += batch.length;
          await applying.promise;
        });
        const events = interleavedEvents(['customer-1'], 3);

        const first = attempt(bus.publisher().publish(events));
        await eventually(() => expect(received).toBeGreaterThan(0));
        const stopping = interrupted.stop();
        applying.fail(new Error('process killed mid-batch'));
        await stopping;
        const customerView = recorder();
        await startConsumer('customer-view', customerView.handler);
        await relayAgainIfRejected(first, events);

        await eventually(() => expect(new Set(idsOf(customerView.events))).toEqual(new Set(idsOf(events))));
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'resumes after the last batch its group acknowledged when the consumer restarts',
      async () => {
        const before = recorder();
        const first = await startConsumer('customer-view', before.handler);
        const events = interleavedEvents(['customer-1'], 4);
        const [earlier, later] = [events.slice(0, 2), events.slice(2)];
        await bus.publisher().publish(earlier);
        await eventually(() => expect(before.events).toHaveLength(earlier.length));
        await first.stop();

        const after = recorder();
        await startConsumer('customer-view', after.handler);
        await bus.publisher().publish(later);

        await eventually(() => expect(idsOf(after.events)).toEqual(expect.arrayContaining(idsOf(later))));
        expect(after.events).toEqual(later);
      },
      TEST_TIMEOUT_MS,
    );
  });
}
