import type { DocumentCollection } from './document-store.port';
import type { ReadModelDocument } from './projection';

const POLL_DELAYS_MS = [2, 5, 10, 20, 50, 100];

/**
 * Waits until a document has applied `minRevision` of its stream, or the timeout passes.
 * Polling keeps it working when the query API runs apart from the projector.
 */
export async function waitForRevision<Doc extends ReadModelDocument>(
  collection: DocumentCollection<Doc>,
  id: string,
  minRevision: number,
  timeoutMs: number,
): Promise<{ caughtUp: boolean; revision: number }> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    const revision = await collection.appliedRevision(id);
    if (revision >= minRevision) return { caughtUp: true, revision };
    const remaining = deadline - Date.now();
    if (remaining <= 0) return { caughtUp: false, revision };
    await new Promise((resolve) => setTimeout(resolve, Math.min(remaining, POLL_DELAYS_MS[Math.min(attempt, POLL_DELAYS_MS.length - 1)])));
  }
}
