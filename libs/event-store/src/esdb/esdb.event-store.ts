import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  jsonEvent,
  type ResolvedEvent,
} from '@eventstore/db-client';
import type { RecordedEvent } from '@crm/contracts';
import type { AllSubscription, EventStore, ExpectedRevision, ReadStreamOptions } from '../event-store.port';
import { assertAppendable } from '../append-validation';
import { ConcurrencyError, EventStoreError } from '../event-store.errors';
import { matchesAllFilter, toServerFilter } from './esdb.filter';
import {
  fromEsdbMetadata,
  toActualRevision,
  toAppendExpectedRevision,
  toEsdbMetadata,
  toReadPosition,
  toRecordedEvent,
} from './esdb.mapping';
import { createEsdbSubscription } from './esdb.subscription';

const DEFAULT_SUBSCRIPTION_BATCH_SIZE = 500;
/** Positions past this do not fit the port's number; an idempotent append reports none at all. */
const MAX_POSITION = BigInt(Number.MAX_SAFE_INTEGER);

/** The EventStore port on EventStoreDB (gRPC client v6). Streams are named as given. */
export function createEsdbEventStore(connectionString: string): EventStore {
  const client = EventStoreDBClient.connectionString(connectionString);
  const subscriptions = new Set<AllSubscription>();

  const readStream = async (streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> => {
    if (options.maxCount === 0) return [];
    const backwards = options.direction === 'backwards';
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of client.readStream(streamId, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision: options.fromRevision === undefined ? (backwards ? END : START) : BigInt(options.fromRevision),
        ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
      })) {
        const event = toRecordedEvent(resolved as ResolvedEvent);
        if (event) events.push(event);
      }
    } catch (error) {
      // Unknown and soft-deleted streams both read as empty.
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  };

  /** Where the server reports no usable position, the last event of the append is looked up. */
  const positionOf = async (streamId: string, revision: number): Promise<number> => {
    const [event] = await readStream(streamId, { fromRevision: revision, maxCount: 1 });
    return event?.globalPosition ?? -1;
  };

  const toConcurrencyOrStoreError = (error: unknown, streamId: string, expected: ExpectedRevision): Error => {
    if (error instanceof WrongExpectedVersionError) {
      return new ConcurrencyError(streamId, expected, toActualRevision(error.actualVersion));
    }
    return new EventStoreError(`Stream ${streamId}: the append was refused`, { cause: error });
  };

  return {
    async appendToStream(streamId, events, options = {}) {
      assertAppendable(streamId, events);
      const expected = options.expectedRevision ?? 'any';
      let result;
      try {
        result = await client.appendToStream(
          streamId,
          events.map((event) =>
            jsonEvent({ id: event.eventId, type: event.type, data: event.data, metadata: { ...event.metadata } }),
          ),
          { expectedRevision: toAppendExpectedRevision(expected) },
        );
      } catch (error) {
        throw toConcurrencyOrStoreError(error, streamId, expected);
      }
      const nextRevision = Number(result.nextExpectedRevision);
      // Only with throwOnAppendFailure=false in the connection string does a conflict come back as a value.
      if (!result.success) throw new ConcurrencyError(streamId, expected, nextRevision);
      const reported = result.position?.commit;
      const position =
        reported !== undefined && reported <= MAX_POSITION ? Number(reported) : await positionOf(streamId, nextRevision);
      return { nextRevision, position };
    },

    readStream,

    async readAll(options = {}) {
      if (options.maxCount === 0) return [];
      const after = options.after ?? -1;
      const events: RecordedEvent[] = [];
      // The v6 client reads $all unfiltered, so the filter applies here and the read stops once enough matched.
      const read = client.readAll({ fromPosition: toReadPosition(options.after) });
      for await (const resolved of read) {
        const event = toRecordedEvent(resolved);
        if (!event || event.globalPosition <= after || !matchesAllFilter(event, options.filter)) continue;
        events.push(event);
        if (events.length === options.maxCount) {
          await read.cancel();
          break;
        }
      }
      return events;
    },

    subscribeToAll(options = {}) {
      const source = client.subscribeToAll({
        fromPosition: toReadPosition(options.after),
        filter: toServerFilter(options.filter),
      });
      const subscription: AllSubscription = createEsdbSubscription(source, {
        after: options.after ?? -1,
        maxBatchSize: options.maxBatchSize ?? DEFAULT_SUBSCRIPTION_BATCH_SIZE,
        filter: options.filter,
        onEnd: () => subscriptions.delete(subscription),
      });
      subscriptions.add(subscription);
      return subscription;
    },

    async getStreamMetadata(streamId) {
      const { metadata } = await client.getStreamMetadata(streamId);
      return fromEsdbMetadata(metadata);
    },

    async setStreamMetadata(streamId, metadata) {
      await client.setStreamMetadata(streamId, toEsdbMetadata(metadata));
    },

    async deleteStream(streamId) {
      await client.deleteStream(streamId);
    },

    async headPosition() {
      const read = client.readAll({ direction: BACKWARDS, fromPosition: END });
      for await (const resolved of read) {
        const event = toRecordedEvent(resolved);
        if (event && matchesAllFilter(event, undefined)) {
          await read.cancel();
          return event.globalPosition;
        }
      }
      return -1;
    },

    async close() {
      await Promise.all([...subscriptions].map((subscription) => subscription.stop()));
      await client.dispose();
    },
  };
}
