import type { IndexKey, SortKey } from './document-store.port';
import { sortKeysWithTieBreaker } from './keyset-cursor';

/** GET /customers' equality filters: query parameter → customer view field. */
export const CUSTOMER_LIST_FILTERS = {
  status: 'status',
  stage: 'lifecycleStage',
  tier: 'valueTier',
  loyalty: 'loyaltyLevel',
  role: 'role',
} as const;

/** GET /customers' sorts: the most valuable and the most recently touched first, names A to Z. */
export const CUSTOMER_LIST_SORTS = {
  clp: [{ field: 'clp.total', direction: 'desc' }],
  lastTouchpoint: [{ field: 'lastTouchpointAt', direction: 'desc' }],
  name: [{ field: 'nameLower', direction: 'asc' }],
} as const satisfies Record<string, SortKey[]>;

/** The name-prefix search (`q`) is a range on this field. */
export const CUSTOMER_NAME_FIELD = 'nameLower';

/**
 * An index per sort, alone and behind each filter: the sort key, then the id that breaks its ties
 * (so the index yields the whole order), then the name, so a name-prefix search sorted by value or
 * recency is tested on the index entries without reading documents.
 */
export const customerListIndexes = (): IndexKey[][] => {
  const orders = Object.values(CUSTOMER_LIST_SORTS).map((sort): IndexKey[] => {
    const keys = sortKeysWithTieBreaker([...sort]);
    return sort[0].field === CUSTOMER_NAME_FIELD ? keys : [...keys, CUSTOMER_NAME_FIELD];
  });
  return [...orders, ...Object.values(CUSTOMER_LIST_FILTERS).flatMap((filter) => orders.map((order) => [filter, ...order]))];
};
