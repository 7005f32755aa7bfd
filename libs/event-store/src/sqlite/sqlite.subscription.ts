import type { RecordedEvent } from '@crm/contracts';
import type { AllSubscription } from '../event-store.port';
import type { CommitSignal } from './commit-signal';

/** A page of the global log after a position; every event up to `scannedTo` has been considered. */
export interface LogPage {
  events: RecordedEvent[];
  scannedTo: number;
}

export interface CatchUpOptions {
  after: number;
  maxBatchSize: number;
  readPage(after: number, limit: number): LogPage;
  signal: CommitSignal;
  onEnd(): void;
}

/**
 * Catch-up and live are one loop: read the next page after the checkpoint; when it is empty,
 * sleep until the next commit and read again. Reading and arming the wake-up happen in one
 * synchronous step on the thread that also commits, so no commit can slip between them: no gap
 * at the switch to live, and no duplicate because every read starts after the last delivered.
 */
export function createCatchUpSubscription(options: CatchUpOptions): AllSubscription {
  let stopped = false;
  let sleeping: { cancel(): void } | undefined;

  async function* batches(): AsyncGenerator<RecordedEvent[]> {
    let checkpoint = options.after;
    try {
      while (!stopped) {
        const page = options.readPage(checkpoint, options.maxBatchSize);
        checkpoint = Math.max(checkpoint, page.scannedTo);
        if (page.events.length > 0) {
          yield page.events;
          continue;
        }
        const next = options.signal.nextCommit();
        sleeping = next;
        await next.committed;
        sleeping = undefined;
      }
    } finally {
      options.onEnd();
    }
  }

  const iterator = batches();
  return {
    [Symbol.asyncIterator]: () => iterator,
    async stop(): Promise<void> {
      stopped = true;
      sleeping?.cancel();
    },
  };
}
