import { AppliedSignal } from './applied-signal';
import type { DocumentCollection } from './document-store.port';
import type { ReadModelDocument } from './projection';
import { waitForRevision } from './read-your-writes';

/** A collection whose applied revision the test moves, announcing it as a projector in this process would. */
function collectionAt(revision: number) {
  const signal = new AppliedSignal();
  let current = revision;
  const collection = {
    appliedRevision: async () => current,
    onApplied: (id: string, listener: () => void) => signal.listen('view', id, listener),
  } as unknown as DocumentCollection<ReadModelDocument>;
  return {
    collection,
    apply(id: string, next: number) {
      current = next;
      signal.applied('view', [id]);
    },
  };
}

describe('read-your-writes wait', () => {
  afterEach(() => jest.useRealTimers());

  it('stops listening for applied batches once it has answered', async () => {
    const signal = new AppliedSignal();
    const stops: number[] = [];
    const collection = {
      appliedRevision: async () => 1,
      onApplied: (id: string, listener: () => void) => {
        const stop = signal.listen('view', id, listener);
        return () => {
          stops.push(1);
          stop();
        };
      },
    } as unknown as DocumentCollection<ReadModelDocument>;

    await waitForRevision(collection, 'c1', 2, 30);
    await waitForRevision(collection, 'c1', 1, 30);

    expect(stops).toEqual([1, 1]);
  });

  it('answers at once when the document has already applied the revision', async () => {
    const { collection } = collectionAt(3);

    expect(await waitForRevision(collection, 'c1', 2, 1000)).toEqual({ caughtUp: true, revision: 3 });
  });

  it('ends when a batch is applied in this process, without waiting for its next poll', async () => {
    jest.useFakeTimers();
    const { collection, apply } = collectionAt(1);
    const waiting = waitForRevision(collection, 'c1', 2, 60_000);
    await Promise.resolve();

    apply('c1', 2);

    expect(await waiting).toEqual({ caughtUp: true, revision: 2 });
  });

  it('is not woken by a batch that wrote other documents', async () => {
    jest.useFakeTimers();
    const { collection, apply } = collectionAt(1);
    const reads = jest.spyOn(collection, 'appliedRevision');
    const waiting = waitForRevision(collection, 'c1', 2, 60_000);
    await Promise.resolve();

    apply('c2', 2);
    await Promise.resolve();

    expect(reads).toHaveBeenCalledTimes(1);
    apply('c1', 2);
    expect(await waiting).toEqual({ caughtUp: true, revision: 2 });
    expect(reads).toHaveBeenCalledTimes(2);
  });

  it('gives up after the timeout with the revision it saw', async () => {
    const { collection } = collectionAt(1);

    expect(await waitForRevision(collection, 'c1', 2, 30)).toEqual({ caughtUp: false, revision: 1 });
  });
});
