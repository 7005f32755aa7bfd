/**
 * Tells whoever in this process listens that a batch wrote a document of a collection, so a
 * read-your-writes wait ends when the projector commits instead of at its next poll, and only
 * the waits on the documents written wake up: under load hundreds wait at once, and waking them
 * all on every batch had each re-read its document for nothing. Writers in other processes are
 * not seen here; waiters keep polling for them.
 */
export class AppliedSignal {
  private readonly listeners = new Map<string, Map<string, Set<() => void>>>();

  /** Calls `listener` after each batch that writes document `id` of `collection`; returns what stops it. */
  listen(collection: string, id: string, listener: () => void): () => void {
    let byId = this.listeners.get(collection);
    if (!byId) {
      byId = new Map();
      this.listeners.set(collection, byId);
    }
    let listeners = byId.get(id);
    if (!listeners) {
      listeners = new Set();
      byId.set(id, listeners);
    }
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size > 0) return;
      byId.delete(id);
      if (byId.size === 0) this.listeners.delete(collection);
    };
  }

  /** After a batch committed the documents `ids` of `collection`. */
  applied(collection: string, ids: Iterable<string>): void {
    const byId = this.listeners.get(collection);
    if (!byId) return;
    for (const id of ids) {
      for (const listener of byId.get(id) ?? []) listener();
    }
  }
}
