import type { DocumentCollection } from './document-store.port';
import type { ReadModelDocument } from './projection';

const POLL_DELAYS_MS = [2, 5, 10, 20, 50, 100];

/**
 * Waits until a document has applied `minRevision` of its stream, or the timeout passes. A batch
 * the projector applies to the document in this process ends the wait at once; polling covers a
 * projector that runs apart from the query API.
 */
export async function waitForRevision<Doc extends ReadModelDocument>(
  collection: DocumentCollection<Doc>,
  id: string,
  minRevision: number,
  timeoutMs: number,
): Promise<{ caughtUp: boolean; revision: number }> {
  const deadline = Date.now() + timeoutMs;
  let batches = 0;
  let wake: (() => void) | undefined;
  const stopListening = collection.onApplied(id, () => {
    batches += 1;
    wake?.();
  });
  try {
    for (let attempt = 0; ; attempt++) {
      const batchesSeen = batches;
      const revision = await collection.appliedRevision(id);
      if (revision >= minRevision) return { caughtUp: true, revision };
      const remaining = deadline - Date.now();
      if (remaining <= 0) return { caughtUp: false, revision };
      // A batch applied while the revision was being read may be the one awaited: read again at once.
      if (batches !== batchesSeen) continue;
      const delay = Math.min(remaining, POLL_DELAYS_MS[Math.min(attempt, POLL_DELAYS_MS.length - 1)]);
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, delay);
      });
      clearTimeout(timer);
    }
  } finally {
    stopListening();
  }
}
