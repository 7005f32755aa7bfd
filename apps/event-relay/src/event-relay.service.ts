import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CUSTOMER_STREAM_PREFIX, toIntegrationMessages } from '@crm/contracts';
import { SEALED_EVENT_STORE, type AllSubscription, type EventStore } from '@crm/event-store';
import { EVENT_BUS, type EventBus, type EventPublisher } from '@crm/messaging';
import { HealthRegistry, LOGGER, Metrics, type Logger } from '@crm/platform';
import { DOCUMENT_STORE, type DocumentStore } from '@crm/read-models';

export const RELAY_CHECKPOINT = 'relay';
const RETRY_DELAY_MS = 1000;
const CHECKPOINT_INTERVAL_MS = 1000;

/**
 * Reads the event store's global log from the durable checkpoint and publishes every customer
 * event to the bus, and its public messages to the integrator topics. The checkpoint moves only
 * after the bus acknowledged both, so a crash never skips an event. It is stored at most once
 * per interval rather than after every batch: each save is a durable write of its own, and
 * while commands flow a batch follows every group commit. A crash republishes at most the
 * interval's worth, which every consumer already absorbs (delivery is at least once, and
 * projections skip the stream revisions they applied).
 */
@Injectable()
export class EventRelayService implements OnApplicationBootstrap, OnModuleDestroy {
  private subscription: AllSubscription | undefined;
  private publisher: EventPublisher | undefined;
  private running: Promise<void> | undefined;
  private stopping = false;
  private live = false;
  /** The last position the bus acknowledged, and the last one stored. */
  private relayed: number | undefined;
  private stored: number | undefined;
  private checkpointTimer: NodeJS.Timeout | undefined;
  private storing: Promise<void> = Promise.resolve();

  constructor(
    // Sealed: personal data crosses the bus encrypted, so shredding a key erases the copies too.
    @Inject(SEALED_EVENT_STORE) private readonly store: EventStore,
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    @Inject(DOCUMENT_STORE) private readonly checkpoints: DocumentStore,
    @Inject(Metrics) private readonly metrics: Metrics,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(HealthRegistry) health: HealthRegistry,
  ) {
    health.register('event-relay', () => this.live);
  }

  onApplicationBootstrap(): void {
    this.publisher = this.bus.publisher();
    this.running = this.runUntilStopped();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    await this.subscription?.stop();
    await this.running;
    clearTimeout(this.checkpointTimer);
    await this.storeCheckpoint();
    await this.publisher?.close();
  }

  private async runUntilStopped(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.relayFromCheckpoint();
      } catch (error) {
        this.live = false;
        if (this.stopping) return;
        this.logger.error({ err: error }, 'relay failed; resuming from the checkpoint');
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
      }
    }
  }

  private async relayFromCheckpoint(): Promise<void> {
    const after = await this.checkpoints.loadCheckpoint(RELAY_CHECKPOINT);
    this.stored = after;
    this.logger.info({ after: after ?? null }, 'relay subscribing to the global log');
    // Live means integrators can subscribe: the public topics exist even before the first event.
    await this.publisher!.prepare();
    this.subscription = this.store.subscribeToAll({ after, filter: { streamPrefixes: [CUSTOMER_STREAM_PREFIX] }, maxBatchSize: 500 });
    this.live = true;
    for await (const batch of this.subscription) {
      if (batch.length === 0) continue;
      await this.publisher!.publish(batch);
      // Public messages are acknowledged before the checkpoint moves too: at least once for integrators as well.
      await this.publisher!.publishIntegration(batch.flatMap(toIntegrationMessages));
      this.relayed = batch[batch.length - 1].globalPosition;
      this.metrics.eventsRelayed.inc(batch.length);
      this.checkpointTimer ??= setTimeout(() => {
        this.checkpointTimer = undefined;
        void this.storeCheckpoint();
      }, CHECKPOINT_INTERVAL_MS);
    }
  }

  /** Stores the last acknowledged position; saves run one after another, so a slow one never overwrites a later one. */
  private storeCheckpoint(): Promise<void> {
    this.storing = this.storing.then(async () => {
      const position = this.relayed;
      if (position === undefined || position === this.stored) return;
      try {
        await this.checkpoints.saveCheckpoint(RELAY_CHECKPOINT, position);
        this.stored = position;
        this.metrics.relayCheckpoint.set(position);
      } catch (error) {
        // The next save carries the same position or a later one; until then a restart republishes a little more.
        this.logger.warn({ err: error }, 'relay checkpoint not stored');
      }
    });
    return this.storing;
  }
}
