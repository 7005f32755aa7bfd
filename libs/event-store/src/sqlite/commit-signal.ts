/**
 * Wakes live subscribers when a batch commits. Waiting costs nothing: no timer, no polling;
 * the writer's flush is the only thing that calls `notify`.
 */
export class CommitSignal {
  private readonly waiters = new Set<() => void>();

  /** Resolves on the next commit, or when `cancel` is called. */
  nextCommit(): { committed: Promise<void>; cancel(): void } {
    let wake!: () => void;
    const committed = new Promise<void>((resolve) => {
      wake = () => {
        this.waiters.delete(wake);
        resolve();
      };
    });
    this.waiters.add(wake);
    return { committed, cancel: wake };
  }

  notify(): void {
    [...this.waiters].forEach((wake) => wake());
  }
}
