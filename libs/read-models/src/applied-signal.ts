/**
 * Tells whoever in this process listens that a batch was applied to a collection, so a
 * read-your-writes wait ends when the projector commits instead of at its next poll. Writers in
 * other processes are not seen here; waiters keep polling for them.
 */
export class AppliedSignal {
  private readonly listeners = new Map<string, Set<() => void>>();

  /** Calls `listener` after each batch applied to `collection`; returns what stops it. */
  listen(collection: string, listener: () => void): () => void {
    let listeners = this.listeners.get(collection);
    if (!listeners) {
      listeners = new Set();
      this.listeners.set(collection, listeners);
    }
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) this.listeners.delete(collection);
    };
  }

  applied(collection: string): void {
    for (const listener of this.listeners.get(collection) ?? []) listener();
  }
}
