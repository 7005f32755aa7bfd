import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { customerStreamId } from '@crm/contracts';
import { createCustomerDecider, defaultDomainRules, domainTesting, type CustomerCommand } from '@crm/domain';
import { ConcurrencyError, createSqliteEventStore, type EventStore } from '@crm/event-store';
import { IdempotencyKeyReusedError } from './application.errors';
import type { CommandContext } from './command-context';
import { CustomerCommandExecutor } from './customer-command.executor';
import { loadCustomer } from './customer-stream';

const { customerCommands, day } = domainTesting;
const decider = createCustomerDecider(defaultDomainRules);
const c = customerCommands('cust-1');

let directory: string;
let store: EventStore;
let streamReads: number;
let tailReads: number[];
let ids: number;

/** The store as the executor sees it, counting whole-stream reads and the reads from a revision on. */
const counting = (inner: EventStore): EventStore => ({
  ...inner,
  readStream: (streamId, options) => {
    if (options === undefined) streamReads++;
    else if (options.fromRevision !== undefined) tailReads.push(options.fromRevision);
    return inner.readStream(streamId, options);
  },
});

/** An executor of its own, as a second process (or a restarted one) has. */
const anExecutor = () => new CustomerCommandExecutor(counting(store), decider, () => `event-${++ids}`);

const context = (over: Partial<CommandContext> = {}): CommandContext => ({
  now: day(0),
  actor: 'ann',
  department: 'sales',
  correlationId: 'correlation-1',
  commandId: `command-${++ids}`,
  ...over,
});

const purchase = (orderId: string, at: string): CustomerCommand => c.purchase(orderId, at);

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'crm-executor-'));
  store = createSqliteEventStore({ filename: join(directory, 'events.sqlite') });
  streamReads = 0;
  tailReads = [];
  ids = 0;
});

