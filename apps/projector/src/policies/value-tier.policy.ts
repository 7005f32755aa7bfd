import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { CustomerCommandExecutor, DOMAIN_RULES, assignValueTiers, systemCommandRunner } from '@crm/application';
import type { DomainRules, RankedCustomer, ValueTier } from '@crm/domain';
import { EVENT_BUS, startConsumer, type EventBus, type StartingConsumer } from '@crm/messaging';
import { APP_CONFIG, CLOCK, LOGGER, type AppConfig, type Clock, type Logger } from '@crm/platform';
import { CUSTOMER_VIEW, DOCUMENT_STORE, READ_MODELS, type DocumentStore, type ReadModelDefinition } from '@crm/read-models';

const VALUE_CHANGES = new Set(['CustomerValueAssessed', 'CustomerRegistered']);

/**
 * Keeps value tiers current as values change: a durable consumer of the log that, after a
 * customer's value is reassessed, re-ranks the whole base by CLP (Pareto) and records every tier
 * that changes. Re-ranking is debounced, so a burst of purchases costs one ranking; the periodic
 * review ranks too, so a ranking missed by a crash is made up at the latest then.
 */
@Injectable()
export class ValueTierPolicy implements OnModuleInit, OnModuleDestroy {
  private consumer: StartingConsumer | undefined;
  private timer: NodeJS.Timeout | undefined;
  private ranking: Promise<void> = Promise.resolve();

  constructor(
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(READ_MODELS) private readonly models: ReadModelDefinition[],
    @Inject(CustomerCommandExecutor) private readonly executor: CustomerCommandExecutor,
    @Inject(DOMAIN_RULES) private readonly rules: DomainRules,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    if (this.config.tierRankingDelayMs === 0) return;
    this.consumer = startConsumer(
      this.bus.consumer(),
      { groupId: 'policy.value-tier' },
      async (events) => {
        if (events.some((event) => VALUE_CHANGES.has(event.type))) this.schedule();
      },
      (error) => this.logger.warn({ err: error }, 'value tier policy consumer not started; retrying'),
    );
  }

  async onModuleDestroy(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.consumer?.stop();
    await this.ranking;
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.ranking = this.ranking.then(async () => void (await this.rank())).catch((error) => this.logger.error({ err: error }, 'value tier ranking failed'));
    }, this.config.tierRankingDelayMs);
  }

  /** Ranks on the unified view, which holds every customer's CLP and tier. */
  async rank(): Promise<number> {
    const definition = this.models.find((model) => model.collection.name === CUSTOMER_VIEW)!;
    const view = await this.documents.collection<{ id: string; clp: { total: number }; valueTier: ValueTier | null }>(definition.collection);
    const customers: RankedCustomer[] = [];
    for await (const doc of view.scan()) customers.push({ customerId: doc.id, clpTotal: doc.clp.total, currentTier: doc.valueTier });
    const asOf = this.clock().toISOString();
    const changed = await assignValueTiers(customers, asOf, this.rules, systemCommandRunner(this.executor, this.clock, 'system:value-tier-policy'));
    if (changed > 0) this.logger.info({ changed, customers: customers.length }, 'value tiers re-ranked');
    return changed;
  }
}
