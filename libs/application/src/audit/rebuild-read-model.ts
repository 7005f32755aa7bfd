import { CUSTOMER_STREAM_PREFIX } from '@crm/contracts';
import type { EventStore } from '@crm/event-store';
import type { DocumentCollection, DocumentStore, ReadModelDefinition, ReadModelDocument } from '@crm/read-models';

export interface RebuildProgress {
  /** Global position reached. */
  position: number;
  /** Head of the log when the rebuild started. */
  head: number;
  events: number;
}

// Small enough for a page's parsed events to die young: at 5,000 they outlived the young
// generation, and each major GC then walked the staged documents (GC time about halved at 1,000).
export const REBUILD_PAGE_SIZE = 1000;

async function replayInto(
  store: EventStore,
  model: ReadModelDefinition,
  collection: DocumentCollection<ReadModelDocument>,
  after: number | undefined,
  onPage: (position: number, events: number) => void,
): Promise<number | undefined> {
  const { eventTypes } = model.projection;
  const filter = { streamPrefixes: [CUSTOMER_STREAM_PREFIX], ...(eventTypes && { eventTypes: [...eventTypes] }) };
  let position = after;
  for (;;) {
    const page = await store.readAll({ after: position, maxCount: REBUILD_PAGE_SIZE, filter });
    if (page.length === 0) return position;
    const relevant = page.filter((event) => model.projection.canHandle(event));
    if (relevant.length > 0) await collection.applyBatch(model.projection, relevant);
    position = page[page.length - 1].globalPosition;
    onPage(position, page.length);
  }
}

/**
 * Rebuilds a read model from the event store into a fresh collection, swaps it in atomically,
 * then replays the tail appended meanwhile (harmless twice: the revision guard skips it).
 * Queries keep answering from the old collection until the swap.
 */
export async function rebuildReadModel(
  store: EventStore,
  documents: DocumentStore,
  model: ReadModelDefinition,
  onProgress: (progress: RebuildProgress) => void = () => undefined,
): Promise<RebuildProgress> {
  const head = await store.headPosition();
  let events = 0;
  let reached: number | undefined;
  const report = (position: number, count: number) => {
    events += count;
    onProgress({ position, head, events });
  };
  await documents.rebuildInto(model.collection, async (fresh) => {
    reached = await replayInto(store, model, fresh, undefined, report);
  });
  const live = await documents.collection(model.collection);
  reached = await replayInto(store, model, live, reached, report);
  return { position: reached ?? -1, head, events };
}
