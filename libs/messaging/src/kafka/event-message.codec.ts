import type { IHeaders, Message } from 'kafkajs';
import { customerIdOfStream, type RecordedEvent } from '@crm/contracts';

/** Headers that let tools route, filter and trace a message without parsing its value. */
export const EVENT_HEADERS = {
  eventId: 'event-id',
  eventType: 'event-type',
  schemaVersion: 'schema-version',
  globalPosition: 'global-position',
  correlationId: 'correlation-id',
} as const;

/**
 * One message per recorded event, keyed by customer so all of a customer's events land on one
 * partition, in order; events of other streams are keyed by stream. No timestamp is set: the
 * broker's append time drives retention, so replaying old history is not deleted on arrival.
 */
export function toMessage(event: RecordedEvent): Message {
  const headers: IHeaders = {
    [EVENT_HEADERS.eventId]: event.eventId,
    [EVENT_HEADERS.eventType]: event.type,
    [EVENT_HEADERS.schemaVersion]: String(event.metadata.schemaVersion),
    [EVENT_HEADERS.globalPosition]: String(event.globalPosition),
    [EVENT_HEADERS.correlationId]: event.metadata.correlationId,
  };
  return { key: customerIdOfStream(event.streamId) ?? event.streamId, value: JSON.stringify(event), headers };
}

export type DecodedEvent = { ok: true; event: RecordedEvent } | { ok: false; reason: string };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The envelope fields consumers rely on; anything else in `data` is the projections' business. */
const ENVELOPE_CHECKS: ReadonlyArray<[field: string, valid: (value: unknown) => boolean]> = [
  ['eventId', (value) => typeof value === 'string' && value.length > 0],
  ['type', (value) => typeof value === 'string' && value.length > 0],
  ['streamId', (value) => typeof value === 'string' && value.length > 0],
  ['revision', (value) => Number.isInteger(value) && (value as number) >= 0],
  ['globalPosition', (value) => Number.isInteger(value) && (value as number) >= 0],
  ['data', isObject],
  ['metadata', isObject],
];

/** Reads a message value back into the recorded event, or says why it cannot. */
export function decodeEvent(value: Buffer | null): DecodedEvent {
  if (value === null) return { ok: false, reason: 'message has no value' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString('utf8'));
  } catch (error) {
    return { ok: false, reason: `value is not JSON: ${(error as Error).message}` };
  }
  if (!isObject(parsed)) return { ok: false, reason: 'value is not a JSON object' };
  const invalid = ENVELOPE_CHECKS.filter(([field, valid]) => !valid(parsed[field])).map(([field]) => field);
  if (invalid.length > 0) return { ok: false, reason: `not a recorded event: missing or invalid ${invalid.join(', ')}` };
  return { ok: true, event: parsed as unknown as RecordedEvent };
}
