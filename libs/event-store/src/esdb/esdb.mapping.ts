import {
  ANY,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type CurrentRevision,
  type ReadPosition,
  type ResolvedEvent,
  type StreamMetadata as EsdbStreamMetadata,
} from '@eventstore/db-client';
import type { EventMetadata, RecordedEvent } from '@crm/contracts';
import type { ExpectedRevision, StreamMetadata } from '../event-store.port';

export function toAppendExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return BigInt(expected);
  }
}

export const toActualRevision = (current: CurrentRevision): number => (current === NO_STREAM ? -1 : Number(current));

/**
 * The port's numeric position is the commit position; resuming after it uses it as both commit
 * and prepare position. Negative (or absent) means "from the start".
 */
export function toReadPosition(after: number | undefined): ReadPosition {
  if (after === undefined || after < 0) return START;
  return { commit: BigInt(after), prepare: BigInt(after) };
}

/** The port's envelope, or undefined for what our adapter never writes (non-JSON events, bare links). */
export function toRecordedEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event?.isJson) return undefined;
  return {
    eventId: event.id,
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata: event.metadata as unknown as EventMetadata,
    streamId: event.streamId,
    revision: Number(event.revision),
    globalPosition: Number(event.position?.commit ?? resolved.commitPosition ?? -1),
  };
}

/** Custom metadata travels under one `custom` key, so it can never collide with the system keys. */
export function toEsdbMetadata(metadata: StreamMetadata): EsdbStreamMetadata {
  return withoutUndefined({
    truncateBefore: metadata.truncateBefore,
    maxAge: metadata.maxAge,
    maxCount: metadata.maxCount,
    custom: metadata.custom,
  });
}

export function fromEsdbMetadata(metadata: EsdbStreamMetadata | undefined): StreamMetadata {
  if (metadata === undefined) return {};
  return withoutUndefined({
    truncateBefore: typeof metadata.truncateBefore === 'number' ? metadata.truncateBefore : undefined,
    maxAge: metadata.maxAge,
    maxCount: metadata.maxCount,
    custom: metadata.custom as Record<string, unknown> | undefined,
  });
}

/** The client validates every key it is given, including those set to undefined. */
function withoutUndefined<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}