afterEach(async () => {
  await store.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('CustomerCommandExecutor', () => {
  describe('the folded stream it keeps in memory', () => {
    it('given a customer it wrote before, decides the next commands without reading the stream again', async () => {
      const executor = anExecutor();
      await executor.execute(c.register(day(0)), context());

      await executor.execute(purchase('o-1', day(1)), context());
      const outcome = await executor.execute(purchase('o-2', day(2)), context());

      expect(streamReads).toBe(1);
      const stored = await store.readStream(customerStreamId('cust-1'));
      expect(outcome.revision).toBe(stored.at(-1)!.revision);
    });

    it('decides exactly as it would on a fresh read of the stream', async () => {
      const history = (id: string) => {
        const of = customerCommands(id);
        return [of.register(day(0)), of.purchase('o-1', day(1)), of.fileComplaint('cp-1', day(2)), of.survey(day(3), 9), of.resolveComplaint('cp-1', day(4)), of.purchase('o-2', day(40))];
      };
      const remembering = anExecutor();
      const remembered = [];
      for (const command of history('cust-1')) remembered.push(await remembering.execute(command, context()));
      const fresh = [];
      for (const command of history('cust-2')) fresh.push(await anExecutor().execute(command, context()));

      expect(JSON.stringify(remembered).replaceAll('cust-1', 'cust-2')).toEqual(JSON.stringify(fresh));
    });

    it('given another process appended since, decides again on the fresh stream instead of losing its update', async () => {
      const here = anExecutor();
      const elsewhere = anExecutor();
      await here.execute(c.register(day(0)), context());
      await elsewhere.execute(purchase('o-1', day(1)), context());

      await expect(here.execute(purchase('o-1', day(2)), context())).rejects.toThrow('Order o-1 is already recorded');
      const outcome = await here.execute(purchase('o-2', day(2)), context());

      const orders = (await store.readStream(customerStreamId('cust-1'))).filter((event) => event.type === 'PurchaseRecorded');
      expect(orders.map((event) => event.data.orderId)).toEqual(['o-1', 'o-2']);
      expect(outcome.revision).toBe((await loadCustomer(store, decider, 'cust-1')).revision);
    });

    it('given another process appended since, reads only the events appended since and folds them onto what it remembers', async () => {
      const here = anExecutor();
      const elsewhere = anExecutor();
      const registered = await here.execute(c.register(day(0)), context());
      await elsewhere.execute(purchase('o-1', day(1)), context());
      const readsBefore = streamReads;

      const outcome = await here.execute(purchase('o-2', day(2)), context());

      expect(streamReads).toBe(readsBefore);
      expect(tailReads).toEqual([registered.revision + 1]);
      const fresh = await loadCustomer(store, decider, 'cust-1');
      expect(outcome.revision).toBe(fresh.revision);
      const next = await here.execute(purchase('o-3', day(3)), context());
      expect(next.events).toEqual(decider.decide(purchase('o-3', day(3)), fresh.state));
    });

    it('given a key used through another process since, still answers its first outcome from the caught-up fold', async () => {
      const here = anExecutor();
      const elsewhere = anExecutor();
      await here.execute(c.register(day(0)), context());
      const first = await elsewhere.execute(purchase('o-1', day(1)), context({ idempotencyKey: 'key-1', requestHash: 'hash-1' }));
      await here.execute(purchase('o-2', day(2)), context());

      const retried = await here.execute(purchase('o-1', day(1)), context({ idempotencyKey: 'key-1', requestHash: 'hash-1' }));

      expect(retried).toMatchObject({ replayed: true, revision: first.revision });
    });

    it('given If-Match names a revision another process wrote, accepts it rather than answering from its stale fold', async () => {
      const here = anExecutor();
      const elsewhere = anExecutor();
      await here.execute(c.register(day(0)), context());
      const { revision } = await elsewhere.execute(purchase('o-1', day(1)), context());

      const outcome = await here.execute(purchase('o-2', day(2)), context({ expectedRevision: revision }));

      expect(outcome.events.map((event) => event.type)).toContain('PurchaseRecorded');
    });

    it('given If-Match names a stale revision, refuses with the current one', async () => {
      const executor = anExecutor();
      const registered = await executor.execute(c.register(day(0)), context());
      const bought = await executor.execute(purchase('o-1', day(1)), context());

      await expect(executor.execute(purchase('o-2', day(2)), context({ expectedRevision: registered.revision }))).rejects.toEqual(
        new ConcurrencyError(customerStreamId('cust-1'), registered.revision, bought.revision),
      );
    });
  });

  describe('Idempotency-Key', () => {
    it('given the same key and request again, answers the first outcome and appends nothing', async () => {
      const executor = anExecutor();
      await executor.execute(c.register(day(0)), context());
      const first = await executor.execute(purchase('o-1', day(1)), context({ idempotencyKey: 'k-1', requestHash: 'h-1' }));

      const again = await executor.execute(purchase('o-1', day(1)), context({ idempotencyKey: 'k-1', requestHash: 'h-1' }));

      expect(again).toEqual({ ...first, replayed: true });
      expect((await store.readStream(customerStreamId('cust-1'))).at(-1)!.revision).toBe(first.revision);
    });

    it('given the key was used through another process, still answers the first outcome', async () => {
      const here = anExecutor();
      const elsewhere = anExecutor();
      await here.execute(c.register(day(0)), context());
      const first = await elsewhere.execute(purchase('o-1', day(1)), context({ idempotencyKey: 'k-1', requestHash: 'h-1' }));

      const again = await here.execute(purchase('o-1', day(1)), context({ idempotencyKey: 'k-1', requestHash: 'h-1' }));

      expect(again).toEqual({ ...first, replayed: true });
    });

    it('given a restarted process, finds the key in the stream', async () => {
      const first = await anExecutor().execute(c.register(day(0)), context({ idempotencyKey: 'k-0', requestHash: 'h-0' }));

      const again = await anExecutor().execute(c.register(day(0)), context({ idempotencyKey: 'k-0', requestHash: 'h-0' }));

      expect(again).toEqual({ ...first, replayed: true });
    });

    it('given the same key with another request, refuses it', async () => {
      const executor = anExecutor();
      await executor.execute(c.register(day(0)), context());
      await executor.execute(purchase('o-1', day(1)), context({ idempotencyKey: 'k-1', requestHash: 'h-1' }));

      await expect(executor.execute(purchase('o-2', day(2)), context({ idempotencyKey: 'k-1', requestHash: 'h-2' }))).rejects.toEqual(
        new IdempotencyKeyReusedError('k-1'),
      );
    });
  });
});
