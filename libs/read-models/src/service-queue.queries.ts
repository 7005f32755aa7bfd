import type { IndexKey, SortKey } from './document-store.port';
import { sortKeysWithTieBreaker } from './keyset-cursor';

/** The complaint queue's order: highest priority (severity × customer value tier) first, then the nearest SLA deadline. */
export const COMPLAINT_QUEUE_ORDER: SortKey[] = [
  { field: 'priority', direction: 'desc' },
  { field: 'deadline', direction: 'asc' },
];

/** The recovery queue's order: the most valuable customers to win back first. */
export const RECOVERY_QUEUE_ORDER: SortKey[] = [{ field: 'clpTotal', direction: 'desc' }];

/**
 * The complaint queue's order behind the status it always filters on and each optional equality
 * filter (department, severity), with the id that breaks ties in the last key's direction. The
 * overdue filter is a range on the deadline, tested on the entries of the same indexes.
 */
export const complaintQueueIndexes = (): IndexKey[][] =>
  [[], ['department'], ['severity']].map((filter) => ['status', ...filter, ...sortKeysWithTieBreaker(COMPLAINT_QUEUE_ORDER)]);

export const recoveryQueueIndexes = (): IndexKey[][] => [['inQueue', ...sortKeysWithTieBreaker(RECOVERY_QUEUE_ORDER)]];
