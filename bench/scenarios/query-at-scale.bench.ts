import { createReadModels } from '@crm/application';
import {
  CUSTOMER_LIST_FILTERS,
  CUSTOMER_LIST_SORTS,
  CUSTOMER_NAME_FIELD,
  CUSTOMER_VIEW,
  SORT_ORDER_THRESHOLD,
  createSqliteDocumentStore,
  type Condition,
  type DocumentCollection,
  type DocumentQuery,
  type ReadModelDocument,
  type SortKey,
} from '@crm/read-models';
import { customerViewSeedValues, seedCustomerViews } from '../support/customer-view-seed';
import { cachedSeed, seedProvenance } from '../support/seed-cache';
import { benchCustomerId } from '../support/event-fixtures';
import { summarize, type LatencySummary } from '../support/percentiles';
import { NotRunError, type BenchContext, type BenchRow } from '../support/scenario';
import { nowMs } from '../support/timing';

/** The sorts GET /customers offers. */
const SORTS: SortKey[][] = Object.values(CUSTOMER_LIST_SORTS).map((sort) => [...sort]);
const PAGE_SIZE = 50;
/** Covers every filter × sort × (first page, next page) shape. */
const WARMUP_QUERIES = 60;

/** The equality filters GET /customers offers, cycling through every field and value. */
function equalityFilterNumber(i: number): Condition[] {
  const { STATUSES, STAGES, LOYALTY_LEVELS, TIERS, ROLES } = customerViewSeedValues;
  const seeded: Record<keyof typeof CUSTOMER_LIST_FILTERS, string[]> = { status: STATUSES, stage: STAGES, tier: TIERS, loyalty: LOYALTY_LEVELS, role: ROLES };
  const filters = Object.entries(CUSTOMER_LIST_FILTERS).map(([parameter, field]): [string, string[]] => [field, seeded[parameter as keyof typeof seeded]]);
  const [field, values] = filters[i % filters.length];
  return [{ field, op: 'eq', value: values[Math.floor(i / filters.length) % values.length] }];
}

/** GET /customers?q=: a first name as prefix, which matches about one customer in 16. */
const namePrefixNumber = (i: number): Condition[] => {
  const { FIRST_NAMES } = customerViewSeedValues;
  return [{ field: CUSTOMER_NAME_FIELD, op: 'startsWith', value: FIRST_NAMES[i % FIRST_NAMES.length].toLowerCase() }];
};

/** Pages through `where` × every sort; every other query asks for the next page of the previous one, as a client paging does. */
function timePages(view: DocumentCollection<ReadModelDocument>, count: number, where: (i: number) => Condition[]): Promise<LatencySummary> {
  let cursor: string | null = null;
  return timeEach(count, async (i) => {
    const first = Math.floor(i / 2);
    const query: DocumentQuery = { where: where(first), sort: SORTS[first % SORTS.length], limit: PAGE_SIZE };
    const result = await view.find(i % 2 === 1 && cursor ? { ...query, cursor } : query);
    if (result.items.length === 0) throw new Error(`Query ${JSON.stringify(query)} found nothing`);
    cursor = result.nextCursor;
  });
}

async function timeEach(count: number, query: (i: number) => Promise<void>): Promise<LatencySummary> {
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) {
    const sentAt = nowMs();
    await query(i);
    latencies.push(nowMs() - sentAt);
  }
  return summarize(latencies);
}

/** Reads from a large unified view: one customer by id, and filtered, sorted pages. */
export async function run(context: BenchContext): Promise<BenchRow[]> {
  const model = createReadModels().find((candidate) => candidate.collection.name === CUSTOMER_VIEW);
  if (!model) throw new NotRunError(`createReadModels() has no ${CUSTOMER_VIEW} read model`);
  const customers = context.quick ? 20_000 : 1_000_000;
  const lookups = context.quick ? 500 : 10_000;
  const pages = context.quick ? 200 : 2_000;
  const seed = await cachedSeed(`customer-views-${customers}`, __filename, async (file) => {
    const store = createSqliteDocumentStore({ filename: file });
    try {
      await seedCustomerViews(store, model, customers);
    } finally {
      await store.close();
    }
  });
  const documents = createSqliteDocumentStore({ filename: seed.file });
  try {
    const view = await documents.collection(model.collection);

    const byId = await timeEach(lookups, async (i) => {
      const k = (i * 7_919 + 13) % customers;
      if ((await view.get(benchCustomerId(k))) === null) throw new Error(`Customer ${k} is missing`);
    });
    // Statements are prepared on first use: one untimed pass over every query shape first.
    await timePages(view, WARMUP_QUERIES, equalityFilterNumber);
    await timePages(view, WARMUP_QUERIES, namePrefixNumber);
    const equalityPages = await timePages(view, pages, equalityFilterNumber);
    const prefixPages = await timePages(view, Math.ceil(pages / 4), namePrefixNumber);

    const size = `${customers.toLocaleString('en-US')} customer view documents in createSqliteDocumentStore (seeded through the port: ${seedProvenance(seed)})`;
    return [
      {
        kind: 'measured',
        name: 'Unified view by id',
        ours: { value: byId.p99Ms, unit: 'ms p99', label: 'DocumentCollection.get(id) on the customer_view collection, in-process', ...byId },
        baseline: null,
        target: { maxValue: 5 },
        notes: [size, `${lookups.toLocaleString('en-US')} lookups spread over the whole id range`],
      },
      {
        kind: 'measured',
        name: 'Filtered sorted page',
        ours: {
          value: equalityPages.p99Ms,
          unit: 'ms p99',
          label: `DocumentCollection.find: one equality filter of GET /customers (status, stage, tier, loyalty or role) × one of its sorts (CLP, last touchpoint, name), ${PAGE_SIZE} per page, with the collection's indexes from createReadModels()`,
          ...equalityPages,
        },
        baseline: null,
        target: { maxValue: 20 },
        notes: [size, `${pages.toLocaleString('en-US')} queries: first pages, and every other one the next page by keyset cursor`],
      },
      {
        kind: 'measured',
        name: 'Name-prefix search page',
        ours: {
          value: prefixPages.p99Ms,
          unit: 'ms p99',
          label: `DocumentCollection.find: a first-name prefix (GET /customers?q=, about 1 customer in 16) × each sort, ${PAGE_SIZE} per page`,
          ...prefixPages,
        },
        baseline: null,
        target: { maxValue: 20 },
        notes: [
          `${Math.ceil(pages / 4).toLocaleString('en-US')} queries as above; sorted by name the prefix is a range of the name index; sorted by CLP or recency a prefix this wide is tested on the sort index's entries in order (a narrow one, under ${SORT_ORDER_THRESHOLD.toLocaleString('en-US')} matches, is read from the name index and sorted)`,
        ],
      },
    ];
  } finally {
    await documents.close();
  }
}
