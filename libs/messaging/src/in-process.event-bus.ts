import type { RecordedEvent } from '@crm/contracts';
import type { BatchHandler, ConsumerOptions, EventBus, EventConsumer, EventPublisher } from './event-bus.port';
import { EventRejectedError } from './event-rejected.error';

/** Told of an event a consumer group rejected for good; the event itself stays in the event store. */
export type DeadLetterSink = (event: RecordedEvent, groupId: string, error: EventRejectedError) => void;

/**
 * The embedded transport. It holds nothing: `publish` hands the batch to every consumer group
 * in turn and resolves only when all have applied it, so the relay's checkpoint (stored after
 * `publish`) never passes an event a read model has not durably applied. A failing handler
 * rejects the publish and the relay redelivers from its checkpoint: at least once, in order.
 * An event a handler rejects for good is reported to the sink and the rest flow on, as Kafka's
 * dead-letter topic does.
 */
export function createInProcessEventBus(onDeadLetter: DeadLetterSink = () => undefined): EventBus {
  const groups = new Map<string, BatchHandler>();

  const deliver = async (groupId: string, handler: BatchHandler, events: RecordedEvent[]): Promise<void> => {
    let remaining = events;
    while (remaining.length > 0) {
      try {
        await handler(remaining);
        return;
      } catch (error) {
        const rejected = error instanceof EventRejectedError ? remaining.find((event) => event.eventId === error.eventId) : undefined;
        if (!rejected) throw error;
        onDeadLetter(rejected, groupId, error as EventRejectedError);
        remaining = remaining.filter((event) => event !== rejected);
      }
    }
  };

  const publisher: EventPublisher = {
    async prepare(): Promise<void> {},
    async publish(events: RecordedEvent[]): Promise<void> {
      if (events.length === 0) return;
      // Holding nothing, it cannot acknowledge what no consumer received.
      if (groups.size === 0) throw new Error('No consumer group is running on the in-process bus');
      for (const [groupId, handler] of [...groups]) await deliver(groupId, handler, events);
    },
    // An embedded deployment has no integrators: public topics exist only on Kafka.
    async publishIntegration(): Promise<void> {},
    async close(): Promise<void> {},
  };

  return {
    publisher: () => publisher,
    consumer(): EventConsumer {
      let groupId: string | undefined;
      return {
        async start(options: ConsumerOptions, handler: BatchHandler): Promise<void> {
          if (groups.has(options.groupId)) throw new Error(`Consumer group ${options.groupId} is already running`);
          groupId = options.groupId;
          groups.set(groupId, handler);
        },
        async stop(): Promise<void> {
          if (groupId !== undefined) groups.delete(groupId);
          groupId = undefined;
        },
      };
    },
  };
}
