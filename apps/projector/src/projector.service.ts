import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { PERSONAL_DATA_KEY_STORE, openPersonalDataOf, type PersonalDataKeyStore } from '@crm/event-store';
import { EVENT_BUS, EventRejectedError, startConsumer, type EventBus, type StartingConsumer } from '@crm/messaging';
import { HealthRegistry, LOGGER, Metrics, type Logger } from '@crm/platform';
import { DOCUMENT_STORE, READ_MODELS, type DocumentStore, type Projection, type ReadModelDefinition, type ReadModelDocument } from '@crm/read-models';

/**
 * A projection is pure, so an event it throws on will throw again on every redelivery: the
 * transport is told to park that event (dead letter) rather than retry the batch forever.
 */
function rejectingPoison<Doc extends ReadModelDocument>(projection: Projection<Doc>): Projection<Doc> {
  return {
    ...projection,
    evolve: (doc, event, inPlace) => {
      try {
        return projection.evolve(doc, event, inPlace);
      } catch (error) {
        throw new EventRejectedError(event.eventId, `${projection.name}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    },
  };
}

/**
 * Feeds each read model from the bus through its own consumer group, one batch at a time:
 * the batch is applied (idempotently, guarded by stream revision) before the transport
 * commits it, so a crash redelivers rather than loses. Events arrive with personal data
 * sealed; each batch is opened with the customers' keys (an erased customer's fields read as
 * erased) just before it is projected.
 */
@Injectable()
export class ProjectorService implements OnModuleInit, OnModuleDestroy {
  private readonly consumers: StartingConsumer[] = [];
  private started = false;

  constructor(
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    @Inject(DOCUMENT_STORE) private readonly store: DocumentStore,
    @Inject(READ_MODELS) private readonly readModels: ReadModelDefinition[],
    @Inject(PERSONAL_DATA_KEY_STORE) private readonly keys: PersonalDataKeyStore,
    @Inject(Metrics) private readonly metrics: Metrics,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(HealthRegistry) health: HealthRegistry,
  ) {
    health.register('projector', () => this.started);
  }

  // Nest runs every onModuleInit before any onApplicationBootstrap, so in one process the
  // consumers are registered before the relay publishes its first batch. Kafka groups join in
  // the background; /health reports the projector down until all have.
  async onModuleInit(): Promise<void> {
    const collections = await Promise.all(this.readModels.map((model) => this.store.collection(model.collection)));
    this.readModels.forEach(({ projection: pure }, index) => {
      const projection = rejectingPoison(pure);
      const consumer = startConsumer(
        this.bus.consumer(),
        { groupId: `projector.${projection.name}` },
        async (events) => {
          const relevant = events.filter((event) => projection.canHandle(event));
          if (relevant.length === 0) return;
          await collections[index].applyBatch(projection, await openPersonalDataOf(relevant, this.keys));
          this.metrics.eventsProjected.inc({ projection: projection.name }, relevant.length);
        },
        (error) => this.logger.warn({ err: error, projection: projection.name }, 'projector consumer not started; retrying'),
      );
      this.consumers.push(consumer);
    });
    void Promise.all(this.consumers.map((consumer) => consumer.running)).then(() => {
      this.started = true;
      this.logger.info({ readModels: this.readModels.map((model) => model.projection.name) }, 'projector consuming');
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.started = false;
    await Promise.all(this.consumers.map((consumer) => consumer.stop()));
  }
}
