/**
 * Wakes whoever in this process waits for a collection's next applied batch, so a read-your-writes
 * wait ends when the projector commits instead of at its next poll. Writers in other processes
 * are not seen here; waiters keep polling for them.
 */
export class AppliedSignal {
  private readonly waiting = new Map<string, Array<() => void>>();

  next(collection: string): Promise<void> {
    return new Promise((resolve) => {
      const waiters = this.waiting.get(collection);
      if (waiters) waiters.push(resolve);
      else this.waiting.set(collection, [resolve]);
    });
  }

  applied(collection: string): void {
    const waiters = this.waiting.get(collection);
    if (!waiters) return;
    this.waiting.delete(collection);
    for (const wake of waiters) wake();
  }
}
