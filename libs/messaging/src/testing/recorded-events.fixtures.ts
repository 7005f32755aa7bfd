import type { RecordedEvent } from '@crm/contracts';

export const FIXED_NOW = '2024-05-01T09:00:00.000Z';

/** A fixed, valid UUID per global position, so every run uses the same ids. */
export const eventIdAt = (globalPosition: number): string => `00000000-0000-4000-8000-${String(globalPosition).padStart(12, '0')}`;

/** The event at `globalPosition` of `streamId`, with fixed ids and time. */
export function recordedEvent(streamId: string, revision: number, globalPosition: number): RecordedEvent {
  return {
    streamId,
    revision,
    globalPosition,
    eventId: eventIdAt(globalPosition),
    type: 'CustomerNoted',
    data: { note: `note ${globalPosition}`, occurredAt: FIXED_NOW },
    metadata: {
      schemaVersion: 1,
      recordedAt: FIXED_NOW,
      correlationId: `correlation-${globalPosition}`,
      causationId: `command-${globalPosition}`,
      actor: 'user-1',
      department: 'sales',
    },
  };
}

/**
 * A global log of `perStream` events for each stream, interleaved round-robin (as concurrent
 * writers would produce it), with positions starting at `firstPosition`.
 */
export function interleavedEvents(streamIds: string[], perStream: number, firstPosition = 1): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  for (let revision = 0; revision < perStream; revision += 1) {
    for (const streamId of streamIds) events.push(recordedEvent(streamId, revision, firstPosition + events.length));
  }
  return events;
}

export const idsOf = (events: RecordedEvent[]): string[] => events.map((event) => event.eventId);

/** Each stream's revisions in the order they arrived. */
export function revisionsByStream(events: RecordedEvent[]): Record<string, number[]> {
  const byStream: Record<string, number[]> = {};
  for (const event of events) (byStream[event.streamId] ??= []).push(event.revision);
  return byStream;
}
