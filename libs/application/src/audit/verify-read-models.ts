import { isDeepStrictEqual } from 'node:util';
import { CUSTOMER_STREAM_PREFIX } from '@crm/contracts';
import type { EventStore } from '@crm/event-store';
import type { DocumentStore, ReadModelDefinition, ReadModelDocument } from '@crm/read-models';

export interface ReadModelDifference {
  readModel: string;
  documentId: string;
  problem: 'missing' | 'unexpected' | 'different';
  expected?: ReadModelDocument;
  actual?: ReadModelDocument;
}

const PAGE = 5000;

/**
 * Replays the whole log through every projection in memory and compares the result with what
 * the read store holds: the auditor's proof that each read model is exactly its history.
 */
export async function verifyReadModels(
  store: EventStore,
  documents: DocumentStore,
  models: ReadModelDefinition[],
  onEvents: (count: number, position: number) => void = () => undefined,
): Promise<ReadModelDifference[]> {
  const expected = new Map(models.map((model) => [model.collection.name, new Map<string, ReadModelDocument>()]));
  for (let after: number | undefined; ; ) {
    const page = await store.readAll({ after, maxCount: PAGE, filter: { streamPrefixes: [CUSTOMER_STREAM_PREFIX] } });
    if (page.length === 0) break;
    for (const event of page) {
      for (const { projection, collection } of models) {
        if (!projection.canHandle(event)) continue;
        const docs = expected.get(collection.name)!;
        for (const id of projection.documentIds(event)) {
          // The replay owns its documents until the comparison, so they evolve in place.
          const next = projection.evolve(docs.get(id) ?? null, event, true);
          if (next === null) docs.delete(id);
          else docs.set(id, next);
        }
      }
    }
    after = page[page.length - 1].globalPosition;
    onEvents(page.length, after);
  }

  const differences: ReadModelDifference[] = [];
  for (const model of models) {
    const name = model.collection.name;
    const wanted = expected.get(name)!;
    const collection = await documents.collection<ReadModelDocument>(model.collection);
    const seen = new Set<string>();
    for await (const actual of collection.scan()) {
      seen.add(actual.id);
      const doc = wanted.get(actual.id);
      if (!doc) differences.push({ readModel: name, documentId: actual.id, problem: 'unexpected', actual });
      else if (!isDeepStrictEqual(JSON.parse(JSON.stringify(doc)), actual)) {
        differences.push({ readModel: name, documentId: actual.id, problem: 'different', expected: doc, actual });
      }
    }
    for (const [id, doc] of wanted) {
      if (!seen.has(id)) differences.push({ readModel: name, documentId: id, problem: 'missing', expected: doc });
    }
  }
  return differences;
}
