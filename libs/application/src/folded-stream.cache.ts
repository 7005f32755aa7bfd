import type { RecordedEvent } from '@crm/contracts';
import type { CustomerState } from '@crm/domain';

/** The events one command appended under an Idempotency-Key: enough to answer the key's retries. */
export interface KeyedAppend {
  requestHash: string | undefined;
  fromRevision: number;
  toRevision: number;
}

/** A customer's stream folded as far as this process has seen it. */
export interface FoldedStream {
  state: CustomerState;
  /** Revision of the last event folded; -1 for a stream with no events. */
  revision: number;
  /** Every Idempotency-Key in the stream up to `revision`. Keys are facts of the log, so the map only grows. */
  keyedAppends: Map<string, KeyedAppend>;
}

/** The Idempotency-Keys recorded on a stream's events, each with the revisions its command appended. */
export function keyedAppendsOf(events: readonly RecordedEvent[]): Map<string, KeyedAppend> {
  const keyed = new Map<string, KeyedAppend>();
  for (const { metadata, revision } of events) {
    if (metadata.idempotencyKey === undefined) continue;
    const known = keyed.get(metadata.idempotencyKey);
    if (known) known.toRevision = revision;
    else keyed.set(metadata.idempotencyKey, { requestHash: metadata.requestHash, fromRevision: revision, toRevision: revision });
  }
  return keyed;
}

/**
 * Folded streams by customer, the least recently used evicted once they hold more than
 * `maxEvents` events in all: a state grows with its history, so events bound memory where a
 * count of customers would not. An entry may be stale (another process appended since):
 * whoever uses one must let the append's expected revision confirm it.
 */
export class FoldedStreamCache {
  private readonly entries = new Map<string, FoldedStream>();
  private events = 0;

  constructor(private readonly maxEvents: number) {}

  get(customerId: string): FoldedStream | undefined {
    const entry = this.entries.get(customerId);
    if (entry) {
      // A Map iterates in insertion order: re-inserting keeps the least recently used first.
      this.entries.delete(customerId);
      this.entries.set(customerId, entry);
    }
    return entry;
  }

  /** Keeps the further-folded of the entry held and the one given. */
  offer(customerId: string, stream: FoldedStream): void {
    const held = this.entries.get(customerId);
    if (held && held.revision > stream.revision) return;
    if (held) this.remove(customerId, held);
    this.entries.set(customerId, stream);
    this.events += eventsIn(stream);
    for (const [oldest, entry] of this.entries) {
      if (this.events <= this.maxEvents) break;
      this.remove(oldest, entry);
    }
  }

  private remove(customerId: string, entry: FoldedStream): void {
    this.entries.delete(customerId);
    this.events -= eventsIn(entry);
  }
}

const eventsIn = (stream: FoldedStream): number => stream.revision + 1;
