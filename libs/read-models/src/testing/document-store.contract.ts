import { customerIdOfStream, customerStreamId, type RecordedEvent } from '@crm/contracts';
import {
  InvalidCursorError,
  type CollectionDefinition,
  type Condition,
  type DocumentCollection,
  type DocumentQuery,
  type DocumentStore,
} from '../document-store.port';
import type { Projection, ReadModelDocument } from '../projection';

/**
 * Opens a store on the storage named `location`. The suite passes a fresh location per test
 * and the same one again to check durability across a reopen.
 */
export type OpenDocumentStore = (location: string) => Promise<DocumentStore>;

export interface DocumentStoreContractOptions {
  /**
   * Whether a guarded single-document update is atomic against other connections (SQLite and
   * MongoDB: yes; FerretDB v1: no, it filters in memory and then updates by id), which is what
   * keeps racing writers from moving a document backwards. Defaults to true.
   */
  atomicConditionalUpdates?: boolean;
}

export interface ContactDoc extends ReadModelDocument {
  name: string;
  /** Lowercased copy of `name`, the field `startsWith` queries run against. */
  nameKey: string;
  tier: string;
  score: number;
  vip: boolean;
  address?: { region: string };
  visits: number;
}

const RECORDED_AT = '2024-03-01T09:00:00.000Z';

/** A trivial projection: Registered creates, Visited counts (not idempotent on its own), Removed deletes. */
export const contactProjection: Projection<ContactDoc> = {
  name: 'contacts',
  canHandle: (event) => ['Registered', 'Visited', 'Rescored', 'Removed'].includes(event.type),
  documentIds: (event) => [customerIdOfStream(event.streamId) as string],
  evolve(doc, event) {
    const id = customerIdOfStream(event.streamId) as string;
    const data = event.data;
    switch (event.type) {
      case 'Registered': {
        const name = data.name as string;
        const region = data.region as string | undefined;
        return {
          id,
          name,
          nameKey: name.toLowerCase(),
          tier: data.tier as string,
          score: data.score as number,
          vip: data.vip as boolean,
          ...(region === undefined ? {} : { address: { region } }),
          visits: 0,
        };
      }
      case 'Visited':
        return doc && { ...doc, visits: doc.visits + 1 };
      case 'Rescored':
        return doc && { ...doc, score: data.score as number };
      case 'Removed':
        return null;
      default:
        return doc;
    }
  },
};

export const contactsDefinition: CollectionDefinition = {
  name: 'contacts',
  indexes: [['tier', 'score'], ['nameKey'], ['address.region'], ['vip']],
};

export function contactEvent(
  customerId: string,
  revision: number,
  type: string,
  data: Record<string, unknown> = {},
): RecordedEvent {
  const streamId = customerStreamId(customerId);
  return {
    eventId: `${streamId}@${revision}`,
    type,
    data,
    metadata: {
      schemaVersion: 1,
      recordedAt: RECORDED_AT,
      correlationId: 'correlation-1',
      causationId: 'causation-1',
      actor: 'tester',
      department: 'sales',
    },
    streamId,
    revision,
    globalPosition: revision,
  };
}

const registered = (id: string, name: string, tier: string, score: number, vip: boolean, region?: string) =>
  contactEvent(id, 0, 'Registered', { name, tier, score, vip, ...(region === undefined ? {} : { region }) });

/** Seven contacts with ties on tier and score and two without a region. */
const SEED: RecordedEvent[] = [
  registered('c1', 'Alice', 'gold', 90, true, 'north'),
  registered('c2', 'bob', 'silver', 75, false, 'south'),
  registered('c3', 'Carol', 'gold', 90, false),
  registered('c4', 'alfred', 'bronze', 60, true, 'north'),
  registered('c5', 'Dave', 'silver', 75, true),
  registered('c6', 'Eve', 'gold', 82, false, 'south'),
  registered('c7', 'ALINA', 'bronze', 60, false, 'north'),
];

const ids = (docs: ContactDoc[]) => docs.map((doc) => doc.id);

