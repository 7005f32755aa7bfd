import type { Condition, DocumentQuery } from '../document-store.port';
import { COMPLAINT_QUEUE, RECOVERY_QUEUE } from '../read-model.names';
import { COMPLAINT_QUEUE_ORDER, RECOVERY_QUEUE_ORDER, complaintQueueIndexes, recoveryQueueIndexes } from '../service-queue.queries';
import { sqliteQueryPlans, type SqliteQueryPlans } from '../testing/sqlite-query-plans';
import type { FindPlan } from './sqlite.query';

/** The service queues are read from one index in their order, whichever filters a department sets. */
describe('service queue query plans on the SQLite read store', () => {
  let plans: SqliteQueryPlans;

  beforeAll(async () => {
    plans = await sqliteQueryPlans([
      { name: COMPLAINT_QUEUE, indexes: complaintQueueIndexes() },
      { name: RECOVERY_QUEUE, indexes: recoveryQueueIndexes() },
    ]);
  });
  afterAll(() => plans.close());

  const plan = (table: string, query: DocumentQuery, findPlan?: FindPlan): string => plans.explain(table, query, findPlan).join('\n');

  const open: Condition = { field: 'status', op: 'eq', value: 'open' };
  const overdue: Condition = { field: 'deadline', op: 'lt', value: '2026-11-23T00:00:00.000Z' };

  it.each<[string, Condition[], string]>([
    ['status', [open], 'status__priority-desc__deadline__id'],
    ['department', [open, { field: 'department', op: 'eq', value: 'service' }], 'status__department__priority-desc__deadline__id'],
    ['severity', [open, { field: 'severity', op: 'eq', value: 'high' }], 'status__severity__priority-desc__deadline__id'],
  ])('complaints filtered by %s come in queue order from one index', (_filter, where, index) => {
    for (const findPlan of ['by-conditions', 'in-sort-order'] as const) {
      const details = plan(COMPLAINT_QUEUE, { where: [...where, overdue], sort: COMPLAINT_QUEUE_ORDER, limit: 500 }, findPlan);

      expect(details).toMatch(new RegExp(`^SEARCH ${COMPLAINT_QUEUE} USING INDEX ${COMPLAINT_QUEUE}__by__${index} `));
      expect(details).not.toContain('TEMP B-TREE');
    }
    expect(plan(COMPLAINT_QUEUE, { where, sort: COMPLAINT_QUEUE_ORDER, limit: 500 })).not.toContain('TEMP B-TREE');
  });

  it('the recovery queue comes by value from its index', () => {
    const details = plan(RECOVERY_QUEUE, { where: [{ field: 'inQueue', op: 'eq', value: true }], sort: RECOVERY_QUEUE_ORDER, limit: 500 });

    expect(details).toBe(`SEARCH ${RECOVERY_QUEUE} USING INDEX ${RECOVERY_QUEUE}__by__inQueue__clpTotal-desc__id-desc (<expr>=?)`);
  });
});
