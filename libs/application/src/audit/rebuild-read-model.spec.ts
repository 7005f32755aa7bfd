import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { customerIdOfStream, customerStreamId, type NewEvent } from '@crm/contracts';
import { createSqliteEventStore, type EventStore } from '@crm/event-store';
import { createSqliteDocumentStore, type DocumentStore, type Projection, type ReadModelDefinition, type ReadModelDocument } from '@crm/read-models';
import { rebuildReadModel, type RebuildProgress } from './rebuild-read-model';

interface VisitsDoc extends ReadModelDocument {
  visits: number;
}

let appended = 0;
const event = (customerId: string, type: string): NewEvent => ({
  eventId: `event-${(appended += 1)}`,
  type,
  data: { customerId },
  metadata: { schemaVersion: 1, recordedAt: '2024-03-01T09:00:00.000Z', correlationId: 'c', causationId: 'c', actor: 'tester', department: 'sales' },
});

const visits = (eventTypes?: string[]): ReadModelDefinition<VisitsDoc> => {
  const projection: Projection<VisitsDoc> = {
    name: 'visits',
    canHandle: (recorded) => recorded.type === 'Registered' || recorded.type === 'Visited',
    ...(eventTypes && { eventTypes }),
    documentIds: (recorded) => [customerIdOfStream(recorded.streamId) as string],
    evolve: (doc, recorded) => (recorded.type === 'Registered' ? { id: customerIdOfStream(recorded.streamId) as string, visits: 0 } : doc && { ...doc, visits: doc.visits + 1 }),
  };
  return { projection, collection: { name: 'visits', indexes: [['visits']] } };
};

describe('rebuildReadModel', () => {
  let dir: string;
  let store: EventStore;
  let documents: DocumentStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'crm-rebuild-'));
    store = createSqliteEventStore({ filename: join(dir, 'events.db') });
    documents = createSqliteDocumentStore({ filename: join(dir, 'read.db') });
    // Given two customers' streams, with events the projection does not handle between theirs.
    await store.appendToStream(customerStreamId('c1'), [event('c1', 'Registered'), event('c1', 'Scored'), event('c1', 'Visited')]);
    await store.appendToStream(customerStreamId('c2'), [event('c2', 'Registered'), event('c2', 'Scored')]);
    await store.appendToStream(customerStreamId('c1'), [event('c1', 'Visited'), event('c1', 'Scored')]);
  });

  afterEach(async () => {
    await documents.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const rebuilt = async (model: ReadModelDefinition<VisitsDoc>) => {
    const progress = await rebuildReadModel(store, documents, model as unknown as ReadModelDefinition);
    const collection = await documents.collection<VisitsDoc>(model.collection);
    return { progress, docs: [await collection.get('c1'), await collection.get('c2')] };
  };

  it('rebuilds every document from the log', async () => {
    const { progress, docs } = await rebuilt(visits());

    expect(docs).toEqual([
      { id: 'c1', visits: 2 },
      { id: 'c2', visits: 0 },
    ]);
    expect(progress).toEqual<RebuildProgress>({ position: 7, head: 7, events: 7 });
  });

  it('asks the store for only the event types the projection declares, and builds the same documents', async () => {
    const { progress, docs } = await rebuilt(visits(['Registered', 'Visited']));

    expect(docs).toEqual([
      { id: 'c1', visits: 2 },
      { id: 'c2', visits: 0 },
    ]);
    expect(progress.events).toBe(4);
  });
});
