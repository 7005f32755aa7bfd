import type { AllStreamResolvedEvent, AllStreamSubscription } from '@eventstore/db-client';
import type { RecordedEvent } from '@crm/contracts';
import type { AllFilter, AllSubscription } from '../event-store.port';
import { EventStoreError } from '../event-store.errors';
import { matchesAllFilter } from './esdb.filter';
import { toRecordedEvent } from './esdb.mapping';

export interface EsdbSubscriptionOptions {
  after: number;
  maxBatchSize: number;
  filter?: AllFilter;
  onEnd(): void;
}

/**
 * Turns the client's $all subscription (a Readable, catch-up then live on the server) into
 * batches the consumer pulls. Nothing is handed over until the consumer asks: the Readable is
 * read in paused mode, so unread events stay buffered under the client's backpressure.
 */
export function createEsdbSubscription(source: AllStreamSubscription, options: EsdbSubscriptionOptions): AllSubscription {
  let stopped = false;
  let ended = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  let unsubscribed: Promise<void> | undefined;

  const notify = () => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  const unsubscribe = () => (unsubscribed ??= source.unsubscribe());

  source.on('readable', notify);
  source.on('end', () => {
    ended = true;
    notify();
  });
  source.on('error', (error) => {
    failure = error;
    notify();
  });

  const readBuffered = (): RecordedEvent[] => {
    const batch: RecordedEvent[] = [];
    let resolved: AllStreamResolvedEvent | null;
    while (batch.length < options.maxBatchSize && (resolved = source.read() as AllStreamResolvedEvent | null) !== null) {
      const event = toRecordedEvent(resolved);
      // The checkpoint is exclusive whatever the server makes of a position rebuilt from one number.
      if (event && event.globalPosition > options.after && matchesAllFilter(event, options.filter)) batch.push(event);
    }
    return batch;
  };

  async function* batches(): AsyncGenerator<RecordedEvent[]> {
    try {
      while (!stopped) {
        if (failure !== undefined) throw new EventStoreError('The $all subscription failed', { cause: failure });
        const batch = readBuffered();
        if (batch.length > 0) {
          yield batch;
          continue;
        }
        if (ended) return;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    } finally {
      await unsubscribe();
      options.onEnd();
    }
  }

  const iterator = batches();
  return {
    [Symbol.asyncIterator]: () => iterator,
    async stop(): Promise<void> {
      stopped = true;
      notify();
      await unsubscribe();
    },
  };
}
