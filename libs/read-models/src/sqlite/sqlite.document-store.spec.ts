import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Condition, DocumentQuery } from '../document-store.port';
import { encodeCursor } from '../keyset-cursor';
import { sqliteQueryPlans, type SqliteQueryPlans } from '../testing/sqlite-query-plans';
import {
  contactEvent,
  contactProjection,
  contactsDefinition,
  describeDocumentStoreContract,
  type ContactDoc,
} from '../testing/document-store.contract';
import { createSqliteDocumentStore } from './sqlite.document-store';
import { SORT_ORDER_THRESHOLD, chooseFindPlan, findSql } from './sqlite.query';

const dir = mkdtempSync(join(tmpdir(), 'crm-sqlite-document-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeDocumentStoreContract('SQLite', async (location) => createSqliteDocumentStore({ filename: join(dir, `${location}.db`) }));

describe('SQLite document store query plans', () => {
  let plans: SqliteQueryPlans;

  beforeAll(async () => {
    plans = await sqliteQueryPlans([contactsDefinition]);
  });
  afterAll(() => plans.close());

  const plan = (query: DocumentQuery): string[] => plans.explain('contacts', query);

  it.each<[string, Condition[]]>([
    ['tier, score', [{ field: 'tier', op: 'eq', value: 'gold' }, { field: 'score', op: 'gte', value: 80 }]],
    ['nameKey', [{ field: 'nameKey', op: 'startsWith', value: 'Al' }]],
    ['address.region', [{ field: 'address.region', op: 'in', values: ['north', 'south'] }]],
    ['vip', [{ field: 'vip', op: 'eq', value: true }]],
  ])('searches the %s index instead of scanning the table', (index, where) => {
    const details = plan({ where, limit: 10 });

    const indexName = `contacts__by__${index.replace(', ', '__')}`;
    expect(details).toContainEqual(expect.stringMatching(new RegExp(`^SEARCH contacts USING INDEX ${indexName} `)));
    expect(details).not.toContainEqual(expect.stringMatching(/^SCAN contacts$/));
  });

  it('drops an index the definition no longer declares and keeps the declared ones', async () => {
    const store = createSqliteDocumentStore({ filename: join(dir, 'stale.db') });
    await store.collection({ ...contactsDefinition, indexes: [...contactsDefinition.indexes, ['nameKey', 'score']] });
    await store.collection(contactsDefinition);
    await store.close();
    const stale = new Database(join(dir, 'stale.db'), { readonly: true });

    const names = stale
      .prepare<[], { name: string }>(`SELECT name FROM sqlite_schema WHERE type = 'index' AND name LIKE 'contacts__by__%' ORDER BY name`)
      .all()
      .map((row) => row.name);
    stale.close();

    expect(names).toEqual(contactsDefinition.indexes.map((fields) => `contacts__by__${fields.join('__')}`).sort());
  });

  it('reads a sort on an indexed field in index order', () => {
    const details = plan({ sort: [{ field: 'nameKey', direction: 'asc' }], limit: 10 });

    expect(details).toContainEqual('SCAN contacts USING INDEX contacts__by__nameKey');
  });

  it('seeks to a descending cursor in the index, then reads the rows missing the key from the index too', () => {
    const cursor = encodeCursor(['north', 'c4']);

    const details = plan({ sort: [{ field: 'address.region', direction: 'desc' }], limit: 10, cursor });

    expect(details.filter((detail) => detail.startsWith('SEARCH contacts USING INDEX contacts__by__address.region (<expr><?)'))).toHaveLength(1);
    expect(details.filter((detail) => detail.startsWith('SEARCH contacts USING INDEX contacts__by__address.region (<expr>=?)'))).toHaveLength(1);
  });
});

describe('SQLite find plan for a range off the sort', () => {
  const byScore: DocumentQuery = {
    where: [{ field: 'nameKey', op: 'startsWith', value: 'al' }],
    sort: [{ field: 'score', direction: 'desc' }],
    limit: 50,
  };

  it('does not count matches when the range is on the sort key or there is none', () => {
    const countMatches = jest.fn(() => SORT_ORDER_THRESHOLD);

    expect(chooseFindPlan({ ...byScore, sort: [{ field: 'nameKey', direction: 'asc' }] }, countMatches)).toBe('by-conditions');
    expect(chooseFindPlan({ ...byScore, where: [{ field: 'tier', op: 'eq', value: 'gold' }] }, countMatches)).toBe('by-conditions');
    expect(chooseFindPlan({ ...byScore, sort: undefined }, countMatches)).toBe('by-conditions');
    expect(countMatches).not.toHaveBeenCalled();
  });

  it('reads in sort order when the range matches at least the threshold, and sorts the matches below it', () => {
    expect(chooseFindPlan(byScore, () => SORT_ORDER_THRESHOLD)).toBe('in-sort-order');
    expect(chooseFindPlan(byScore, () => SORT_ORDER_THRESHOLD - 1)).toBe('by-conditions');
  });

  it('pages a wide prefix search and a narrow one sorted by another field in that field\'s order', async () => {
    const definition = { name: 'wide', indexes: [['score', 'id', 'nameKey'], ['nameKey', 'id']] };
    const store = createSqliteDocumentStore({ filename: join(dir, 'wide.db') });
    const collection = await store.collection<ContactDoc>(definition);
    const names = ['alma', 'alba', 'bert'];
    const events = Array.from({ length: 2 * SORT_ORDER_THRESHOLD }, (_, n) =>
      contactEvent(`w${n}`, 0, 'Registered', { name: `${names[n % 3]} ${n}`, tier: 'gold', score: (n * 37) % 101, vip: false }),
    );
    await collection.applyBatch(contactProjection, events);
    const expected = (prefix: string) =>
      events
        .map((event, n) => ({ id: `w${n}`, name: String(event.data.name), score: Number(event.data.score) }))
        .filter((contact) => contact.name.startsWith(prefix))
        .sort((a, b) => b.score - a.score || (a.id < b.id ? 1 : -1))
        .map((contact) => contact.id);

    const paged = async (prefix: string) => {
      const found: string[] = [];
      for (let cursor: string | undefined; ; ) {
        const page = await collection.find({ ...byScore, where: [{ field: 'nameKey', op: 'startsWith', value: prefix }], cursor });
        found.push(...page.items.map((doc) => doc.id));
        if (page.nextCursor === null) return found;
        cursor = page.nextCursor;
      }
    };

    expect(await paged('al')).toEqual(expected('al'));
    expect(await paged('alma 1')).toEqual(expected('alma 1'));
    await store.close();
  });
});

describe('SQLite document store rebuilds', () => {
  let testNumber = 0;
  const freshFile = () => join(dir, `rebuild-${(testNumber += 1)}.db`);
  const tablesIn = (filename: string): string[] => {
    const db = new Database(filename, { readonly: true });
    try {
      return db
        .prepare<[], { name: string }>(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`)
        .all()
        .map((row) => row.name);
    } finally {
      db.close();
    }
  };
  const registered = (id: string, name: string) => contactEvent(id, 0, 'Registered', { name, tier: 'gold', score: 50, vip: false });
  const visited = (id: string) => contactEvent(id, 1, 'Visited');

  it('stages the build outside the file, so a build that dies leaves nothing in it', async () => {
    const filename = freshFile();
    const store = createSqliteDocumentStore({ filename });
    await store.collection(contactsDefinition);
    let tablesDuringBuild: string[] = [];

    await expect(
      store.rebuildInto<ContactDoc>(contactsDefinition, async (fresh) => {
        await fresh.applyBatch(contactProjection, [registered('c1', 'Alice')]);
        tablesDuringBuild = tablesIn(filename);
        throw new Error('process killed');
      }),
    ).rejects.toThrow('process killed');
    await store.close();

    expect(tablesDuringBuild).toEqual(['checkpoints', 'contacts']);
    expect(tablesIn(filename)).toEqual(['checkpoints', 'contacts']);
  });

  it('builds the same documents when they outgrow its memory budget, tombstones included', async () => {
    const store = createSqliteDocumentStore({ filename: freshFile(), rebuildResidentDocuments: 2 });
    const seenDuringBuild: unknown[] = [];

    await store.rebuildInto<ContactDoc>(contactsDefinition, async (fresh) => {
      await fresh.applyBatch(contactProjection, ['c1', 'c2', 'c3', 'c4'].map((id) => registered(id, id.toUpperCase())));
      await fresh.applyBatch(contactProjection, [visited('c1'), visited('c4'), contactEvent('c3', 1, 'Removed')]);
      seenDuringBuild.push(
        (await fresh.get('c1'))?.visits,
        (await fresh.get('c4'))?.visits,
        await fresh.appliedRevision('c3'),
        await fresh.count(),
        JSON.parse((await fresh.getJson('c1'))?.json ?? 'null').visits,
        await fresh.getJson('c3'),
      );
      await fresh.applyBatch(contactProjection, [visited('c2')]);
    });

    const rebuilt = await store.collection<ContactDoc>(contactsDefinition);
    expect(seenDuringBuild).toEqual([1, 1, 1, 3, 1, null]);
    expect((await rebuilt.find({ sort: [{ field: 'nameKey', direction: 'asc' }], limit: 10 })).items.map(({ id, visits }) => ({ id, visits }))).toEqual([
      { id: 'c1', visits: 1 },
      { id: 'c2', visits: 1 },
      { id: 'c4', visits: 1 },
    ]);
    // The tombstone survives the swap, so replaying the tail cannot revive the removed document.
    expect(await rebuilt.appliedRevision('c3')).toBe(1);
    await store.close();
  });

  it.each([
    ['filled row by row', {}],
    ['built after the copy, as for a collection larger than rebuildIndexesFirstUpTo', { rebuildIndexesFirstUpTo: 1 }],
  ])('swaps in a collection its queries search through the declared indexes, %s', async (_, options) => {
    const filename = freshFile();
    const store = createSqliteDocumentStore({ filename, ...options });
    await store.rebuildInto<ContactDoc>(contactsDefinition, (fresh) =>
      fresh.applyBatch(contactProjection, [registered('c1', 'Alice'), registered('c2', 'Bob'), contactEvent('c3', 0, 'Registered', { name: 'Cleo', tier: 'silver', score: 70, vip: true })]),
    );
    await store.close();
    // Read as the swap left the file: opening the collection again would create missing indexes.
    const db = new Database(filename, { readonly: true });
    const [{ sql, params }] = findSql('contacts', { where: [{ field: 'tier', op: 'eq', value: 'gold' }], limit: 10 }).statements;
    const details = db
      .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...params, 11)
      .map((row) => row.detail);
    const gold = db
      .prepare<unknown[], { doc: string }>(sql)
      .all(...params, 11)
      .map((row) => (JSON.parse(row.doc) as ContactDoc).id);
    db.close();

    expect(details).toContainEqual(expect.stringMatching(/^SEARCH contacts USING INDEX contacts__by__tier__score /));
    expect(gold.sort()).toEqual(['c1', 'c2']);
  });
});
