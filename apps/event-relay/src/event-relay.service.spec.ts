import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewEvent, RecordedEvent } from '@crm/contracts';
import { createSqliteEventStore, type EventStore } from '@crm/event-store';
import { createInProcessEventBus, type EventBus } from '@crm/messaging';
import { HealthRegistry, Metrics, type Logger } from '@crm/platform';
import type { DocumentStore } from '@crm/read-models';
import { EventRelayService, RELAY_CHECKPOINT } from './event-relay.service';

const newEvent = (n: number): NewEvent => ({
  eventId: `event-${n}`,
  type: 'CustomerNoted',
  data: { note: `note ${n}` },
  metadata: { schemaVersion: 1, recordedAt: '2024-05-01T09:00:00.000Z', correlationId: 'c-1', causationId: 'c-1', actor: 'ann', department: 'sales' },
});

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined } as unknown as Logger;

let directory: string;
let store: EventStore;

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'crm-relay-'));
  store = createSqliteEventStore({ filename: join(directory, 'events.sqlite') });
});

afterEach(async () => {
  await store.close();
  rmSync(directory, { recursive: true, force: true });
});

/** Checkpoints kept in memory, with every save recorded. */
const checkpointStore = () => {
  const saves: number[] = [];
  const checkpoints = {
    loadCheckpoint: async () => saves.at(-1),
    saveCheckpoint: async (name: string, position: number) => {
      if (name === RELAY_CHECKPOINT) saves.push(position);
    },
  } as unknown as DocumentStore;
  return { saves, checkpoints };
};

/** Polls until `condition` holds; gives up within the test's timeout, so a broken relay fails instead of hanging. */
async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 4000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not met within ${timeoutMs} ms: ${condition.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('EventRelayService', () => {
  it('given a batch after every commit, stores its checkpoint less often than it publishes, and the last position on stop', async () => {
    const bus = createInProcessEventBus();
    const batches: RecordedEvent[][] = [];
    await bus.consumer().start({ groupId: 'view' }, async (batch) => void batches.push(batch));
    const { saves, checkpoints } = checkpointStore();
    const relay = new EventRelayService(store, bus, checkpoints, new Metrics(), silent, new HealthRegistry());
    relay.onApplicationBootstrap();

    for (let n = 1; n <= 10; n++) {
      await store.appendToStream(`customer-${n}`, [newEvent(n)]);
      await until(() => batches.flat().length === n);
    }
    await relay.onModuleDestroy();

    expect(batches).toHaveLength(10);
    expect(saves.length).toBeLessThan(batches.length);
    expect(saves.at(-1)).toBe(await store.headPosition());
  });

  it('given a restart, resumes after the stored checkpoint without skipping an event', async () => {
    const bus = createInProcessEventBus();
    const delivered: string[] = [];
    await bus.consumer().start({ groupId: 'view' }, async (batch) => void delivered.push(...batch.map((event) => event.eventId)));
    const { checkpoints } = checkpointStore();
    const first = new EventRelayService(store, bus, checkpoints, new Metrics(), silent, new HealthRegistry());
    first.onApplicationBootstrap();
    await store.appendToStream('customer-1', [newEvent(1)]);
    await until(() => delivered.length === 1);
    await first.onModuleDestroy();

    await store.appendToStream('customer-2', [newEvent(2)]);
    const second = new EventRelayService(store, bus, checkpoints, new Metrics(), silent, new HealthRegistry());
    second.onApplicationBootstrap();
    await until(() => delivered.length === 2);
    await second.onModuleDestroy();

    expect(delivered).toEqual([newEvent(1).eventId, newEvent(2).eventId]);
  });

  it('reports itself live only once its publisher is prepared, and retries a failed preparation, so integrators can subscribe before the first event', async () => {
    const inner = createInProcessEventBus();
    await inner.consumer().start({ groupId: 'view' }, async () => undefined);
    const preparations: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
    const publisher = { ...inner.publisher(), prepare: () => new Promise<void>((resolve, reject) => void preparations.push({ resolve, reject })) };
    const bus: EventBus = { publisher: () => publisher, consumer: () => inner.consumer() };
    const health = new HealthRegistry();
    const relayState = async () => (await health.report()).checks['event-relay'];
    const relay = new EventRelayService(store, bus, checkpointStore().checkpoints, new Metrics(), silent, health);
    relay.onApplicationBootstrap();

    await until(() => preparations.length === 1);
    expect(await relayState()).toBe('down');
    preparations[0].reject(new Error('broker unreachable'));
    await until(() => preparations.length === 2);
    expect(await relayState()).toBe('down');
    preparations[1].resolve();
    await until(async () => (await relayState()) === 'up');
    await relay.onModuleDestroy();
  });
});
