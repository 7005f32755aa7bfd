import type { RecordedEvent } from '@crm/contracts';
import type { BatchHandler, ConsumerOptions, EventBus, EventConsumer, EventPublisher } from './event-bus.port';

/**
 * The embedded transport. It holds nothing: `publish` hands the batch to every consumer group
 * in turn and resolves only when all have applied it, so the relay's checkpoint (stored after
 * `publish`) never passes an event a read model has not durably applied. A failing handler
 * rejects the publish and the relay redelivers from its checkpoint: at least once, in order.
 */
export function createInProcessEventBus(): EventBus {
  const groups = new Map<string, BatchHandler>();

  const publisher: EventPublisher = {
    async publish(events: RecordedEvent[]): Promise<void> {
      if (events.length === 0) return;
      // Holding nothing, it cannot acknowledge what no consumer received.
      if (groups.size === 0) throw new Error('No consumer group is running on the in-process bus');
      for (const handler of [...groups.values()]) await handler(events);
    },
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
