/** One job's outcome inside a committed batch: its own rejection does not fail the others. */
export type JobOutcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

interface Pending<J, R> {
  job: J;
  resolve(value: R): void;
  reject(error: unknown): void;
}

export interface GroupCommitOptions<J, R> {
  maxBatchSize: number;
  /** Runs the whole batch in one durable transaction; throwing rejects every job in it. */
  commitBatch(jobs: J[]): JobOutcome<R>[];
  /** Runs after each committed batch, once its callers are settled. */
  onCommitted(): void;
}

/**
 * Group commit: jobs submitted in the same turn of the event loop (many requests at once) share
 * one transaction, so one fsync acknowledges them all. A batch is flushed on the next
 * `setImmediate` or as soon as it is full; each promise settles only after its batch committed.
 */
export class GroupCommitQueue<J, R> {
  private pending: Pending<J, R>[] = [];
  private flushScheduled = false;

  constructor(private readonly options: GroupCommitOptions<J, R>) {}

  submit(job: J): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ job, resolve, reject });
      if (this.pending.length >= this.options.maxBatchSize) this.flushBatch();
      else if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => {
          this.flushScheduled = false;
          this.flush();
        });
      }
    });
  }

  /** Commits everything submitted so far. */
  flush(): void {
    while (this.pending.length > 0) this.flushBatch();
  }

  private flushBatch(): void {
    const batch = this.pending.splice(0, this.options.maxBatchSize);
    let outcomes: JobOutcome<R>[];
    try {
      outcomes = this.options.commitBatch(batch.map((pending) => pending.job));
    } catch (error) {
      batch.forEach((pending) => pending.reject(error));
      return;
    }
    batch.forEach((pending, index) => {
      const outcome = outcomes[index];
      if (outcome.ok) pending.resolve(outcome.value);
      else pending.reject(outcome.error);
    });
    this.options.onCommitted();
  }
}
