import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { EVENT_BUS, type EventBus, type EventConsumer } from '@crm/messaging';
import { HealthRegistry, LOGGER, Metrics, type Logger } from '@crm/platform';
import { DOCUMENT_STORE, READ_MODELS, type DocumentStore, type ReadModelDefinition } from '@crm/read-models';

/**
 * Feeds each read model from the bus through its own consumer group, one batch at a time:
 * the batch is applied (idempotently, guarded by stream revision) before the transport
 * commits it, so a crash redelivers rather than loses.
 */
@Injectable()
export class ProjectorService implements OnModuleInit, OnModuleDestroy {
  private readonly consumers: EventConsumer[] = [];
  private started = false;

  constructor(
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    @Inject(DOCUMENT_STORE) private readonly store: DocumentStore,
    @Inject(READ_MODELS) private readonly readModels: ReadModelDefinition[],
    @Inject(Metrics) private readonly metrics: Metrics,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(HealthRegistry) health: HealthRegistry,
  ) {
    health.register('projector', () => this.started);
  }

  // Nest runs every onModuleInit before any onApplicationBootstrap, so in one process the
  // consumers are registered before the relay publishes its first batch.
  async onModuleInit(): Promise<void> {
    for (const { projection, collection: definition } of this.readModels) {
      const collection = await this.store.collection(definition);
      const consumer = this.bus.consumer();
      await consumer.start({ groupId: `projector.${projection.name}` }, async (events) => {
        const relevant = events.filter((event) => projection.canHandle(event));
        if (relevant.length === 0) return;
        await collection.applyBatch(projection, relevant);
        this.metrics.eventsProjected.inc({ projection: projection.name }, relevant.length);
      });
      this.consumers.push(consumer);
    }
    this.started = true;
    this.logger.info({ readModels: this.readModels.map((model) => model.projection.name) }, 'projector consuming');
  }

  async onModuleDestroy(): Promise<void> {
    this.started = false;
    for (const consumer of this.consumers) await consumer.stop();
  }
}