export function describeDocumentStoreContract(
  name: string,
  openStore: OpenDocumentStore,
  options: DocumentStoreContractOptions = {},
): void {
  const itWithAtomicUpdates = options.atomicConditionalUpdates === false ? it.skip : it;

  describe(`${name} document store contract`, () => {
    let testNumber = 0;
    let location: string;
    const opened: DocumentStore[] = [];

    const open = async (): Promise<DocumentStore> => {
      const store = await openStore(location);
      opened.push(store);
      return store;
    };
    const contacts = async (store?: DocumentStore): Promise<DocumentCollection<ContactDoc>> =>
      (store ?? (await open())).collection<ContactDoc>(contactsDefinition);
    const seeded = async (store?: DocumentStore): Promise<DocumentCollection<ContactDoc>> => {
      const collection = await contacts(store);
      await collection.applyBatch(contactProjection, SEED);
      return collection;
    };
    const allPages = async (collection: DocumentCollection<ContactDoc>, query: Omit<DocumentQuery, 'cursor'>) => {
      const pages: string[][] = [];
      let cursor: string | undefined;
      do {
        const page = await collection.find({ ...query, cursor });
        pages.push(ids(page.items));
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined && pages.length < 20);
      return pages;
    };

    beforeEach(() => {
      testNumber += 1;
      location = `contract-${testNumber}`;
    });

    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });

    describe('applyBatch', () => {
      it('stores what the projection produces and the stream revision it applied', async () => {
        const collection = await contacts();
        await collection.applyBatch(contactProjection, [
          registered('c1', 'Alice', 'gold', 90, true, 'north'),
          contactEvent('c1', 1, 'Visited'),
        ]);

        expect(await collection.get('c1')).toEqual({
          id: 'c1',
          name: 'Alice',
          nameKey: 'alice',
          tier: 'gold',
          score: 90,
          vip: true,
          address: { region: 'north' },
          visits: 1,
        });
        expect(await collection.appliedRevision('c1')).toBe(1);
      });

      it('answers a document as JSON text of what get answers, with the stream revision it applied', async () => {
        const collection = await contacts();
        await collection.applyBatch(contactProjection, [registered('c1', 'Alice', 'gold', 90, true, 'north'), contactEvent('c1', 1, 'Visited')]);

        const stored = await collection.getJson('c1');

        expect(stored?.revision).toBe(1);
        expect(JSON.parse(stored?.json ?? 'null')).toEqual(await collection.get('c1'));
      });

      it('answers null and revision -1 for a document it never stored', async () => {
        const collection = await contacts();

        expect(await collection.get('nobody')).toBeNull();
        expect(await collection.getJson('nobody')).toBeNull();
        expect(await collection.appliedRevision('nobody')).toBe(-1);
      });

      it('ignores events the projection cannot handle', async () => {
        const collection = await contacts();
        await collection.applyBatch(contactProjection, [contactEvent('c1', 0, 'Unrelated', { name: 'x' })]);

        expect(await collection.get('c1')).toBeNull();
        expect(await collection.count()).toBe(0);
      });

      it('applies a redelivered batch only once', async () => {
        const collection = await contacts();
        await collection.applyBatch(contactProjection, [registered('c1', 'Alice', 'gold', 90, true)]);
        const batch = [contactEvent('c1', 1, 'Visited'), contactEvent('c1', 2, 'Visited')];
        await collection.applyBatch(contactProjection, batch);
        const first = await collection.get('c1');

        await collection.applyBatch(contactProjection, batch);

        expect(await collection.get('c1')).toEqual(first);
        expect(first?.visits).toBe(2);
        expect(await collection.appliedRevision('c1')).toBe(2);
      });

      it('applies only the unseen tail of a batch that overlaps what was applied', async () => {
        const collection = await contacts();
        await collection.applyBatch(contactProjection, [
          registered('c1', 'Alice', 'gold', 90, true),
          contactEvent('c1', 1, 'Visited'),
        ]);

        await collection.applyBatch(contactProjection, [contactEvent('c1', 1, 'Visited'), contactEvent('c1', 2, 'Visited')]);

        expect((await collection.get('c1'))?.visits).toBe(2);
      });

      it('never lets an older event overwrite a newer state', async () => {
        const collection = await contacts();
        await collection.applyBatch(contactProjection, [
          registered('c1', 'Alice', 'gold', 90, true),
          contactEvent('c1', 1, 'Rescored', { score: 50 }),
          contactEvent('c1', 2, 'Rescored', { score: 70 }),
        ]);

        await collection.applyBatch(contactProjection, [contactEvent('c1', 1, 'Rescored', { score: 10 })]);

        expect((await collection.get('c1'))?.score).toBe(70);
        expect(await collection.appliedRevision('c1')).toBe(2);
      });

      it('updates several documents in one batch independently', async () => {
        const collection = await contacts();
        await collection.applyBatch(contactProjection, [
          registered('c1', 'Alice', 'gold', 90, true),
          registered('c2', 'bob', 'silver', 75, false),
          contactEvent('c1', 1, 'Visited'),
        ]);

        expect((await collection.get('c1'))?.visits).toBe(1);
        expect((await collection.get('c2'))?.visits).toBe(0);
      });

      it('tells listeners in this process of each batch writing their document, through any handle on the collection, until they stop', async () => {
        const store = await open();
        const [writer, reader] = [await contacts(store), await contacts(store)];
        let heard = 0;
        const stop = reader.onApplied('c1', () => (heard += 1));

        await writer.applyBatch(contactProjection, [registered('c1', 'Alice', 'gold', 90, true), registered('c2', 'Bob', 'gold', 90, true)]);
        await writer.applyBatch(contactProjection, [contactEvent('c2', 1, 'Visited')]);
        await writer.applyBatch(contactProjection, [contactEvent('c1', 1, 'Visited')]);
        await writer.applyBatch(contactProjection, [contactEvent('c1', 1, 'Visited')]);
        stop();
        await writer.applyBatch(contactProjection, [contactEvent('c1', 2, 'Visited')]);

        expect(heard).toBe(2);
      });

      it('applies a batch that updates hundreds of stored documents', async () => {
        const collection = await contacts();
        const ids = Array.from({ length: 250 }, (_, n) => `m${n}`);
        await collection.applyBatch(contactProjection, ids.map((id) => registered(id, id, 'gold', 50, false)));

        await collection.applyBatch(contactProjection, ids.map((id) => contactEvent(id, 1, 'Visited')));

        expect(await collection.count()).toBe(250);
        expect(await Promise.all(ids.map((id) => collection.appliedRevision(id)))).toEqual(ids.map(() => 1));
        expect((await collection.get('m249'))?.visits).toBe(1);
      });

      itWithAtomicUpdates('applies every event once when two writers race with overlapping batches', async () => {
        const [first, second] = [await contacts(), await contacts()];
        await first.applyBatch(contactProjection, [registered('c1', 'Alice', 'gold', 90, true)]);
        const visits = (to: number) => Array.from({ length: to }, (_, i) => contactEvent('c1', i + 1, 'Visited'));

        await Promise.all([
          first.applyBatch(contactProjection, visits(3)),
          second.applyBatch(contactProjection, visits(5)),
          first.applyBatch(contactProjection, visits(1)),
          second.applyBatch(contactProjection, visits(2)),
          first.applyBatch(contactProjection, visits(4)),
        ]);

        expect((await first.get('c1'))?.visits).toBe(5);
        expect(await second.appliedRevision('c1')).toBe(5);
      });

      it('creates a document once when two writers race to create it', async () => {
        const [first, second] = [await contacts(), await contacts()];
        const history = [registered('c1', 'Alice', 'gold', 90, true), contactEvent('c1', 1, 'Visited')];

        await Promise.all([
          second.applyBatch(contactProjection, history),
          first.applyBatch(contactProjection, history.slice(0, 1)),
        ]);

        expect((await first.get('c1'))?.visits).toBe(1);
        expect(await first.appliedRevision('c1')).toBe(1);
      });

      it('deletes a document the projection evolves to null, and a redelivery does not revive it', async () => {
        const collection = await seeded();
        await collection.applyBatch(contactProjection, [contactEvent('c2', 1, 'Removed')]);

        await collection.applyBatch(contactProjection, [registered('c2', 'bob', 'silver', 75, false)]);

        expect(await collection.get('c2')).toBeNull();
        expect(await collection.getJson('c2')).toBeNull();
        expect(await collection.appliedRevision('c2')).toBe(1);
        expect(await collection.count()).toBe(6);
        const silver = await collection.find({ where: [{ field: 'tier', op: 'eq', value: 'silver' }], limit: 10 });
        expect(ids(silver.items)).toEqual(['c5']);
        const scanned: string[] = [];
        for await (const doc of collection.scan()) scanned.push(doc.id);
        expect(scanned).not.toContain('c2');
      });
    });

    describe('find', () => {
      const where = async (...conditions: Condition[]) =>
        ids((await (await seeded()).find({ where: conditions, limit: 10 })).items);

      it('orders by id when no sort is given', async () => {
        expect(await where()).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7']);
      });

      it('matches eq on strings, numbers, booleans and the id', async () => {
        expect(await where({ field: 'tier', op: 'eq', value: 'gold' })).toEqual(['c1', 'c3', 'c6']);
        expect(await where({ field: 'score', op: 'eq', value: 75 })).toEqual(['c2', 'c5']);
        expect(await where({ field: 'vip', op: 'eq', value: true })).toEqual(['c1', 'c4', 'c5']);
        expect(await where({ field: 'id', op: 'eq', value: 'c6' })).toEqual(['c6']);
      });

      it('matches eq null on a missing nested field', async () => {
        expect(await where({ field: 'address.region', op: 'eq', value: null })).toEqual(['c3', 'c5']);
        expect(await where({ field: 'address.region', op: 'eq', value: 'north' })).toEqual(['c1', 'c4', 'c7']);
      });

      it('matches in', async () => {
        expect(await where({ field: 'tier', op: 'in', values: ['bronze', 'silver'] })).toEqual(['c2', 'c4', 'c5', 'c7']);
        expect(await where({ field: 'tier', op: 'in', values: [] })).toEqual([]);
      });

      it('matches number ranges', async () => {
        expect(await where({ field: 'score', op: 'lt', value: 75 })).toEqual(['c4', 'c7']);
        expect(await where({ field: 'score', op: 'lte', value: 75 })).toEqual(['c2', 'c4', 'c5', 'c7']);
        expect(await where({ field: 'score', op: 'gt', value: 82 })).toEqual(['c1', 'c3']);
        expect(await where({ field: 'score', op: 'gte', value: 82 })).toEqual(['c1', 'c3', 'c6']);
      });

      it('matches string ranges without crossing into other types', async () => {
        expect(await where({ field: 'nameKey', op: 'lt', value: 'bob' })).toEqual(['c1', 'c4', 'c7']);
        expect(await where({ field: 'nameKey', op: 'gte', value: 'dave' })).toEqual(['c5', 'c6']);
        expect(await where({ field: 'score', op: 'gt', value: 'a' })).toEqual([]);
      });

      it('matches a prefix case-insensitively against a lowercased field', async () => {
        expect(await where({ field: 'nameKey', op: 'startsWith', value: 'AL' })).toEqual(['c1', 'c4', 'c7']);
        expect(await where({ field: 'nameKey', op: 'startsWith', value: 'Ali' })).toEqual(['c1', 'c7']);
        expect(await where({ field: 'nameKey', op: 'startsWith', value: 'zed' })).toEqual([]);
      });

      it('combines conditions with AND', async () => {
        expect(
          await where({ field: 'tier', op: 'eq', value: 'gold' }, { field: 'score', op: 'gte', value: 85 }),
        ).toEqual(['c1', 'c3']);
      });

      it('sorts by several keys in mixed directions, then by id in the last key\'s direction', async () => {
        const collection = await seeded();

        const page = await collection.find({
          sort: [{ field: 'tier', direction: 'asc' }, { field: 'score', direction: 'desc' }],
          limit: 10,
        });

        expect(ids(page.items)).toEqual(['c7', 'c4', 'c3', 'c1', 'c6', 'c5', 'c2']);
        expect(page.nextCursor).toBeNull();
      });

      it('pages with a cursor through ties in the sort keys', async () => {
        const collection = await seeded();

        const pages = await allPages(collection, { sort: [{ field: 'score', direction: 'desc' }], limit: 2 });

        expect(pages).toEqual([['c3', 'c1'], ['c6', 'c5'], ['c2', 'c7'], ['c4']]);
      });

      it('pages through multi-key sorts with a filter', async () => {
        const collection = await seeded();

        const pages = await allPages(collection, {
          where: [{ field: 'score', op: 'gte', value: 60 }],
          sort: [{ field: 'tier', direction: 'desc' }, { field: 'score', direction: 'asc' }],
          limit: 3,
        });

        expect(pages).toEqual([['c2', 'c5', 'c6'], ['c1', 'c3', 'c4'], ['c7']]);
      });

      it('sorts missing values first ascending and last descending, and pages across them', async () => {
        const collection = await seeded();

        const ascending = await allPages(collection, { sort: [{ field: 'address.region', direction: 'asc' }], limit: 2 });
        const descending = await allPages(collection, { sort: [{ field: 'address.region', direction: 'desc' }], limit: 2 });

        expect(ascending).toEqual([['c3', 'c5'], ['c1', 'c4'], ['c7', 'c2'], ['c6']]);
        expect(descending).toEqual([['c6', 'c2'], ['c7', 'c4'], ['c1', 'c5'], ['c3']]);
      });

      it('pages by id descending', async () => {
        const collection = await seeded();

        const pages = await allPages(collection, { sort: [{ field: 'id', direction: 'desc' }], limit: 3 });

        expect(pages).toEqual([['c7', 'c6', 'c5'], ['c4', 'c3', 'c2'], ['c1']]);
      });

      it('returns no cursor when the last page is exactly full', async () => {
        const collection = await seeded();

        const pages = await allPages(collection, { where: [{ field: 'tier', op: 'eq', value: 'gold' }], limit: 3 });

        expect(pages).toEqual([['c1', 'c3', 'c6']]);
      });

      it('rejects a cursor it did not issue or that belongs to another sort', async () => {
        const collection = await seeded();

        await expect(collection.find({ limit: 2, cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(InvalidCursorError);
        const issued = (await collection.find({ sort: [{ field: 'tier', direction: 'asc' }], limit: 2 })).nextCursor ?? undefined;
        await expect(collection.find({ limit: 2, cursor: issued })).rejects.toBeInstanceOf(InvalidCursorError);
      });
    });

    describe('count and scan', () => {
      it('counts all documents or those matching conditions', async () => {
        const collection = await seeded();

        expect(await collection.count()).toBe(7);
        expect(await collection.count([{ field: 'tier', op: 'eq', value: 'gold' }])).toBe(3);
        expect(
          await collection.count([
            { field: 'nameKey', op: 'startsWith', value: 'al' },
            { field: 'vip', op: 'eq', value: false },
          ]),
        ).toBe(1);
      });

      it('scans every document across batches', async () => {
        const collection = await seeded();

        const scanned: string[] = [];
        for await (const doc of collection.scan(3)) scanned.push(doc.id);

        expect(scanned.sort()).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7']);
      });
    });

    describe('durability', () => {
      it('keeps checkpoints and documents across a reopen', async () => {
        const first = await open();
        expect(await first.loadCheckpoint('projector')).toBeUndefined();
        await first.saveCheckpoint('projector', 41);
        await first.saveCheckpoint('projector', 42);
        await first.saveCheckpoint('relay', 7);
        await (await contacts(first)).applyBatch(contactProjection, SEED);
        await first.close();
        opened.splice(opened.indexOf(first), 1);

        const second = await open();

        expect(await second.loadCheckpoint('projector')).toBe(42);
        expect(await second.loadCheckpoint('relay')).toBe(7);
        expect(await (await contacts(second)).count()).toBe(7);
      });
    });

    describe('rebuildInto', () => {
      it('keeps answering from the old collection while building, then swaps in the new one', async () => {
        const store = await open();
        const live = await seeded(store);
        const seenDuringBuild: Array<string | undefined> = [];

        await store.rebuildInto<ContactDoc>(contactsDefinition, async (fresh) => {
          await fresh.applyBatch(contactProjection, [registered('c8', 'Zoe', 'gold', 99, true, 'east')]);
          seenDuringBuild.push((await live.get('c1'))?.id, (await live.get('c8'))?.id, (await fresh.get('c8'))?.id);
          seenDuringBuild.push(String(await live.count()));
        });

        expect(seenDuringBuild).toEqual(['c1', undefined, 'c8', '7']);
        const reopened = await contacts(store);
        for (const collection of [live, reopened]) {
          expect(await collection.get('c1')).toBeNull();
          const gold = await collection.find({ where: [{ field: 'tier', op: 'eq', value: 'gold' }], limit: 10 });
          expect(ids(gold.items)).toEqual(['c8']);
          expect(await collection.count()).toBe(1);
        }
      });

      it('leaves the old collection untouched when the build fails', async () => {
        const store = await open();
        const live = await seeded(store);

        await expect(
          store.rebuildInto<ContactDoc>(contactsDefinition, async (fresh) => {
            await fresh.applyBatch(contactProjection, [registered('c8', 'Zoe', 'gold', 99, true)]);
            throw new Error('projection bug');
          }),
        ).rejects.toThrow('projection bug');

        expect(await live.count()).toBe(7);
        expect(await live.get('c8')).toBeNull();
      });

      it('builds a collection that did not exist before', async () => {
        const store = await open();

        await store.rebuildInto<ContactDoc>(contactsDefinition, (fresh) =>
          fresh.applyBatch(contactProjection, [registered('c1', 'Alice', 'gold', 90, true)]),
        );

        expect((await (await contacts(store)).get('c1'))?.name).toBe('Alice');
      });
    });
  });
}
