import { customerIdOfStream, type NewEvent, type RecordedEvent } from '@crm/contracts';
import type { AllSubscription, EventStore } from '../event-store.port';
import { isSealed, openPersonalData, sealPersonalData } from './personal-data.cipher';
import type { DataKey, PersonalDataKeyStore } from './personal-data-key-store.port';

/** What `personal` reads as once the subject's key is shredded. */
export const ERASED_PERSONAL_DATA = Object.freeze({ erased: true as const });

const contextOf = (streamId: string, eventId: string): string => `${streamId}/${eventId}`;

const personalOf = (data: Record<string, unknown>): object | undefined => {
  const personal = data.personal;
  return typeof personal === 'object' && personal !== null && Object.keys(personal).length > 0 ? personal : undefined;
};

/**
 * Opens the sealed personal data of a batch, looking each subject's key up once. Events travel
 * sealed beyond the store too (the relay publishes them as stored, so a shredded key also makes
 * the copies on Kafka unreadable); whoever needs the plaintext opens them with this.
 */
export async function openPersonalDataOf(
  events: RecordedEvent[],
  keys: PersonalDataKeyStore,
  subjectOf: (streamId: string) => string | null = customerIdOfStream,
): Promise<RecordedEvent[]> {
  const found = new Map<string, Promise<DataKey | 'shredded' | undefined>>();
  const keyOf = (subject: string) => {
    if (!found.has(subject)) found.set(subject, keys.find(subject));
    return found.get(subject)!;
  };
  return Promise.all(
    events.map(async (event) => {
      const sealed = event.data.personal;
      const subject = subjectOf(event.streamId);
      if (!isSealed(sealed) || subject === null) return event;
      const key = await keyOf(subject);
      const personal = key === undefined || key === 'shredded' ? ERASED_PERSONAL_DATA : openPersonalData(sealed, key, contextOf(event.streamId, event.eventId));
      return { ...event, data: { ...event.data, personal } };
    }),
  );
}

/**
 * The EventStore port with personal data encrypted at rest: on append, a non-empty
 * `data.personal` is sealed with the subject's (customer's) key; on every read path it is
 * opened again, or reads as `{ erased: true }` once the key is shredded. Everything else in the
 * event passes untouched, so the facts, revisions and positions are those of the inner store.
 */
export function withPersonalDataEncryption(
  inner: EventStore,
  keys: PersonalDataKeyStore,
  subjectOf: (streamId: string) => string | null = customerIdOfStream,
): EventStore {
  const seal = async (streamId: string, event: NewEvent): Promise<NewEvent> => {
    const personal = personalOf(event.data);
    const subject = subjectOf(streamId);
    if (personal === undefined || subject === null) return event;
    const key = await keys.keyFor(subject);
    return { ...event, data: { ...event.data, personal: sealPersonalData(personal, key, contextOf(streamId, event.eventId)) } };
  };

  const open = (events: RecordedEvent[]) => openPersonalDataOf(events, keys, subjectOf);

  return {
    appendToStream: async (streamId, events, options) =>
      inner.appendToStream(streamId, await Promise.all(events.map((event) => seal(streamId, event))), options),
    readStream: async (streamId, options) => open(await inner.readStream(streamId, options)),
    readAll: async (options) => open(await inner.readAll(options)),
    subscribeToAll: (options) => {
      const subscription = inner.subscribeToAll(options);
      const opened: AllSubscription = {
        stop: () => subscription.stop(),
        [Symbol.asyncIterator]: () => {
          const batches = subscription[Symbol.asyncIterator]();
          return {
            next: async () => {
              const batch = await batches.next();
              return batch.done ? batch : { done: false, value: await open(batch.value) };
            },
            return: async () => (batches.return ? batches.return() : { done: true, value: undefined }),
          };
        },
      };
      return opened;
    },
    getStreamMetadata: (streamId) => inner.getStreamMetadata(streamId),
    setStreamMetadata: (streamId, metadata) => inner.setStreamMetadata(streamId, metadata),
    deleteStream: (streamId) => inner.deleteStream(streamId),
    headPosition: () => inner.headPosition(),
    close: () => inner.close(),
  };
}
