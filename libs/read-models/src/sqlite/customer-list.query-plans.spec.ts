import { CUSTOMER_LIST_FILTERS, CUSTOMER_LIST_SORTS, CUSTOMER_NAME_FIELD, customerListIndexes } from '../customer-list.queries';
import type { Condition, DocumentQuery } from '../document-store.port';
import { encodeCursor } from '../keyset-cursor';
import { CUSTOMER_VIEW } from '../read-model.names';
import { sqliteQueryPlans, type SqliteQueryPlans } from '../testing/sqlite-query-plans';
import type { FindPlan } from './sqlite.query';

/**
 * Every page GET /customers can ask for, read from one index in the page's order: no table scan
 * and no sort step, whatever the filter, the sort, and whether a cursor is given.
 */
describe('GET /customers query plans on the SQLite read store', () => {
  let plans: SqliteQueryPlans;

  beforeAll(async () => {
    plans = await sqliteQueryPlans([{ name: CUSTOMER_VIEW, indexes: customerListIndexes() }]);
  });
  afterAll(() => plans.close());

  const plan = (query: DocumentQuery, findPlan?: FindPlan): string[] => plans.explain(CUSTOMER_VIEW, query, findPlan);
  const cursorFor = (sort: keyof typeof CUSTOMER_LIST_SORTS) =>
    encodeCursor([sort === 'clp' ? 1200.5 : sort === 'name' ? 'ada almeida' : '2026-01-01T00:00:00.000Z', 'customer-7']);

  const filters: Array<[string, Condition[]]> = [
    ['no filter', []],
    ...Object.values(CUSTOMER_LIST_FILTERS).map((field): [string, Condition[]] => [field, [{ field, op: 'eq', value: 'x' }]]),
  ];
  const shapes = filters.flatMap(([filter, where]) =>
    (Object.keys(CUSTOMER_LIST_SORTS) as Array<keyof typeof CUSTOMER_LIST_SORTS>).flatMap((sort) => [
      [filter, sort, 'first page', { where, sort: [...CUSTOMER_LIST_SORTS[sort]], limit: 50 } as DocumentQuery] as const,
      [filter, sort, 'next page', { where, sort: [...CUSTOMER_LIST_SORTS[sort]], limit: 50, cursor: cursorFor(sort) } as DocumentQuery] as const,
    ]),
  );

  it.each(shapes)('%s, sorted by %s, %s: one index in order', (filter, sort, _page, query) => {
    const details = plan(query);

    const [{ field, direction }] = CUSTOMER_LIST_SORTS[sort];
    const order = direction === 'desc' ? `${field}-desc__id-desc` : `${field}__id`;
    const index = `${CUSTOMER_VIEW}__by__${filter === 'no filter' ? '' : `${filter}__`}${order}`;
    expect(details.length).toBeGreaterThan(0);
    for (const detail of details) expect(detail).toMatch(new RegExp(`^(SEARCH|SCAN) ${CUSTOMER_VIEW} USING INDEX ${index.replace('.', '\\.')}`));
    expect(details.join('\n')).not.toContain('TEMP B-TREE');
  });

  const prefix: Condition = { field: CUSTOMER_NAME_FIELD, op: 'startsWith', value: 'ada' };

  it.each(['clp', 'lastTouchpoint'] as const)('a wide name prefix sorted by %s reads the sort index in order and tests the name on its entries', (sort) => {
    const details = plan({ where: [prefix], sort: [...CUSTOMER_LIST_SORTS[sort]], limit: 50 }, 'in-sort-order');

    expect(details).toEqual([`SCAN ${CUSTOMER_VIEW} USING INDEX ${CUSTOMER_VIEW}__by__${CUSTOMER_LIST_SORTS[sort][0].field}-desc__id-desc__nameLower`]);
  });

  it.each([
    ['clp', 'first page', undefined],
    ['lastTouchpoint', 'first page', undefined],
    ['clp', 'next page', cursorFor('clp')],
    ['lastTouchpoint', 'next page', cursorFor('lastTouchpoint')],
  ] as const)('a narrow name prefix sorted by %s, %s: searches the name index and sorts the few matches', (sort, _page, cursor) => {
    const query = { where: [{ field: 'status', op: 'eq', value: 'active' } as const, prefix], sort: [...CUSTOMER_LIST_SORTS[sort]], limit: 50, cursor };

    const details = plan(query, 'by-conditions');

    const nameRange = new RegExp(`^SEARCH ${CUSTOMER_VIEW} USING INDEX ${CUSTOMER_VIEW}__by__status__nameLower__id \\(<expr>=\\? AND <expr>>\\? AND <expr><\\?\\)`);
    expect(details.filter((detail) => detail.startsWith('SEARCH'))).toEqual(details.filter((detail) => nameRange.test(detail)));
    expect(details.filter((detail) => nameRange.test(detail)).length).toBeGreaterThan(0);
  });
});
