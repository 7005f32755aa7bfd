import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@crm/contracts';
import type { EventStore } from '../event-store.port';
import { ConcurrencyError } from '../event-store.errors';
import { deferred, eventIdOf, FIXED_NOW, idsOf, newEvent, newEvents, takeEvents } from './event-store.fixtures';

/**
 * The behaviour every EventStore adapter must have. Pass `undefined` as the factory when the
 * adapter's server is not available: every test then shows as skipped, never as passed.
 *
 * Stream names carry a per-run prefix so the suite can run again and again against one shared
 * server; event ids and times are fixed.
 */
export function describeEventStoreContract(
  adapterName: string,
  createStore: (() => Promise<EventStore>) | undefined,
): void {
  const describeIfAvailable = createStore === undefined ? describe.skip : describe;

  describeIfAvailable(`${adapterName} contract`, () => {
    const run = randomUUID().slice(0, 8);
    let store: EventStore;
    let testNumber = 0;
    let prefix: string;
    /** A stream unique to this test and run; every stream of a test shares `prefix`. */
    const stream = (name: string) => `${prefix}${name}`;

    beforeEach(async () => {
      testNumber += 1;
      prefix = `contract${run}t${testNumber}-`;
      if (createStore === undefined) throw new Error(`${adapterName} is not available`);
      store = await createStore();
    });

    afterEach(async () => {
      await store.close();
    });

    describe('appendToStream', () => {
      it('records events in order with their ids, types, data, metadata and consecutive revisions', async () => {
        const result = await store.appendToStream(stream('customer-1'), newEvents(1, 2, 3), { expectedRevision: 'no_stream' });

        const events = await store.readStream(stream('customer-1'));
        expect(result.nextRevision).toBe(2);
        expect(events).toEqual(
          [1, 2, 3].map((n, index) => ({ ...newEvent(n), streamId: stream('customer-1'), revision: index, globalPosition: expect.any(Number) })),
        );
        expect(events[2].globalPosition).toBe(result.position);
        expect(events[0].globalPosition).toBeLessThan(events[1].globalPosition);
        expect(events[1].globalPosition).toBeLessThan(events[2].globalPosition);
      });

      it('gives later appends higher global positions, across streams', async () => {
        const first = await store.appendToStream(stream('customer-1'), newEvents(1));
        const second = await store.appendToStream(stream('customer-2'), newEvents(2));

        expect(second.position).toBeGreaterThan(first.position);
      });

      it('appends when the expected revision is the last revision, or any, or stream_exists', async () => {
        await store.appendToStream(stream('customer-1'), newEvents(1), { expectedRevision: 'no_stream' });
        await store.appendToStream(stream('customer-1'), newEvents(2), { expectedRevision: 0 });
        await store.appendToStream(stream('customer-1'), newEvents(3), { expectedRevision: 'any' });
        const result = await store.appendToStream(stream('customer-1'), newEvents(4), { expectedRevision: 'stream_exists' });

        expect(result.nextRevision).toBe(3);
        expect(idsOf(await store.readStream(stream('customer-1')))).toEqual([1, 2, 3, 4].map(eventIdOf));
      });

      it.each([
        ['a stale revision', 0, 1],
        ['a revision ahead of the stream', 5, 1],
        ['no_stream on an existing stream', 'no_stream' as const, 1],
      ])('rejects %s with a ConcurrencyError carrying the actual revision', async (_case, expectedRevision, actual) => {
        await store.appendToStream(stream('customer-1'), newEvents(1, 2));

        const append = store.appendToStream(stream('customer-1'), newEvents(3), { expectedRevision });

        await expect(append).rejects.toBeInstanceOf(ConcurrencyError);
        await expect(append).rejects.toMatchObject({ streamId: stream('customer-1'), expected: expectedRevision, actual });
        expect(idsOf(await store.readStream(stream('customer-1')))).toEqual([1, 2].map(eventIdOf));
      });

      it.each([
        ['stream_exists', 'stream_exists' as const],
        ['a revision', 0],
      ])('rejects %s on a missing stream with actual revision -1', async (_case, expectedRevision) => {
        const append = store.appendToStream(stream('customer-1'), newEvents(1), { expectedRevision });

        await expect(append).rejects.toBeInstanceOf(ConcurrencyError);
        await expect(append).rejects.toMatchObject({ actual: -1 });
        expect(await store.readStream(stream('customer-1'))).toEqual([]);
      });
    });

    describe('idempotent append', () => {
      it('returns the original result and writes nothing when the same events are appended again', async () => {
        const original = await store.appendToStream(stream('customer-1'), newEvents(1, 2), { expectedRevision: 'no_stream' });

        const retried = await store.appendToStream(stream('customer-1'), newEvents(1, 2), { expectedRevision: 'no_stream' });

        expect(retried).toEqual(original);
        expect(idsOf(await store.readStream(stream('customer-1')))).toEqual([1, 2].map(eventIdOf));
      });

      it('succeeds even when the retry expected revision is stale by now', async () => {
        await store.appendToStream(stream('customer-1'), newEvents(1), { expectedRevision: 'no_stream' });
        const original = await store.appendToStream(stream('customer-1'), newEvents(2), { expectedRevision: 0 });
        await store.appendToStream(stream('customer-1'), newEvents(3), { expectedRevision: 1 });

        const retried = await store.appendToStream(stream('customer-1'), newEvents(2), { expectedRevision: 0 });

        expect(retried).toEqual(original);
        expect(idsOf(await store.readStream(stream('customer-1')))).toEqual([1, 2, 3].map(eventIdOf));
      });

      it('recognises a retry made with expected revision any', async () => {
        await store.appendToStream(stream('customer-1'), newEvents(1));
        const original = await store.appendToStream(stream('customer-1'), newEvents(2, 3));

        const retried = await store.appendToStream(stream('customer-1'), newEvents(2, 3));

        expect(retried).toEqual(original);
        expect(idsOf(await store.readStream(stream('customer-1')))).toEqual([1, 2, 3].map(eventIdOf));
      });
    });

    describe('readStream', () => {
      beforeEach(async () => {
        await store.appendToStream(stream('customer-1'), newEvents(1, 2, 3, 4, 5));
      });

      it('reads an unknown stream as empty', async () => {
        expect(await store.readStream(stream('nobody'))).toEqual([]);
      });

      it('reads forwards from a revision, at most maxCount events', async () => {
        const events = await store.readStream(stream('customer-1'), { fromRevision: 1, maxCount: 3 });

        expect(events.map((event) => event.revision)).toEqual([1, 2, 3]);
      });

      it('reads backwards from the end', async () => {
        const events = await store.readStream(stream('customer-1'), { direction: 'backwards', maxCount: 2 });

        expect(events.map((event) => event.revision)).toEqual([4, 3]);
      });

      it('reads backwards from a revision', async () => {
        const events = await store.readStream(stream('customer-1'), { direction: 'backwards', fromRevision: 2 });

        expect(events.map((event) => event.revision)).toEqual([2, 1, 0]);
      });
    });

    describe('readAll and headPosition', () => {
      it('reads the global log strictly after a position, at most maxCount events', async () => {
        const before = await store.headPosition();
        const first = await store.appendToStream(stream('customer-1'), newEvents(1));
        await store.appendToStream(stream('customer-2'), newEvents(2, 3));
        await store.appendToStream(stream('customer-1'), newEvents(4));

        const all = await store.readAll({ after: before, filter: { streamPrefixes: [prefix] } });
        const afterFirst = await store.readAll({ after: first.position, maxCount: 2, filter: { streamPrefixes: [prefix] } });

        expect(idsOf(all)).toEqual([1, 2, 3, 4].map(eventIdOf));
        expect(idsOf(afterFirst)).toEqual([2, 3].map(eventIdOf));
      });

      it('filters by stream prefix and by event type', async () => {
        const before = await store.headPosition();
        await store.appendToStream(stream('customer-1'), [newEvent(1, 'CustomerRegistered'), newEvent(2, 'CustomerNoted')]);
        await store.appendToStream(stream('deal-1'), [newEvent(3, 'CustomerRegistered')]);
        await store.appendToStream(stream('customer-2'), [newEvent(4, 'CustomerArchived')]);

        const customers = await store.readAll({ after: before, filter: { streamPrefixes: [stream('customer-')] } });
        const registered = await store.readAll({ after: before, filter: { eventTypes: ['CustomerRegistered', 'CustomerArchived'] } });
        const both = await store.readAll({
          after: before,
          filter: { streamPrefixes: [stream('customer-')], eventTypes: ['CustomerRegistered'] },
        });

        expect(idsOf(customers)).toEqual([1, 2, 4].map(eventIdOf));
        expect(idsOf(registered.filter((event) => event.streamId.startsWith(prefix)))).toEqual([1, 3, 4].map(eventIdOf));
        expect(idsOf(both)).toEqual([eventIdOf(1)]);
      });

      it('reports the position of the newest event as the head', async () => {
        const result = await store.appendToStream(stream('customer-1'), newEvents(1, 2));

        expect(await store.headPosition()).toBe(result.position);
      });
    });

    describe('subscribeToAll', () => {
      it('delivers history after the checkpoint, then live events, with no gap and no duplicate', async () => {
        const first = await store.appendToStream(stream('customer-1'), newEvents(1));
        await store.appendToStream(stream('customer-1'), newEvents(2, 3));
        const subscription = store.subscribeToAll({ after: first.position, filter: { streamPrefixes: [prefix] } });

        const historyDelivered = deferred();
        const receiving = takeEvents(subscription, 4, historyDelivered.resolve);
        await historyDelivered.promise;
        await store.appendToStream(stream('customer-2'), newEvents(4));
        await store.appendToStream(stream('customer-1'), newEvents(5));
        const received = await receiving;
        await subscription.stop();

        expect(idsOf(received)).toEqual([2, 3, 4, 5].map(eventIdOf));
        expectStrictlyIncreasingPositions(received);
      });

      it('loses nothing appended concurrently while it is still catching up', async () => {
        const before = await store.headPosition();
        for (const n of [1, 2, 3, 4]) await store.appendToStream(stream(`customer-${n}`), newEvents(n));
        const subscription = store.subscribeToAll({ after: before, maxBatchSize: 1, filter: { streamPrefixes: [prefix] } });

        let batches = 0;
        const received = await takeEvents(subscription, 10, (batch) => {
          batches += 1;
          // Not awaited: these commit while the subscription is still reading its history.
          if (batches === 1) [5, 6, 7].forEach((n) => void store.appendToStream(stream(`customer-${n}`), newEvents(n)));
          if (batches === 6) [8, 9, 10].forEach((n) => void store.appendToStream(stream(`customer-${n}`), newEvents(n)));
          expect(batch.length).toBeLessThanOrEqual(1);
        });
        await subscription.stop();

        expect(idsOf(received).sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(eventIdOf));
        expect(received).toHaveLength(10);
        expectStrictlyIncreasingPositions(received);
      });

      it('delivers only events matching its filter', async () => {
        const before = await store.headPosition();
        const subscription = store.subscribeToAll({
          after: before,
          filter: { streamPrefixes: [stream('customer-')], eventTypes: ['CustomerRegistered'] },
        });

        const receiving = takeEvents(subscription, 2);
        await store.appendToStream(stream('customer-1'), [newEvent(1, 'CustomerNoted'), newEvent(2, 'CustomerRegistered')]);
        await store.appendToStream(stream('deal-1'), [newEvent(3, 'CustomerRegistered')]);
        await store.appendToStream(stream('customer-2'), [newEvent(4, 'CustomerRegistered')]);
        const received = await receiving;
        await subscription.stop();

        expect(idsOf(received)).toEqual([2, 4].map(eventIdOf));
      });

      it('ends a pending iteration when stopped while waiting for live events', async () => {
        const subscription = store.subscribeToAll({ after: await store.headPosition(), filter: { streamPrefixes: [prefix] } });
        const iterator = subscription[Symbol.asyncIterator]();

        const pending = iterator.next();
        await subscription.stop();

        await expect(pending).resolves.toEqual({ done: true, value: undefined });
      });
    });

    describe('stream metadata', () => {
      it('reads an unknown stream metadata as empty', async () => {
        expect(await store.getStreamMetadata(stream('nobody'))).toEqual({});
      });

      it('stores truncateBefore, maxAge, maxCount and custom metadata', async () => {
        await store.appendToStream(stream('customer-1'), newEvents(1));
        const metadata = { truncateBefore: 0, maxAge: 86_400, maxCount: 100, custom: { erasedAt: FIXED_NOW, reason: 'gdpr' } };

        await store.setStreamMetadata(stream('customer-1'), metadata);

        expect(await store.getStreamMetadata(stream('customer-1'))).toEqual(metadata);
      });

      it('hides events before truncateBefore from readStream', async () => {
        await store.appendToStream(stream('customer-1'), newEvents(1, 2, 3, 4));

        await store.setStreamMetadata(stream('customer-1'), { truncateBefore: 2 });

        expect(idsOf(await store.readStream(stream('customer-1')))).toEqual([3, 4].map(eventIdOf));
        expect(idsOf(await store.readStream(stream('customer-1'), { direction: 'backwards' }))).toEqual([4, 3].map(eventIdOf));
      });

      it('keeps only the newest maxCount events readable', async () => {
        await store.appendToStream(stream('customer-1'), newEvents(1, 2, 3, 4));

        await store.setStreamMetadata(stream('customer-1'), { maxCount: 1 });

        expect(idsOf(await store.readStream(stream('customer-1')))).toEqual([eventIdOf(4)]);
      });
    });

    describe('soft delete', () => {
      beforeEach(async () => {
        await store.appendToStream(stream('customer-1'), newEvents(1, 2));
        await store.deleteStream(stream('customer-1'));
      });

      it('makes the stream read as empty', async () => {
        expect(await store.readStream(stream('customer-1'))).toEqual([]);
        expect(await store.readStream(stream('customer-1'), { direction: 'backwards' })).toEqual([]);
      });

      it('lets the stream be recreated with no_stream, continuing after its last revision', async () => {
        const result = await store.appendToStream(stream('customer-1'), newEvents(3), { expectedRevision: 'no_stream' });

        const events = await store.readStream(stream('customer-1'));
        expect(result.nextRevision).toBe(2);
        expect(events.map((event) => [event.eventId, event.revision])).toEqual([[eventIdOf(3), 2]]);
      });

      it('continues after its last revision when appended with expected revision any', async () => {
        await store.appendToStream(stream('customer-1'), newEvents(3));
        const result = await store.appendToStream(stream('customer-1'), newEvents(4));

        expect(result.nextRevision).toBe(3);
        expect((await store.readStream(stream('customer-1'))).map((event) => event.revision)).toEqual([2, 3]);
      });
    });
  });
}

function expectStrictlyIncreasingPositions(events: RecordedEvent[]): void {
  const positions = events.map((event) => event.globalPosition);
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
  expect(new Set(positions).size).toBe(positions.length);
}
