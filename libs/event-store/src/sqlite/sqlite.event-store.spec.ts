import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConcurrencyError, EventStoreError } from '../event-store.errors';
import { describeEventStoreContract, eventIdOf, idsOf, newEvent, newEvents } from '../testing';
import { createSqliteEventStore, type SqliteEventStore } from './sqlite.event-store';

let directory: string;
let files = 0;
const nextFile = () => join(directory, `events-${++files}.sqlite`);

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'crm-event-store-'));
});

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

describeEventStoreContract('SQLite', async () => createSqliteEventStore({ filename: nextFile() }));

describe('SQLite event store', () => {
  let store: SqliteEventStore;

  beforeEach(() => {
    store = createSqliteEventStore({ filename: nextFile() });
  });

  afterEach(async () => {
    await store.close();
  });

  describe('group commit', () => {
    it('commits 64 concurrent appends in fewer transactions than appends', async () => {
      const streams = Array.from({ length: 64 }, (_, n) => `customer-${n}`);

      const results = await Promise.all(streams.map((streamId, n) => store.appendToStream(streamId, newEvents(n + 1))));

      expect(results.map((result) => result.nextRevision)).toEqual(streams.map(() => 0));
      expect(store.stats().appends).toBe(64);
      expect(store.stats().transactions).toBeLessThan(64);
      expect(await store.readAll()).toHaveLength(64);
    });

    it('rejects only the append whose expected revision fails, and commits the rest of its batch', async () => {
      await store.appendToStream('customer-1', newEvents(1));

      const outcomes = await Promise.allSettled([
        store.appendToStream('customer-1', newEvents(2), { expectedRevision: 0 }),
        store.appendToStream('customer-1', newEvents(3), { expectedRevision: 0 }),
        store.appendToStream('customer-2', newEvents(4), { expectedRevision: 'no_stream' }),
      ]);

      expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((outcomes[1] as PromiseRejectedResult).reason).toEqual(new ConcurrencyError('customer-1', 0, 1));
      expect(store.stats().transactions).toBe(2);
      expect(idsOf(await store.readStream('customer-1'))).toEqual([1, 2].map(eventIdOf));
      expect(idsOf(await store.readStream('customer-2'))).toEqual([eventIdOf(4)]);
    });

    it('applies appends to one stream within a batch in the order they were made', async () => {
      const results = await Promise.all([
        store.appendToStream('customer-1', newEvents(1), { expectedRevision: 'no_stream' }),
        store.appendToStream('customer-1', newEvents(2), { expectedRevision: 0 }),
        store.appendToStream('customer-1', newEvents(3, 4), { expectedRevision: 1 }),
      ]);

      expect(results.map((result) => result.nextRevision)).toEqual([0, 1, 3]);
      expect(store.stats().transactions).toBe(1);
    });

    it('never puts more than maxBatchSize appends in one transaction', async () => {
      const small = createSqliteEventStore({ filename: nextFile(), maxBatchSize: 4 });

      await Promise.all(Array.from({ length: 10 }, (_, n) => small.appendToStream(`customer-${n}`, newEvents(n + 1))));

      expect(small.stats()).toEqual({ appends: 10, transactions: 3 });
      await small.close();
    });
  });

  describe('stream heads kept in memory', () => {
    it('sees appends another connection committed to the same file', async () => {
      const filename = nextFile();
      const ours = createSqliteEventStore({ filename });
      const other = createSqliteEventStore({ filename });
      await ours.appendToStream('customer-1', newEvents(1));
      await other.appendToStream('customer-1', newEvents(2), { expectedRevision: 0 });

      await expect(ours.appendToStream('customer-1', newEvents(3), { expectedRevision: 0 })).rejects.toEqual(
        new ConcurrencyError('customer-1', 0, 1),
      );
      await expect(ours.appendToStream('customer-1', newEvents(3), { expectedRevision: 1 })).resolves.toMatchObject({ nextRevision: 2 });
      expect(idsOf(await other.readStream('customer-1'))).toEqual([1, 2, 3].map(eventIdOf));
      await other.close();
      await ours.close();
    });

    it('keeps the head of a stream after an append to it was rejected within the same batch', async () => {
      const results = await Promise.allSettled([
        store.appendToStream('customer-1', newEvents(1), { expectedRevision: 'no_stream' }),
        store.appendToStream('customer-1', newEvents(2, 1)),
        store.appendToStream('customer-1', newEvents(3), { expectedRevision: 0 }),
      ]);

      expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(store.stats().transactions).toBe(1);
      expect((await store.appendToStream('customer-1', newEvents(4), { expectedRevision: 1 })).nextRevision).toBe(2);
      expect(idsOf(await store.readStream('customer-1'))).toEqual([1, 3, 4].map(eventIdOf));
    });

    it('keeps heads current however few streams it may hold', async () => {
      const small = createSqliteEventStore({ filename: nextFile(), cachedStreamHeads: 1 });

      await small.appendToStream('customer-1', newEvents(1), { expectedRevision: 'no_stream' });
      await small.appendToStream('customer-1', newEvents(2), { expectedRevision: 0 });
      await small.appendToStream('customer-1', newEvents(3), { expectedRevision: 1 });
      await small.appendToStream('customer-2', newEvents(4), { expectedRevision: 'no_stream' });

      expect((await small.appendToStream('customer-1', newEvents(5), { expectedRevision: 2 })).nextRevision).toBe(3);
      await expect(small.appendToStream('customer-1', newEvents(6), { expectedRevision: 2 })).rejects.toBeInstanceOf(ConcurrencyError);
      await small.close();
    });
  });

  describe('idempotency', () => {
    it('refuses event ids already appended with other content', async () => {
      await store.appendToStream('customer-1', newEvents(1, 2));

      const append = store.appendToStream('customer-1', [newEvent(1, 'CustomerNoted', { note: 'changed' }), newEvent(2)]);

      await expect(append).rejects.toBeInstanceOf(EventStoreError);
    });

    it('refuses a retry that matches only some of the original events', async () => {
      await store.appendToStream('customer-1', newEvents(1, 2));

      await expect(store.appendToStream('customer-1', newEvents(1, 3))).rejects.toBeInstanceOf(EventStoreError);
      await expect(store.appendToStream('customer-1', newEvents(3, 2))).rejects.toBeInstanceOf(EventStoreError);
      expect(idsOf(await store.readStream('customer-1'))).toEqual([1, 2].map(eventIdOf));
    });

    it('refuses an empty append and an append repeating an event id', async () => {
      await expect(store.appendToStream('customer-1', [])).rejects.toBeInstanceOf(EventStoreError);
      await expect(store.appendToStream('customer-1', newEvents(1, 1))).rejects.toBeInstanceOf(EventStoreError);
    });
  });

  describe('durability', () => {
    it('keeps acknowledged events, metadata and deletions across close and reopen', async () => {
      const filename = nextFile();
      const first = createSqliteEventStore({ filename });
      await first.appendToStream('customer-1', newEvents(1, 2));
      await first.appendToStream('customer-2', newEvents(3));
      await first.setStreamMetadata('customer-1', { custom: { erased: true } });
      await first.deleteStream('customer-2');
      await first.close();

      const reopened = createSqliteEventStore({ filename });

      expect(idsOf(await reopened.readStream('customer-1'))).toEqual([1, 2].map(eventIdOf));
      expect(await reopened.getStreamMetadata('customer-1')).toEqual({ custom: { erased: true } });
      expect(await reopened.readStream('customer-2')).toEqual([]);
      expect((await reopened.appendToStream('customer-2', newEvents(4))).nextRevision).toBe(1);
      await reopened.close();
    });

    it('commits appends still queued when it closes', async () => {
      const filename = nextFile();
      const closing = createSqliteEventStore({ filename });
      const appended = closing.appendToStream('customer-1', newEvents(1));
      await closing.close();

      await expect(appended).resolves.toEqual({ nextRevision: 0, position: 1 });
      const reopened = createSqliteEventStore({ filename });
      expect(idsOf(await reopened.readStream('customer-1'))).toEqual([eventIdOf(1)]);
      await reopened.close();
    });

    it('refuses appends after close', async () => {
      const closed = createSqliteEventStore({ filename: nextFile() });
      await closed.close();

      await expect(closed.appendToStream('customer-1', newEvents(1))).rejects.toBeInstanceOf(EventStoreError);
    });
  });

  describe('reading the log', () => {
    it('reads every event exactly as appended, whatever its stream id, type and data hold', async () => {
      const streamId = 'customer-"quoted"\\ünïcode\u{1F600}';
      const data = { text: 'line\nbreak "quote" \\ \u0001', nested: { list: [1.5, null, true, 'é'] }, empty: {} };
      await store.appendToStream(streamId, [newEvent(1, 'Type "with" \\ quotes', data), newEvent(2)]);

      const read = await store.readAll({ filter: { streamPrefixes: ['customer-"quoted"'] } });

      expect(read).toEqual(await store.readStream(streamId));
      expect(read.map(({ type, data: readData, metadata }) => ({ type, data: readData, metadata }))).toEqual(
        [newEvent(1, 'Type "with" \\ quotes', data), newEvent(2)].map(({ type, data: newData, metadata }) => ({ type, data: newData, metadata })),
      );
    });

    it('combines several stream prefixes and several event types, and reads empty lists as no constraint', async () => {
      await store.appendToStream('customer-1', [newEvent(1, 'CustomerRegistered'), newEvent(2, 'CustomerNoted')]);
      await store.appendToStream('deal-1', [newEvent(3, 'DealOpened')]);
      await store.appendToStream('ticket-1', [newEvent(4, 'CustomerRegistered')]);
      await store.appendToStream('customer-2', [newEvent(5, 'CustomerArchived')]);

      const filtered = await store.readAll({
        filter: { streamPrefixes: ['customer-', 'deal-'], eventTypes: ['CustomerRegistered', 'DealOpened', 'CustomerArchived'] },
      });
      const unconstrained = await store.readAll({ filter: { streamPrefixes: [], eventTypes: [] } });

      expect(idsOf(filtered)).toEqual([1, 3, 5].map(eventIdOf));
      expect(idsOf(unconstrained)).toEqual([1, 2, 3, 4, 5].map(eventIdOf));
    });
  });

  describe('subscriptions', () => {
    it('ends live subscriptions when the store closes', async () => {
      const closing = createSqliteEventStore({ filename: nextFile() });
      const pending = closing.subscribeToAll()[Symbol.asyncIterator]().next();

      await closing.close();

      await expect(pending).resolves.toEqual({ done: true, value: undefined });
    });
  });
});
