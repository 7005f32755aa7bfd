import type { RecordedEvent } from '@crm/contracts';
import type { Projection, ReadModelDocument } from './projection';

/** What an adapter holds for one document: `doc` null is a tombstone, kept so redeliveries cannot revive it. */
export interface StoredDocument<Doc> {
  revision: number;
  doc: Doc | null;
}

/** One document to write after a batch; `previousRevision` is -1 when nothing was stored. */
export interface DocumentWrite<Doc> {
  id: string;
  previousRevision: number;
  revision: number;
  doc: Doc | null;
}

/** Ids of the documents a batch touches, in first-touch order. */
export const touchedDocumentIds = <Doc extends ReadModelDocument>(
  projection: Projection<Doc>,
  events: RecordedEvent[],
): string[] => [...new Set(events.filter((event) => projection.canHandle(event)).flatMap((event) => projection.documentIds(event)))];

/**
 * The functional core of every adapter's `applyBatch`: folds the batch over the stored
 * documents (each loaded once), skipping every event whose stream revision the document has
 * already applied, and returns only the writes that change something. `load` hands over
 * documents the batch then owns (freshly read, held by no one else), so the projection evolves
 * them in place.
 */
export function evolveBatch<Doc extends ReadModelDocument>(
  projection: Projection<Doc>,
  events: RecordedEvent[],
  load: (id: string) => StoredDocument<Doc> | undefined,
): DocumentWrite<Doc>[] {
  const states = new Map<string, DocumentWrite<Doc> & { changed: boolean }>();
  for (const event of events) {
    if (!projection.canHandle(event)) continue;
    for (const id of projection.documentIds(event)) {
      let state = states.get(id);
      if (!state) {
        const stored = load(id);
        const revision = stored?.revision ?? -1;
        state = { id, previousRevision: revision, revision, doc: stored?.doc ?? null, changed: false };
        states.set(id, state);
      }
      if (event.revision <= state.revision) continue;
      const doc = projection.evolve(state.doc, event, true);
      if (doc !== null && doc.id !== id) {
        throw new Error(`Projection ${projection.name} returned document ${doc.id} for ${id}`);
      }
      Object.assign(state, { revision: event.revision, doc, changed: true });
    }
  }
  // A document that never existed and evolves to nothing needs no tombstone.
  return [...states.values()]
    .filter((state) => state.changed && (state.previousRevision >= 0 || state.doc !== null))
    .map(({ changed: _changed, ...write }) => write);
}
