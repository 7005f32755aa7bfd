import { customerStreamId, type RecordedEvent } from '@crm/contracts';
import { upcastCustomerEvent, type CustomerDecider, type CustomerEvent, type CustomerState } from '@crm/domain';
import type { EventStore } from '@crm/event-store';

export interface LoadedCustomer {
  state: CustomerState;
  /** Revision of the last event folded; -1 for a stream with no events. */
  revision: number;
  events: RecordedEvent[];
}

/** Where to stop folding: the auditor's "as it was then". */
export interface LoadLimit {
  /** Fold the events recorded at or before this time (recording time keeps the stream's order). */
  asOf?: string;
  /** Fold up to and including this revision. */
  atRevision?: number;
}

/** Lifts a stored event to the current schema of its type. */
export function toDomainEvent(event: RecordedEvent): CustomerEvent {
  return { type: event.type, data: upcastCustomerEvent(event.type, event.metadata.schemaVersion, event.data) } as CustomerEvent;
}

/** Folds recorded events onto a state through the decider's `evolve`, the same code the write side decides with. */
const fold = (decider: CustomerDecider, state: CustomerState, events: readonly RecordedEvent[]): CustomerState =>
  events.reduce((current, event) => decider.evolve(current, toDomainEvent(event)), state);

/** Reads a customer's stream and folds it from the initial state. */
export async function loadCustomer(
  store: EventStore,
  decider: CustomerDecider,
  customerId: string,
  limit: LoadLimit = {},
): Promise<LoadedCustomer> {
  const stored = await store.readStream(customerStreamId(customerId));
  const asOf = limit.asOf === undefined ? undefined : Date.parse(limit.asOf);
  const events = stored.filter(
    (event) =>
      (limit.atRevision === undefined || event.revision <= limit.atRevision) &&
      (asOf === undefined || Date.parse(event.metadata.recordedAt) <= asOf),
  );
  return { state: fold(decider, decider.initialState, events), revision: events.at(-1)?.revision ?? -1, events };
}

/**
 * A fold brought up to date: the events appended after `from.revision`, folded onto its state.
 * Customer streams are only ever appended to (erasure shreds a key, it deletes no event), so a
 * fold of the first events stays the fold of those events.
 */
export async function catchUpCustomer(
  store: EventStore,
  decider: CustomerDecider,
  customerId: string,
  from: { state: CustomerState; revision: number },
): Promise<LoadedCustomer> {
  const events = await store.readStream(customerStreamId(customerId), { fromRevision: from.revision + 1 });
  return { state: fold(decider, from.state, events), revision: events.at(-1)?.revision ?? from.revision, events };
}
